namespace Productivity;

/// <summary>
/// Scan figures of a span of time: scans done, scans missed (attempts that read nothing) and scan durations. Hour
/// buckets, rolling windows and closed shift hours all answer with these, so the rates are defined once.
/// </summary>
public readonly record struct HourlyFigures(long Scans, long Missed, double DurationSumMs, long DurationCount)
{
    /// <summary>Share of scan attempts that were missed, 0–1: missed / (scans + missed).</summary>
    public double MissedRate => Scans + Missed == 0 ? 0 : (double)Missed / (Scans + Missed);

    /// <summary>Mean duration of the measured scans in ms, or <c>null</c> when none was measured.</summary>
    public double? MeanScanDurationMs => DurationCount == 0 ? null : DurationSumMs / DurationCount;

    /// <summary>The figures of two spans together.</summary>
    public static HourlyFigures operator +(HourlyFigures left, HourlyFigures right) => new(
        left.Scans + right.Scans, left.Missed + right.Missed, left.DurationSumMs + right.DurationSumMs, left.DurationCount + right.DurationCount);
}

/// <summary>Clock hours in UTC, the bucket every figure is counted in.</summary>
public static class Hours
{
    /// <summary>One hour.</summary>
    public static readonly TimeSpan One = TimeSpan.FromHours(1);

    /// <summary>The start of the UTC clock hour that contains <paramref name="time"/>.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
