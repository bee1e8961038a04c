using System.Text.Json.Serialization;

namespace ScanIngest;

/// <summary>What the service says about one scan it was given.</summary>
public sealed record ScanReceipt(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("device_serial")] string DeviceSerial,
    [property: JsonPropertyName("verdict")] ScanVerdict Verdict,
    [property: JsonPropertyName("reason")] string? Reason);

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
public sealed partial class ScanIngestJsonContext : JsonSerializerContext;
