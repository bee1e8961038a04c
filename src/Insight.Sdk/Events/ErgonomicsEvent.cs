using System.Text.Json.Serialization;

namespace Insight.Sdk.Events;

/// <summary>
/// One ergonomics measure for a worker (<c>event_type: "ergonomics"</c>): steps taken, repetitive motions,
/// time in a strained posture, over a window ending at <see cref="ScannerEvent.TimeCreated"/>.
/// </summary>
public sealed record ErgonomicsEvent : ScannerEvent
{
    /// <summary>The <c>event_type</c> of an ergonomics event.</summary>
    public const string Type = "ergonomics";

    /// <summary>What was measured.</summary>
    [JsonPropertyName("measure")]
    public required ErgonomicsMeasure Measure { get; init; }

    /// <summary>The measured value; finite and not negative.</summary>
    [JsonPropertyName("value")]
    public required double Value { get; init; }

    /// <summary>Unit of <see cref="Value"/>.</summary>
    [JsonPropertyName("unit")]
    public required MeasureUnit Unit { get; init; }

    /// <summary>Length of the window the value covers, in ms (1 ms to 24 h).</summary>
    [JsonPropertyName("window_ms")]
    public required long WindowMs { get; init; }

    /// <summary>Serial of the scanner that measured, 1–128 characters.</summary>
    [JsonPropertyName("device_serial")]
    public required string DeviceSerial { get; init; }

    /// <summary>The worker, 1–128 characters.</summary>
    [JsonPropertyName("worker_id")]
    public required string WorkerId { get; init; }

    /// <summary>The shift, when known.</summary>
    [JsonPropertyName("shift_id")]
    public string? ShiftId { get; init; }

    /// <summary>The station, when known.</summary>
    [JsonPropertyName("station")]
    public string? Station { get; init; }

    /// <inheritdoc/>
    protected override string[] SupportedApiVersions => ["1.0"];

    /// <inheritdoc/>
    protected override string ExpectedEventType => Type;

    private protected override void ValidateFields(ContractRules rules)
    {
        rules.Finite("value", Value);
        if (double.IsFinite(Value) && Value < 0)
        {
            rules.Add("value", $"must not be negative, got {Value}");
        }

        if (WindowMs is < 1 or > 86_400_000)
        {
            rules.Add("window_ms", $"must be between 1 and 86400000, got {WindowMs}");
        }

        rules.Length("device_serial", DeviceSerial, 1, 128)
             .Length("worker_id", WorkerId, 1, 128)
             .Length("shift_id", ShiftId, 1, 128, required: false)
             .Length("station", Station, 1, 128, required: false);
        if (!Enum.IsDefined(Measure))
        {
            rules.Add("measure", $"must be a known measure, got {(int)Measure}");
        }
    }
}

/// <summary>Ergonomics measures.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErgonomicsMeasure>))]
public enum ErgonomicsMeasure
{
    /// <summary>Steps taken in the window.</summary>
    [JsonStringEnumMemberName("steps")]
    Steps,

    /// <summary>Repetitive wrist or arm motions in the window.</summary>
    [JsonStringEnumMemberName("repetitive_motions")]
    RepetitiveMotions,

    /// <summary>Time spent in a strained posture in the window.</summary>
    [JsonStringEnumMemberName("strained_posture")]
    StrainedPosture,

    /// <summary>Overhead reaches in the window.</summary>
    [JsonStringEnumMemberName("overhead_reaches")]
    OverheadReaches,
}
