using System.Text.Json.Serialization;

namespace ScanIngest;

/// <summary>What the service says about one scan it was given.</summary>
public sealed record ScanReceipt(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("device_serial")] string DeviceSerial,
    [property: JsonPropertyName("verdict")] ScanVerdict Verdict,
    [property: JsonPropertyName("reason")] string? Reason)
{
    /// <summary>Whether the event had been recorded before (a redelivery), so this delivery changed nothing.</summary>
    [JsonPropertyName("duplicate")]
    public bool Duplicate { get; init; }
}

/// <summary>A device's or station's counts, as the stats endpoint answers.</summary>
public sealed record StatsView(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("error_rate")] double ErrorRate);

/// <summary>Whether a scan's code is usable.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScanVerdict>))]
public enum ScanVerdict
{
    /// <summary>The code passes the checks for its symbology.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>The code fails a check (for example a wrong check digit): a misread or a damaged label.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
}

/// <summary>Source-generated JSON metadata for this service's own types.</summary>
[JsonSerializable(typeof(ScanReceipt))]
[JsonSerializable(typeof(StatsView))]
public sealed partial class ScanIngestJsonContext : JsonSerializerContext;
