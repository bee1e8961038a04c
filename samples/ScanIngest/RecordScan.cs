using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace ScanIngest;

/// <summary>A scan arrives on the tenant's event bus: judge it, count it, and say what was decided.</summary>
[ScanEventHandler(MemorySize = 256, TimeoutSeconds = 10)]
public sealed partial class RecordScan(ScanRules rules, IMetrics metrics, ILogger<RecordScan> log)
{
    /// <summary>Handles one scan.</summary>
    public Task<ScanReceipt> HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var receipt = rules.Judge(scan);
        ScanCounting.Count(metrics, scan, receipt);
        LogScan(log, scan.EventId, scan.DeviceSerial, receipt.Verdict, tenant.TenantId);
        return Task.FromResult(receipt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {EventId} from {DeviceSerial}: {Verdict} for tenant {Tenant}")]
    private static partial void LogScan(ILogger logger, string eventId, string deviceSerial, ScanVerdict verdict, string tenant);
}
