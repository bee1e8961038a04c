using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace HandlerNamespace;

#if (kind == "scan")
/// <summary>Handles scans from the tenant's event bus.</summary>
[ScanEventHandler(MemorySize = 256, TimeoutSeconds = 10)]
public sealed partial class NewHandler(IMetrics metrics, ILogger<NewHandler> log)
{
    /// <summary>Handles one scan; the tenant comes from the deployment, never from the event.</summary>
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
    {
        metrics.Add("Scans", 1);
        log.LogInformation("Scan {EventId} from {DeviceSerial} for {Tenant}", scan.EventId, scan.DeviceSerial, tenant.TenantId);
        return Task.CompletedTask;
    }
}
#elif (kind == "metric")
/// <summary>Handles productivity measures from the tenant's event bus.</summary>
[MetricHandler(MemorySize = 256, TimeoutSeconds = 10)]
public sealed partial class NewHandler(IMetrics metrics, ILogger<NewHandler> log)
{
    /// <summary>Handles one measure; the tenant comes from the deployment, never from the event.</summary>
    public Task HandleAsync(MetricSample sample, TenantContext tenant, CancellationToken cancellationToken)
    {
        metrics.Add(sample.MetricName, sample.Value, MetricUnit.None);
        log.LogInformation("Measure {Name} = {Value} from {DeviceSerial} for {Tenant}", sample.MetricName, sample.Value, sample.DeviceSerial, tenant.TenantId);
        return Task.CompletedTask;
    }
}
#else
/// <summary>Handles ergonomics measures from the tenant's event bus.</summary>
[ErgonomicsHandler(MemorySize = 256, TimeoutSeconds = 10)]
public sealed partial class NewHandler(IMetrics metrics, ILogger<NewHandler> log)
{
    /// <summary>Handles one measure; the tenant comes from the deployment, never from the event.</summary>
    public Task HandleAsync(ErgonomicsEvent measure, TenantContext tenant, CancellationToken cancellationToken)
    {
        metrics.Add("ErgonomicsMeasures", 1);
        log.LogInformation("{Measure} = {Value} for worker {Worker} of {Tenant}", measure.Measure, measure.Value, measure.WorkerId, tenant.TenantId);
        return Task.CompletedTask;
    }
}
#endif
