using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace Ergonomics;

/// <summary>
/// An ergonomics measure arrives on the tenant's event bus: add it once to the worker's shift exposure, score it and,
/// the first time in the shift that the score reaches the tenant's threshold, raise an alert (<see cref="ExposureLedger"/>).
/// </summary>
[ErgonomicsHandler(MemorySize = 256, TimeoutSeconds = 10)]
public sealed partial class ScoreErgonomics(
    CountedMeasureTable counted, WorkerExposureTable exposures, ErgonomicsAlertTable alerts, ErgonomicsSettings settings,
    IMetrics metrics, ILogger<ScoreErgonomics> log)
{
    /// <summary>Handles one measure; the result carries the alert when this delivery raised one.</summary>
    public async Task<RiskAssessment> HandleAsync(ErgonomicsEvent measure, CancellationToken cancellationToken)
    {
        var assessment = await ExposureLedger.RecordAsync(counted, exposures, alerts, settings, measure, cancellationToken);
        ExposureLedger.Report(assessment, metrics, log);
        return assessment;
    }
}
