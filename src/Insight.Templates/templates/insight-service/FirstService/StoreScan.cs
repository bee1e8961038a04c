using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace FirstService;

/// <summary>Stores each scan from the tenant's event bus once, however often it is delivered.</summary>
[ScanEventHandler(MemorySize = 256, TimeoutSeconds = 10)]
public sealed partial class StoreScan(ScanItemTable scans, IMetrics metrics, ILogger<StoreScan> log)
{
    /// <summary>How long scans are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>Handles one scan.</summary>
    public async Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
    {
        var stored = await scans.TryPutNewAsync(
            new ScanItem(scan.EventId, scan.DeviceSerial, scan.CreatedAt, scan.ScanCode, scan.CreatedAt + Retention), cancellationToken);
        metrics.Add(stored ? "ScansStored" : "ScansDuplicate", 1);
        LogScan(log, scan.EventId, stored, tenant.TenantId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {EventId} stored: {Stored} (tenant {Tenant})")]
    private static partial void LogScan(ILogger logger, string eventId, bool stored, string tenant);
}
