using Insight.Sdk.Data;
using Insight.Sdk.Events;

namespace Ergonomics;

/// <summary>
/// The marker of an ergonomics event that was added to an exposure. The event id is the key, so a redelivered event
/// finds its marker and adds nothing; EventBridge stops retrying within a day, so a week's retention is plenty.
/// </summary>
[DynamoTable("CountedMeasures")]
public sealed partial record CountedMeasure(
    [property: PartitionKey] string EventId,
    string WorkerId,
    DateTimeOffset MeasuredAt,
    [property: TimeToLive] DateTimeOffset ExpiresAt)
{
    /// <summary>How long markers are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>The marker of <paramref name="measure"/>.</summary>
    public static CountedMeasure Of(ErgonomicsEvent measure) =>
        new(measure.EventId, measure.WorkerId, measure.CreatedAt, measure.CreatedAt + Retention);
}

/// <summary>
/// What a worker was exposed to in one shift: each measure's total and the length of the windows it was measured
/// over, so its rate per hour is total / measured hours. Totals are only ever added to, so concurrent deliveries
/// never overwrite each other.
/// </summary>
[DynamoTable("WorkerExposures")]
public sealed partial record WorkerExposure(
    [property: PartitionKey] string WorkerId,
    [property: SortKey] string ShiftId,
    double Steps = 0,
    long StepsWindowMs = 0,
    double RepetitiveMotions = 0,
    long RepetitiveMotionsWindowMs = 0,
    double StrainedPostureSeconds = 0,
    long StrainedPostureWindowMs = 0,
    double OverheadReaches = 0,
    long OverheadReachesWindowMs = 0,
    DateTimeOffset? LastMeasureAt = null,
    [property: TimeToLive] DateTimeOffset? ExpiresAt = null)
{
    /// <summary>How long exposures are kept, for a quarter's look back.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>
    /// The exposure key of a measure: its shift, or its UTC day (<c>day-2026-01-01</c>) when the scanner did not know
    /// the shift, so such measures still accumulate somewhere bounded in time.
    /// </summary>
    public static string ShiftOf(ErgonomicsEvent measure) =>
        measure.ShiftId ?? "day-" + UtcDays.Of(measure.CreatedAt);
}

/// <summary>
/// A worker's risk score reached the threshold in a shift. Written only if absent, so a worker gets at most one alert
/// per shift however many measures follow; the <c>ByDay</c> index lists a day's alerts for the daily digest.
/// </summary>
[DynamoTable("ErgonomicsAlerts")]
public sealed partial record ErgonomicsAlert(
    [property: PartitionKey] string WorkerId,
    [property: SortKey] string ShiftId,
    [property: GlobalIndexPartitionKey("ByDay")] string Day,
    [property: GlobalIndexSortKey("ByDay")] DateTimeOffset RaisedAt,
    double Score,
    double Threshold,
    ErgonomicsMeasure DominantMeasure,
    string EventId,
    [property: TimeToLive] DateTimeOffset ExpiresAt)
{
    /// <summary>How long alerts are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(365);
}

/// <summary>One UTC day's alerts, summarised by the daily digest. Rewritten whole on each run, so a rerun is harmless.</summary>
[DynamoTable("RiskDigests")]
public sealed partial record RiskDigest(
    [property: PartitionKey] string Day,
    int Alerts,
    int WorkersAlerted,
    double MeanScore,
    double HighestScore,
    string? HighestScoreWorkerId,
    int RepetitiveMotionsAlerts,
    int StrainedPostureAlerts,
    int OverheadReachesAlerts,
    DateTimeOffset ComputedAt)
{
    /// <summary>The digest of <paramref name="day"/> from its alerts (none makes a digest of zeros: the day was quiet).</summary>
    public static RiskDigest Summarise(string day, IReadOnlyCollection<ErgonomicsAlert> alerts, DateTimeOffset computedAt)
    {
        var highest = alerts.MaxBy(a => a.Score);
        return new RiskDigest(
            day,
            alerts.Count,
            alerts.Select(a => a.WorkerId).Distinct(StringComparer.Ordinal).Count(),
            alerts.Count == 0 ? 0 : Math.Round(alerts.Average(a => a.Score), 3),
            highest?.Score ?? 0,
            highest?.WorkerId,
            alerts.Count(a => a.DominantMeasure == ErgonomicsMeasure.RepetitiveMotions),
            alerts.Count(a => a.DominantMeasure == ErgonomicsMeasure.StrainedPosture),
            alerts.Count(a => a.DominantMeasure == ErgonomicsMeasure.OverheadReaches),
            computedAt);
    }
}
