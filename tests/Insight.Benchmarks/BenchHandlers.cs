using System.Text.Json.Serialization;
using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace Insight.Benchmarks.Handlers;

/// <summary>The small result the benchmarked handler returns.</summary>
public sealed record BenchReceipt(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("accepted")] bool Accepted);

[JsonSerializable(typeof(BenchReceipt))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

/// <summary>
/// A typical small scan handler (compare EchoScan in the SDK tests): one metric, one log line, a small result.
/// Run warm by <see cref="InvocationOverheadBenchmarks"/>.
/// </summary>
[ScanEventHandler]
public sealed partial class BenchScan(IMetrics metrics, ILogger<BenchScan> log)
{
    public Task<BenchReceipt> HandleAsync(ScanEvent scan, TenantContext tenant)
    {
        metrics.Add("Scans", 1);
        log.LogInformation("Scan {EventId} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.FromResult(new BenchReceipt(scan.EventId, true));
    }
}
