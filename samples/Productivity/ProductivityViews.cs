using System.Text.Json.Serialization;

namespace Productivity;

/// <summary>A worker's productivity over a rolling window of clock hours, as the productivity endpoint answers.</summary>
public sealed record ProductivityView(
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("hours")] int Hours,
    [property: JsonPropertyName("window_start")] DateTimeOffset WindowStart,
    [property: JsonPropertyName("window_end")] DateTimeOffset WindowEnd,
    [property: JsonPropertyName("scans")] long Scans,
    [property: JsonPropertyName("missed")] long Missed,
    [property: JsonPropertyName("scans_per_hour")] double ScansPerHour,
    [property: JsonPropertyName("missed_rate")] double MissedRate,
    [property: JsonPropertyName("mean_scan_duration_ms")] double? MeanScanDurationMs,
    [property: JsonPropertyName("hourly")] IReadOnlyList<HourView> Hourly);

/// <summary>One clock hour of a worker's window (hours without any sample are left out).</summary>
public sealed record HourView(
    [property: JsonPropertyName("hour_start")] DateTimeOffset HourStart,
    [property: JsonPropertyName("scans")] long Scans,
    [property: JsonPropertyName("missed")] long Missed,
    [property: JsonPropertyName("mean_scan_duration_ms")] double? MeanScanDurationMs);

/// <summary>Why a request was refused.</summary>
public sealed record ErrorView([property: JsonPropertyName("error")] string Error);

/// <summary>Source-generated JSON metadata for this service's own types.</summary>
[JsonSerializable(typeof(ProductivityView))]
[JsonSerializable(typeof(ErrorView))]
public sealed partial class ProductivityJsonContext : JsonSerializerContext;
