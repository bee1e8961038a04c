using Insight.Sdk.Data;
using Insight.Sdk.Events;

namespace Productivity;

/// <summary>
/// The marker of a metric sample that was counted. The event id is the key, so a redelivered sample finds its marker
/// and adds nothing; the marker expires after SQS's longest retention, when no redelivery can still arrive.
/// </summary>
[DynamoTable("CountedSamples")]
public sealed partial record CountedSample(
    [property: PartitionKey] string EventId,
    string MetricName,
    DateTimeOffset MeasuredAt,
    [property: TimeToLive] DateTimeOffset ExpiresAt)
{
    /// <summary>How long markers are kept: SQS keeps a message at most 14 days.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    /// <summary>The marker of <paramref name="sample"/>.</summary>
    public static CountedSample Of(MetricSample sample) =>
        new(sample.EventId, sample.MetricName, sample.CreatedAt, sample.CreatedAt + Retention);
}

/// <summary>
/// One worker's counters for one clock hour (UTC). Counters start absent and are only ever added to, so concurrent
/// ingest functions never overwrite each other's counts.
/// </summary>
[DynamoTable("WorkerHours")]
public sealed partial record WorkerHour(
    [property: PartitionKey] string WorkerId,
    [property: SortKey] DateTimeOffset HourStart,
    long Scans = 0,
    long Missed = 0,
    double DurationSumMs = 0,
    long DurationCount = 0)
{
    /// <summary>The hour's figures.</summary>
    public HourlyFigures Figures => new(Scans, Missed, DurationSumMs, DurationCount);
}

/// <summary>
/// One shift's counters for one clock hour (UTC). The <c>ByHour</c> index lists every shift that worked in an hour,
/// which is how the hourly close finds the shifts to summarise without a registry of shifts.
/// </summary>
[DynamoTable("ShiftHours")]
public sealed partial record ShiftHour(
    [property: PartitionKey] string ShiftId,
    [property: SortKey, GlobalIndexPartitionKey("ByHour")] DateTimeOffset HourStart,
    long Scans = 0,
    long Missed = 0,
    double DurationSumMs = 0,
    long DurationCount = 0)
{
    /// <summary>The hour's figures.</summary>
    public HourlyFigures Figures => new(Scans, Missed, DurationSumMs, DurationCount);
}

/// <summary>
/// A shift's closed hour: the hour's figures as they stood when it was closed, and the shift's running scans per
/// active hour up to and including it. Written once (only if absent), so a repeated close changes nothing.
/// </summary>
[DynamoTable("ShiftSummaries")]
public sealed partial record ShiftSummary(
    [property: PartitionKey] string ShiftId,
    [property: SortKey] DateTimeOffset HourStart,
    long Scans,
    long Missed,
    double DurationSumMs,
    long DurationCount,
    long ShiftScans,
    int ShiftActiveHours,
    DateTimeOffset ClosedAt)
{
    /// <summary>The closed hour's figures.</summary>
    public HourlyFigures Figures => new(Scans, Missed, DurationSumMs, DurationCount);

    /// <summary>The shift's scans per active hour so far: its scans over the hours in which it scanned at all.</summary>
    public double ShiftScansPerHour => ShiftActiveHours == 0 ? 0 : (double)ShiftScans / ShiftActiveHours;

    /// <summary>
    /// Closes <paramref name="hour"/>, continuing the running figures of the shift's previous closed hour
    /// (<c>null</c> for its first).
    /// </summary>
    public static ShiftSummary Close(ShiftHour hour, ShiftSummary? previous, DateTimeOffset closedAt) => new(
        hour.ShiftId, hour.HourStart, hour.Scans, hour.Missed, hour.DurationSumMs, hour.DurationCount,
        (previous?.ShiftScans ?? 0) + hour.Scans,
        (previous?.ShiftActiveHours ?? 0) + 1,
        closedAt);
}
