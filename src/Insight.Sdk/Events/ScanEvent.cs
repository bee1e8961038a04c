using System.Text.Json.Serialization;

namespace Insight.Sdk.Events;

/// <summary>
/// A barcode scan as scanner fleets send it (<c>event_type: "scan"</c>). Accepts the compact form
/// (<c>api_version "1.0"</c>) and the richer live-data form (<c>"0.5"</c>); unknown fields are ignored.
/// </summary>
public sealed record ScanEvent : ScannerEvent
{
    /// <summary>The <c>event_type</c> of a scan.</summary>
    public const string Type = "scan";

    /// <summary>The scanned data, 1–2000 characters.</summary>
    [JsonPropertyName("scan_code")]
    public required string ScanCode { get; init; }

    /// <summary>Serial of the worker's scanner, 1–128 characters.</summary>
    [JsonPropertyName("device_serial")]
    public required string DeviceSerial { get; init; }

    /// <summary>Serial of the gateway that forwarded the scan, 1–128 characters, when known.</summary>
    [JsonPropertyName("gateway_serial")]
    public string? GatewaySerial { get; init; }

    /// <summary>Barcode symbology, for example <c>CODE 128</c>, <c>QR Code</c>, <c>DataMatrix</c> (live-data form).</summary>
    [JsonPropertyName("scan_decode_symbology")]
    public string? Symbology { get; init; }

    /// <summary>Scanner model (live-data form).</summary>
    [JsonPropertyName("device_model")]
    public string? DeviceModel { get; init; }

    /// <summary>Scanner firmware version (live-data form).</summary>
    [JsonPropertyName("device_firmware")]
    public string? DeviceFirmware { get; init; }

    /// <summary>Scanner battery in percent, 0–100 (live-data form).</summary>
    [JsonPropertyName("device_battery")]
    public double? DeviceBattery { get; init; }

    /// <summary>Server-side receive time in Unix milliseconds (live-data form).</summary>
    [JsonPropertyName("time_received")]
    public long? TimeReceived { get; init; }

    /// <summary>Gateway id (live-data form).</summary>
    [JsonPropertyName("gateway_id")]
    public string? GatewayId { get; init; }

    /// <summary>Station the gateway is assigned to (live-data form).</summary>
    [JsonPropertyName("station_name")]
    public string? StationName { get; init; }

    /// <summary>Measures attached to the scan, for example <c>bce_duration</c> in ms (live-data form).</summary>
    [JsonPropertyName("metrics")]
    public IReadOnlyList<ScanMeasure>? Metrics { get; init; }

    /// <summary>Trigger-to-decode time in ms, when the scanner reported <c>bce_duration</c>.</summary>
    [JsonIgnore]
    public double? ScanDurationMs => Metrics?.FirstOrDefault(m => m.Name == "bce_duration")?.Value;

    /// <inheritdoc/>
    protected override string[] SupportedApiVersions => ["1.0", "0.5"];

    /// <inheritdoc/>
    protected override string ExpectedEventType => Type;

    private protected override void ValidateFields(ContractRules rules)
    {
        rules.Length("scan_code", ScanCode, 1, 2000)
             .Length("device_serial", DeviceSerial, 1, 128)
             .Length("gateway_serial", GatewaySerial, 1, 128, required: false);
        if (DeviceBattery is { } battery)
        {
            rules.Range("device_battery", battery, 0, 100);
        }
    }
}

/// <summary>One measure attached to a live-data scan.</summary>
public sealed record ScanMeasure
{
    /// <summary>Measure name, for example <c>bce_duration</c>.</summary>
    [JsonPropertyName("metric_name")]
    public string? Name { get; init; }

    /// <summary>Measure type as the scanner reports it.</summary>
    [JsonPropertyName("metric_type")]
    public string? Type { get; init; }

    /// <summary>Unit, for example <c>ms</c>.</summary>
    [JsonPropertyName("metric_unit")]
    public string? Unit { get; init; }

    /// <summary>The measured value.</summary>
    [JsonPropertyName("metric_value")]
    public double? Value { get; init; }
}
