using System.Globalization;
using Insight.Sdk.Data;
using Insight.Sdk.Events;

namespace Ergonomics;

/// <summary>
/// The ergonomics risk score of a worker's shift, 0–1:
/// <code>
/// score = 0.4 · min(1, repetitive motions per hour / 1,200)
///       + 0.4 · min(1, strained-posture minutes per hour / 15)
///       + 0.2 · min(1, overhead reaches per hour / 60)
/// </code>
/// Each rate is the measure's total over the hours it was measured in. A component at 1 means the measure is at or
/// beyond its limit; steps are recorded but carry no risk weight. Scores are rounded to three decimals, so a threshold
/// compares as written (0.7 is reached by 0.7, not missed by a rounding error).
/// </summary>
public static class RiskModel
{
    /// <summary>Repetitive motions per hour at which that component is full (20 a minute).</summary>
    public const double RepetitiveMotionsPerHourLimit = 1_200;

    /// <summary>Strained-posture minutes per hour at which that component is full (a quarter of the time).</summary>
    public const double StrainedPostureMinutesPerHourLimit = 15;

    /// <summary>Overhead reaches per hour at which that component is full (one a minute).</summary>
    public const double OverheadReachesPerHourLimit = 60;

    /// <summary>Weight of repetitive motions.</summary>
    public const double RepetitiveMotionsWeight = 0.4;

    /// <summary>Weight of strained posture.</summary>
    public const double StrainedPostureWeight = 0.4;

    /// <summary>Weight of overhead reaches.</summary>
    public const double OverheadReachesWeight = 0.2;

    private const double MillisecondsPerHour = 3_600_000;

    /// <summary>The score of <paramref name="exposure"/> with the rates it is made of.</summary>
    public static RiskScore Score(WorkerExposure exposure)
    {
        var repetitive = PerHour(exposure.RepetitiveMotions, exposure.RepetitiveMotionsWindowMs);
        var strainedMinutes = PerHour(exposure.StrainedPostureSeconds / 60, exposure.StrainedPostureWindowMs);
        var overhead = PerHour(exposure.OverheadReaches, exposure.OverheadReachesWindowMs);
        var components = new (ErgonomicsMeasure Measure, double Weighted)[]
        {
            (ErgonomicsMeasure.RepetitiveMotions, RepetitiveMotionsWeight * Math.Min(1, repetitive / RepetitiveMotionsPerHourLimit)),
            (ErgonomicsMeasure.StrainedPosture, StrainedPostureWeight * Math.Min(1, strainedMinutes / StrainedPostureMinutesPerHourLimit)),
            (ErgonomicsMeasure.OverheadReaches, OverheadReachesWeight * Math.Min(1, overhead / OverheadReachesPerHourLimit)),
        };
        var dominant = components.MaxBy(c => c.Weighted).Measure;
        return new RiskScore(Math.Round(components.Sum(c => c.Weighted), 3), repetitive, strainedMinutes, overhead, dominant);
    }

    /// <summary>
    /// The update that adds <paramref name="measure"/> to its exposure: the value to the measure's total, the window
    /// to its measured time.
    /// </summary>
    /// <exception cref="ContractViolationException">The unit does not fit the measure (a bad event).</exception>
    public static DynamoUpdate<WorkerExposure> ExposureUpdate(ErgonomicsEvent measure)
    {
        var update = new DynamoUpdate<WorkerExposure>();
        _ = measure.Measure switch
        {
            ErgonomicsMeasure.Steps => update.Add(WorkerExposure.Fields.Steps, Count(measure, MeasureUnit.Steps, MeasureUnit.Count))
                .Add(WorkerExposure.Fields.StepsWindowMs, measure.WindowMs),
            ErgonomicsMeasure.RepetitiveMotions => update.Add(WorkerExposure.Fields.RepetitiveMotions, Count(measure, MeasureUnit.Count))
                .Add(WorkerExposure.Fields.RepetitiveMotionsWindowMs, measure.WindowMs),
            ErgonomicsMeasure.StrainedPosture => update.Add(WorkerExposure.Fields.StrainedPostureSeconds, Seconds(measure))
                .Add(WorkerExposure.Fields.StrainedPostureWindowMs, measure.WindowMs),
            ErgonomicsMeasure.OverheadReaches => update.Add(WorkerExposure.Fields.OverheadReaches, Count(measure, MeasureUnit.Count))
                .Add(WorkerExposure.Fields.OverheadReachesWindowMs, measure.WindowMs),
            _ => throw Violation(measure, "measure", $"is not scored: {measure.Measure}"),
        };
        return update
            .Set(WorkerExposure.Fields.LastMeasureAt, measure.CreatedAt)
            .Set(WorkerExposure.Fields.ExpiresAt, measure.CreatedAt + WorkerExposure.Retention);
    }

    private static double PerHour(double total, long windowMs) => windowMs == 0 ? 0 : total / (windowMs / MillisecondsPerHour);

    private static double Count(ErgonomicsEvent measure, params ReadOnlySpan<MeasureUnit> units) =>
        units.Contains(measure.Unit) ? measure.Value : throw Violation(measure, "unit", $"{measure.Measure} is a count, got {measure.Unit}");

    private static double Seconds(ErgonomicsEvent measure)
    {
        var seconds = measure.Unit switch
        {
            MeasureUnit.Seconds => measure.Value,
            MeasureUnit.Milliseconds => measure.Value / 1000,
            _ => throw Violation(measure, "unit", $"{measure.Measure} is a time in s or ms, got {measure.Unit}"),
        };

        // Time in a posture cannot exceed the window it was measured in; more means a broken sensor or clock.
        return seconds * 1000 <= measure.WindowMs
            ? seconds
            : throw Violation(measure, "value", $"{seconds.ToString(CultureInfo.InvariantCulture)} s of strained posture do not fit in a {measure.WindowMs} ms window");
    }

    private static ContractViolationException Violation(ErgonomicsEvent measure, string field, string rule) =>
        new(nameof(ErgonomicsEvent), [new ContractViolation(field, $"{rule} (event {measure.EventId})")]);
}

/// <summary>A risk score with the hourly rates it was computed from and the measure that weighs most in it.</summary>
public sealed record RiskScore(
    double Score,
    double RepetitiveMotionsPerHour,
    double StrainedPostureMinutesPerHour,
    double OverheadReachesPerHour,
    ErgonomicsMeasure DominantMeasure);

/// <summary>UTC calendar days, the unit of the daily digest and of exposures whose shift is unknown.</summary>
public static class UtcDays
{
    /// <summary>The UTC date of <paramref name="time"/>, <c>2026-01-01</c>.</summary>
    public static string Of(DateTimeOffset time) =>
        DateOnly.FromDateTime(time.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
