using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace Ergonomics;

/// <summary>
/// Ergonomics measures buffered in an SQS queue (a wearable's gateway that was offline catches up). Each message is
/// recorded and scored as <see cref="ScoreErgonomics"/> does; a message that breaks its contract fails alone and goes
/// back to the queue, its batch-mates do not.
/// </summary>
[ErgonomicsHandler(Trigger = Trigger.SqsBatch, BatchSize = 50, TimeoutSeconds = 60)]
public sealed partial class IngestErgonomicsBatch(
    CountedMeasureTable counted, WorkerExposureTable exposures, ErgonomicsAlertTable alerts, ErgonomicsSettings settings,
    IMetrics metrics, ILogger<IngestErgonomicsBatch> log)
{
    /// <summary>Handles one message of the batch.</summary>
    public async ValueTask HandleAsync(ErgonomicsEvent measure, CancellationToken cancellationToken)
    {
        var assessment = await ExposureLedger.RecordAsync(counted, exposures, alerts, settings, measure, cancellationToken);
        ExposureLedger.Report(assessment, metrics, log);
    }
}
