using System.Globalization;
using Insight.Sdk.Data;
using Insight.Sdk.Events;

namespace Productivity;

/// <summary>
/// What one metric sample adds to the hour it falls into. Productivity counts three measures:
/// <c>scan</c> (scans done, a whole count), <c>missed_scan</c> (attempts that read nothing, a whole count) and
/// <c>scan_duration</c> (one scan's duration, in ms or s). Other measures (battery and the like) are not its concern.
/// </summary>
public readonly record struct SampleContribution(long Scans, long Missed, double DurationMs, long Durations)
{
    /// <summary>The contribution of <paramref name="sample"/>, or <c>null</c> for a measure productivity does not count.</summary>
    /// <exception cref="ContractViolationException">A counted measure with a unit or value it cannot be (a bad record).</exception>
    public static SampleContribution? Of(MetricSample sample) => sample.MetricName switch
    {
        "scan" => new(WholeCount(sample), 0, 0, 0),
        // The event contract's documentation says missed_scans; scanners in the field send missed_scan.
        "missed_scan" or "missed_scans" => new(0, WholeCount(sample), 0, 0),
        "scan_duration" => new(0, 0, Milliseconds(sample), 1),
        _ => null,
    };

    /// <summary>The update that adds this contribution to an hour bucket's counters.</summary>
    /// <remarks>Every counter is added, zeros included, so a bucket always holds all four and the update is never empty.</remarks>
    public DynamoUpdate<T> ToUpdate<T>(
        DynamoField<T, long> scans, DynamoField<T, long> missed, DynamoField<T, double> durationSumMs, DynamoField<T, long> durationCount) =>
        new DynamoUpdate<T>().Add(scans, Scans).Add(missed, Missed).Add(durationSumMs, DurationMs).Add(durationCount, Durations);

    private static long WholeCount(MetricSample sample)
    {
        if (sample.Unit != MeasureUnit.Count)
        {
            throw Violation(sample, "unit", $"{sample.MetricName} is a count, got {sample.Unit}");
        }

        return sample.Value >= 0 && sample.Value == Math.Floor(sample.Value) && sample.Value <= int.MaxValue
            ? (long)sample.Value
            : throw Violation(sample, "value", $"{sample.MetricName} must be a whole number of at least 0, got {sample.Value.ToString(CultureInfo.InvariantCulture)}");
    }

    private static double Milliseconds(MetricSample sample)
    {
        var milliseconds = sample.Unit switch
        {
            MeasureUnit.Milliseconds => sample.Value,
            MeasureUnit.Seconds => sample.Value * 1000,
            _ => throw Violation(sample, "unit", $"{sample.MetricName} is a duration in ms or s, got {sample.Unit}"),
        };
        return milliseconds >= 0
            ? milliseconds
            : throw Violation(sample, "value", $"{sample.MetricName} must not be negative, got {sample.Value.ToString(CultureInfo.InvariantCulture)}");
    }

    private static ContractViolationException Violation(MetricSample sample, string field, string rule) =>
        new(nameof(MetricSample), [new ContractViolation(field, $"{rule} (event {sample.EventId})")]);
}
