#if (trigger == "http" && kind == "event")
using System.Text.Json;
using System.Text.Json.Serialization;
#elif (kind == "event" && trigger != "schedule")
using System.Text.Json.Serialization;
#endif
using Insight.Sdk;
#if (trigger == "schedule")
using Insight.Sdk.Aws;
#elif (trigger == "http" && kind == "event")
using Insight.Sdk.Aws;
#endif
#if (kind != "event" && trigger != "schedule")
using Insight.Sdk.Events;
#endif
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace HandlerNamespace;

#if (trigger == "schedule")
/// <summary>Runs on a schedule; each account fires at its own minute slot, so the fleet never calls shared APIs at once.</summary>
[EventHandler(Trigger = Trigger.Schedule, Schedule = "HANDLER_SCHEDULE", MemorySize = 256, TimeoutSeconds = 60)]
public sealed partial class NewHandler(IMetrics metrics, ILogger<NewHandler> log)
{
    /// <summary>Handles one firing of the schedule; the tenant comes from the deployment.</summary>
    public Task HandleAsync(ScheduledEvent scheduled, TenantContext tenant, CancellationToken cancellationToken)
    {
        metrics.Add("ScheduledRuns", 1);
        log.LogInformation("Scheduled run at {Time} for {Tenant}", scheduled.Time, tenant.TenantId);
        return Task.CompletedTask;
    }
}
#elif (trigger == "http" && kind == "event")
/// <summary>Answers <c>HANDLER_ROUTE</c> on the tenant's HTTP API.</summary>
[EventHandler(Trigger = Trigger.HttpApi, Route = "HANDLER_ROUTE", MemorySize = 256, TimeoutSeconds = 5)]
public sealed partial class NewHandler(IMetrics metrics, ILogger<NewHandler> log)
{
    /// <summary>Handles one request; the tenant comes from the deployment, never from the request.</summary>
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant, CancellationToken cancellationToken)
    {
        metrics.Add("Requests", 1);
        log.LogInformation("{Route} for {Tenant}", request.RouteKey, tenant.TenantId);
        return Task.FromResult(new HttpApiResponse
        {
            StatusCode = 200,
            Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
            Body = JsonSerializer.Serialize(new NewHandlerResponse(tenant.TenantId, request.RawPath ?? "/"), NewHandlerJsonContext.Default.NewHandlerResponse),
        });
    }
}

/// <summary>What <see cref="NewHandler"/> answers.</summary>
/// <param name="Tenant">The tenant that answered.</param>
/// <param name="Path">The path that was asked for.</param>
public sealed record NewHandlerResponse(string Tenant, string Path);

/// <summary>JSON metadata for <see cref="NewHandler"/>'s types, so they are written without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NewHandlerResponse))]
public sealed partial class NewHandlerJsonContext : JsonSerializerContext;
#elif (kind == "event")
/// <summary>Handles <see cref="NewHandlerEvent"/> HANDLER_SOURCE.</summary>
[EventHandler(HANDLER_TRIGGER_OPTIONSMemorySize = 256, TimeoutSeconds = 10)]
public sealed partial class NewHandler(IMetrics metrics, ILogger<NewHandler> log)
{
    /// <summary>Handles one event; the tenant comes from the deployment, never from the event.</summary>
    public Task HandleAsync(NewHandlerEvent received, TenantContext tenant, CancellationToken cancellationToken)
    {
        metrics.Add("Events", 1);
        log.LogInformation("Event {EventId} about {Subject} for {Tenant}", received.EventId, received.Subject, tenant.TenantId);
        return Task.CompletedTask;
    }
}

/// <summary>What <see cref="NewHandler"/> receives.</summary>
/// <param name="EventId">Unique per event; a redelivered event carries the same id.</param>
/// <param name="Subject">What the event is about.</param>
public sealed record NewHandlerEvent(string EventId, string Subject);

/// <summary>JSON metadata for <see cref="NewHandlerEvent"/>, so it is read without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NewHandlerEvent))]
public sealed partial class NewHandlerJsonContext : JsonSerializerContext;
#elif (kind == "metric")
/// <summary>Handles productivity measures HANDLER_SOURCE.</summary>
#if (trigger == "http")
[EventHandler(Trigger = Trigger.HttpApi, Route = "HANDLER_ROUTE", MemorySize = 256, TimeoutSeconds = 10)]
#else
[HANDLER_ATTRIBUTE(HANDLER_TRIGGER_OPTIONSMemorySize = 256, TimeoutSeconds = 10)]
#endif
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
#elif (kind == "ergonomics")
/// <summary>Handles ergonomics measures HANDLER_SOURCE.</summary>
#if (trigger == "http")
[EventHandler(Trigger = Trigger.HttpApi, Route = "HANDLER_ROUTE", MemorySize = 256, TimeoutSeconds = 10)]
#else
[HANDLER_ATTRIBUTE(HANDLER_TRIGGER_OPTIONSMemorySize = 256, TimeoutSeconds = 10)]
#endif
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
#else
/// <summary>Handles scans HANDLER_SOURCE.</summary>
#if (trigger == "http")
[EventHandler(Trigger = Trigger.HttpApi, Route = "HANDLER_ROUTE", MemorySize = 256, TimeoutSeconds = 10)]
#else
[HANDLER_ATTRIBUTE(HANDLER_TRIGGER_OPTIONSMemorySize = 256, TimeoutSeconds = 10)]
#endif
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
#endif
