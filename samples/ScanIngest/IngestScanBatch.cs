using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;

namespace ScanIngest;

/// <summary>
/// Scans buffered in an SQS queue (a gateway that was offline catches up). Each message is judged and stored on its
/// own; a message that is not a valid scan fails alone and goes back to the queue, its batch-mates do not.
/// </summary>
[ScanEventHandler(Trigger = Trigger.SqsBatch, BatchSize = 100, TimeoutSeconds = 60)]
public sealed partial class IngestScanBatch(ScanRules rules, ScanRecordTable scans, ScanStatsTable stats, IMetrics metrics)
{
    /// <summary>Handles one message of the batch.</summary>
    public async ValueTask HandleAsync(ScanEvent scan, CancellationToken cancellationToken)
    {
        var receipt = rules.Judge(scan);
        var stored = await ScanLedger.RecordAsync(scans, stats, scan, receipt, cancellationToken);
        ScanCounting.Count(metrics, scan, receipt, duplicate: !stored);
    }
}

/// <summary>The scan measures both ingest paths record, so dashboards see one set of names.</summary>
internal static class ScanCounting
{
    public static void Count(IMetrics metrics, ScanEvent scan, ScanReceipt receipt, bool duplicate)
    {
        if (duplicate)
        {
            metrics.Add("ScansDuplicate", 1);
            return;
        }

        metrics.Add(receipt.Verdict == ScanVerdict.Accepted ? "ScansAccepted" : "ScansRejected", 1);
        if (scan.ScanDurationMs is { } duration)
        {
            metrics.Add("ScanDuration", duration, MetricUnit.Milliseconds);
        }
    }
}
