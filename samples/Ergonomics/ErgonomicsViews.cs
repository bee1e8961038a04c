using System.Text.Json.Serialization;
using Insight.Sdk.Events;

namespace Ergonomics;

/// <summary>What scoring one ergonomics event concluded.</summary>
public sealed record RiskAssessment(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("shift_id")] string ShiftId,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("duplicate")] bool Duplicate,
    [property: JsonPropertyName("alert")] AlertView? Alert);

/// <summary>An alert, as results and the risk endpoint show it.</summary>
public sealed record AlertView(
    [property: JsonPropertyName("raised_at")] DateTimeOffset RaisedAt,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("dominant_measure")] ErgonomicsMeasure DominantMeasure)
{
    /// <summary>The view of a stored alert.</summary>
    public static AlertView Of(ErgonomicsAlert alert) => new(alert.RaisedAt, alert.Score, alert.Threshold, alert.DominantMeasure);
}

/// <summary>A worker's risk in each recent shift, most recent first, as the risk endpoint answers.</summary>
public sealed record WorkerRiskView(
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("shifts")] IReadOnlyList<ShiftRiskView> Shifts);

/// <summary>A worker's risk in one shift.</summary>
public sealed record ShiftRiskView(
    [property: JsonPropertyName("shift_id")] string ShiftId,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("repetitive_motions_per_hour")] double RepetitiveMotionsPerHour,
    [property: JsonPropertyName("strained_posture_minutes_per_hour")] double StrainedPostureMinutesPerHour,
    [property: JsonPropertyName("overhead_reaches_per_hour")] double OverheadReachesPerHour,
    [property: JsonPropertyName("steps")] double Steps,
    [property: JsonPropertyName("last_measure_at")] DateTimeOffset? LastMeasureAt,
    [property: JsonPropertyName("alert")] AlertView? Alert);

/// <summary>Why a request was refused.</summary>
public sealed record ErrorView([property: JsonPropertyName("error")] string Error);

/// <summary>Source-generated JSON metadata for this service's own types.</summary>
[JsonSerializable(typeof(RiskAssessment))]
[JsonSerializable(typeof(WorkerRiskView))]
[JsonSerializable(typeof(ErrorView))]
public sealed partial class ErgonomicsJsonContext : JsonSerializerContext;
