using System.Text.Json.Serialization;

namespace Insight.Sdk.Events;

/// <summary>
/// One productivity measure at a point in time (<c>event_type: "metric"</c>): scan duration, missed scanning
/// attempts, battery and the like, with the attributes that identify who and where.
/// </summary>
public sealed record MetricSample : ScannerEvent
{
    /// <summary>The <c>event_type</c> of a metric sample.</summary>
    public const string Type = "metric";

    /// <summary>Measure name, 1–128 characters, for example <c>scan_duration</c> or <c>missed_scans</c>.</summary>
    [JsonPropertyName("metric_name")]
    public required string MetricName { get; init; }

    /// <summary>The measured value; finite.</summary>
    [JsonPropertyName("value")]
    public required double Value { get; init; }

    /// <summary>Unit of <see cref="Value"/>.</summary>
    [JsonPropertyName("unit")]
    public required MeasureUnit Unit { get; init; }

    /// <summary>Serial of the scanner that measured, 1–128 characters.</summary>
    [JsonPropertyName("device_serial")]
    public required string DeviceSerial { get; init; }

    /// <summary>The worker wearing the scanner, when known (1–128 characters).</summary>
    [JsonPropertyName("worker_id")]
    public string? WorkerId { get; init; }

    /// <summary>The station, when known (1–128 characters).</summary>
    [JsonPropertyName("station")]
    public string? Station { get; init; }

    /// <summary>The shift, when known (1–128 characters).</summary>
    [JsonPropertyName("shift_id")]
    public string? ShiftId { get; init; }

    /// <summary>Further identifying attributes (firmware, symbology, process group...).</summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <inheritdoc/>
    protected override string[] SupportedApiVersions => ["1.0"];

    /// <inheritdoc/>
    protected override string ExpectedEventType => Type;

    private protected override void ValidateFields(ContractRules rules)
    {
        rules.Length("metric_name", MetricName, 1, 128)
             .Finite("value", Value)
             .Length("device_serial", DeviceSerial, 1, 128)
             .Length("worker_id", WorkerId, 1, 128, required: false)
             .Length("station", Station, 1, 128, required: false)
             .Length("shift_id", ShiftId, 1, 128, required: false);
        if (!Enum.IsDefined(Unit))
        {
            rules.Add("unit", $"must be a known unit, got {(int)Unit}");
        }
    }
}

/// <summary>Units of measures. Their names follow CloudWatch's units where one fits.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeasureUnit>))]
public enum MeasureUnit
{
    /// <summary>A plain count.</summary>
    [JsonStringEnumMemberName("count")]
    Count,

    /// <summary>Milliseconds.</summary>
    [JsonStringEnumMemberName("ms")]
    Milliseconds,

    /// <summary>Seconds.</summary>
    [JsonStringEnumMemberName("s")]
    Seconds,

    /// <summary>Percent, 0–100.</summary>
    [JsonStringEnumMemberName("percent")]
    Percent,

    /// <summary>Steps walked.</summary>
    [JsonStringEnumMemberName("steps")]
    Steps,

    /// <summary>Degrees of joint angle.</summary>
    [JsonStringEnumMemberName("deg")]
    Degrees,

    /// <summary>No unit.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}
