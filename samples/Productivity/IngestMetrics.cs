using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;

namespace Productivity;

/// <summary>
/// Metric samples buffered in an SQS queue, counted into hourly buckets per worker and per shift. Each sample counts
/// once however often it is delivered; a sample that breaks its contract fails alone and goes back to the queue
/// (then to its dead-letter queue), its batch-mates do not.
/// </summary>
[MetricHandler(Trigger = Trigger.SqsBatch, BatchSize = 100, TimeoutSeconds = 60)]
public sealed partial class IngestMetrics(CountedSampleTable counted, WorkerHourTable workerHours, ShiftHourTable shiftHours, IMetrics metrics)
{
    /// <summary>Handles one message of the batch.</summary>
    public async ValueTask HandleAsync(MetricSample sample, CancellationToken cancellationToken)
    {
        if (SampleContribution.Of(sample) is not { } contribution)
        {
            metrics.Add("SamplesIgnored", 1);
            return;
        }

        // Retrying cannot give a sample a worker or a shift, so it is dropped and counted rather than failed.
        if (sample.WorkerId is null && sample.ShiftId is null)
        {
            metrics.Add("SamplesUnattributed", 1);
            return;
        }

        var firstDelivery = await ProductivityLedger.CountAsync(counted, workerHours, shiftHours, sample, contribution, cancellationToken);
        metrics.Add(firstDelivery ? "SamplesCounted" : "SamplesDuplicate", 1);
    }
}
