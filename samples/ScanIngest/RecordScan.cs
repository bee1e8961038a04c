using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace ScanIngest;

/// <summary>
/// A scan arrives on the tenant's event bus: judge it, store it once (redeliveries are recognised by event id),
/// count it for its device and station, and say what was decided.
/// </summary>
[ScanEventHandler(MemorySize = 256, TimeoutSeconds = 10)]
public sealed partial class RecordScan(ScanRules rules, ScanRecordTable scans, ScanStatsTable stats, IMetrics metrics, ILogger<RecordScan> log)
{
    /// <summary>Handles one scan.</summary>
    public async Task<ScanReceipt> HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
    {
        var receipt = rules.Judge(scan);
        var stored = await ScanLedger.RecordAsync(scans, stats, scan, receipt, cancellationToken);
        ScanCounting.Count(metrics, scan, receipt, duplicate: !stored);
        LogScan(log, scan.EventId, scan.DeviceSerial, receipt.Verdict, !stored, tenant.TenantId);
        return receipt with { Duplicate = !stored };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {EventId} from {DeviceSerial}: {Verdict} (duplicate: {Duplicate}) for tenant {Tenant}")]
    private static partial void LogScan(ILogger logger, string eventId, string deviceSerial, ScanVerdict verdict, bool duplicate, string tenant);
}
