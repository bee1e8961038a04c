using Insight.Sdk.Data;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace Ergonomics;

/// <summary>
/// Adds a measure once to the worker's shift exposure (redeliveries are recognised by event id), scores the exposure
/// (<see cref="RiskModel"/>) and, the first time in the shift that the score reaches the tenant's threshold, raises an
/// alert. Both ingest paths use it; handlers pass their tables in, so their constructors keep saying which tables they
/// use (their permissions are derived from that).
/// </summary>
public static partial class ExposureLedger
{
    /// <summary>Records and scores <paramref name="measure"/>; the result carries the alert when this delivery raised one.</summary>
    /// <exception cref="ContractViolationException">The unit does not fit the measure; nothing is written.</exception>
    public static async Task<RiskAssessment> RecordAsync(
        CountedMeasureTable counted, WorkerExposureTable exposures, ErgonomicsAlertTable alerts, ErgonomicsSettings settings,
        ErgonomicsEvent measure, CancellationToken cancellationToken)
    {
        var shift = WorkerExposure.ShiftOf(measure);
        var duplicate = !await AddOnceAsync(counted, exposures, measure, shift, cancellationToken);

        // Consistent, so the score includes the write just made; a concurrent measure may be included too, which is right.
        var exposure = await exposures.GetAsync(measure.WorkerId, shift, consistentRead: true, cancellationToken)
            ?? throw new InvalidOperationException($"The exposure of worker {measure.WorkerId} in {shift} is missing after it was written.");
        var risk = RiskModel.Score(exposure);

        // Checked on redeliveries too: if the first delivery failed between its writes, this one raises the alert.
        AlertView? raised = null;
        if (risk.Score >= settings.Threshold)
        {
            var alert = new ErgonomicsAlert(
                measure.WorkerId, shift, UtcDays.Of(measure.CreatedAt), measure.CreatedAt, risk.Score, settings.Threshold,
                risk.DominantMeasure, measure.EventId, measure.CreatedAt + ErgonomicsAlert.Retention);
            if (await alerts.TryPutNewAsync(alert, cancellationToken))
            {
                raised = AlertView.Of(alert);
            }
        }

        return new RiskAssessment(measure.EventId, measure.WorkerId, shift, risk.Score, settings.Threshold, duplicate, raised);
    }

    /// <summary>The measures both ingest paths record, so dashboards see one set of names, and the alert log line.</summary>
    public static void Report(RiskAssessment assessment, IMetrics metrics, ILogger log)
    {
        metrics.Add(assessment.Duplicate ? "MeasuresDuplicate" : "MeasuresScored", 1);
        if (assessment.Alert is { } alert)
        {
            metrics.Add("ErgonomicsAlerts", 1);
            LogAlert(log, assessment.WorkerId, assessment.ShiftId, alert.Score, alert.Threshold, alert.DominantMeasure);
        }
    }

    /// <summary>Adds the measure to its exposure together with its marker; <c>false</c> when it was added before.</summary>
    private static async Task<bool> AddOnceAsync(
        CountedMeasureTable counted, WorkerExposureTable exposures, ErgonomicsEvent measure, string shift, CancellationToken cancellationToken)
    {
        var transaction = counted.BeginTransaction();
        transaction.Put(counted, CountedMeasure.Of(measure), new PutOptions { OnlyIfAbsent = true });
        transaction.Update(exposures, WorkerExposure.Key(measure.WorkerId, shift), RiskModel.ExposureUpdate(measure));
        try
        {
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (ConditionFailedException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ergonomics alert for worker {WorkerId} in {ShiftId}: score {Score} reached {Threshold} (mostly {Measure})")]
    private static partial void LogAlert(ILogger logger, string workerId, string shiftId, double score, double threshold, ErgonomicsMeasure measure);
}
