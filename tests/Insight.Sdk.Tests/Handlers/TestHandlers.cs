using System.Text.Json.Serialization;
using Insight.Sdk;
using Insight.Sdk.Aws;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Insight.Sdk.Tests.Handlers;

/// <summary>What the echo handlers saw, so tests can assert on the runtime's side of the call.</summary>
public sealed record Seen(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("invocation_tenant")] string? InvocationTenant,
    [property: JsonPropertyName("trace_id")] string? TraceId,
    [property: JsonPropertyName("cold_start")] bool ColdStart,
    [property: JsonPropertyName("remaining_ms")] double RemainingMs);

public sealed record Ping([property: JsonPropertyName("mode")] string Mode);

/// <summary>Who called an HTTP route, as the handler sees it.</summary>
public sealed record CallerSeen(
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("tenant")] string? Tenant,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("claims")] int Claims);

[JsonSerializable(typeof(Seen))]
[JsonSerializable(typeof(CallerSeen))]
[JsonSerializable(typeof(Ping))]
public sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>Collects what batch handlers processed; one per environment, like real shared state.</summary>
public sealed class Processed
{
    private readonly List<string> _ids = [];

    public IReadOnlyList<string> Ids
    {
        get
        {
            lock (_ids)
            {
                return [.. _ids];
            }
        }
    }

    public void Add(string id)
    {
        lock (_ids)
        {
            _ids.Add(id);
        }
    }
}

[FunctionStartup]
public static class TestStartup
{
    public static void ConfigureServices(IServiceCollection services) => services.AddSingleton<Processed>();
}

[ScanEventHandler]
public sealed partial class EchoScan(IMetrics metrics, ILogger<EchoScan> log)
{
    public Task<Seen> HandleAsync(ScanEvent scan, TenantContext tenant, InvocationContext invocation)
    {
        metrics.Add("Echoed", 1);
        log.LogInformation("Echo {EventId}", scan.EventId);
        return Task.FromResult(new Seen(scan.EventId, tenant.TenantId, invocation.InvocationTenantId, invocation.TraceId, invocation.IsColdStart, invocation.RemainingTime.TotalMilliseconds));
    }
}

[EventHandler]
public sealed partial class PingHandler
{
    /// <summary>The token of the last "keep" invocation, as work the handler left running would hold it.</summary>
    public static CancellationToken Kept { get; private set; }

    public async ValueTask HandleAsync(Ping ping, CancellationToken cancellationToken)
    {
        switch (ping.Mode)
        {
            case "keep":
                Kept = cancellationToken;
                break;
            case "throw":
                throw new InvalidOperationException("The ping asked to fail.");
            case "hang":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
    }
}

[ScanEventHandler(Trigger = Trigger.SqsBatch, Name = "ScanBatch")]
public sealed partial class ScanBatch(Processed processed)
{
    public ValueTask HandleAsync(ScanEvent scan)
    {
        if (scan.ScanCode == "boom")
        {
            throw new InvalidOperationException($"Scan {scan.EventId} cannot be stored.");
        }

        processed.Add(scan.EventId);
        return ValueTask.CompletedTask;
    }
}

[EventHandler(Trigger = Trigger.HttpApi, Route = "POST /scans")]
public sealed partial class PostScan
{
    public Task<Seen> HandleAsync(ScanEvent scan, TenantContext tenant) =>
        Task.FromResult(new Seen(scan.EventId, tenant.TenantId, null, null, false, 0));
}

[EventHandler(Trigger = Trigger.HttpApi, Route = "POST /me", Scopes = ["profile:read"])]
public sealed partial class WhoAmI
{
    public Task<CallerSeen> HandleAsync(ScanEvent scan, InvocationContext context) =>
        Task.FromResult(new CallerSeen(context.Caller?.Subject, context.Caller?.Tenant, context.Caller?.Scopes ?? [], context.Caller?.Claims.Count ?? -1));
}

#pragma warning disable INS011 // The test of an anonymous route.
[EventHandler(Trigger = Trigger.HttpApi, Route = "POST /probe", Anonymous = "health probe for the load balancer")]
public sealed partial class Probe
{
    public Task<CallerSeen> HandleAsync(ScanEvent scan, InvocationContext context) =>
        Task.FromResult(new CallerSeen(context.Caller?.Subject, context.Caller?.Tenant, context.Caller?.Scopes ?? [], context.Caller?.Claims.Count ?? -1));
}
#pragma warning restore INS011

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(5 minutes)")]
public sealed partial class Tick(Processed processed)
{
    public Task HandleAsync(ScheduledEvent tick)
    {
        processed.Add("tick:" + string.Join(",", tick.Resources));
        return Task.CompletedTask;
    }
}

/// <summary>Stores each scan as a reading: a handler whose work is a DynamoDB write, for the dependency-failure tests.</summary>
[ScanEventHandler(Name = "StoreReading")]
public sealed partial class StoreReading(Insight.Sdk.Tests.Data.ReadingTable readings)
{
    public async Task HandleAsync(ScanEvent scan, CancellationToken cancellationToken) =>
        await readings.PutAsync(new Insight.Sdk.Tests.Data.Reading(scan.DeviceSerial, 1, scan.ScanCode), cancellationToken: cancellationToken);
}
