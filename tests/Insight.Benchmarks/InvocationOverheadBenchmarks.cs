using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Insight.Local.RuntimeApi;
using Insight.Sdk.Hosting;
using Insight.Sdk.Observability;

namespace Insight.Benchmarks;

/// <summary>
/// Warm invocation overhead: one EventBridge scan through a generated handler running in-process on
/// <see cref="FunctionHost"/>, against a hand-written loop that makes the same two Runtime API calls
/// (GET /next, POST /response) with no SDK. Both sides pay the same local Runtime API server round trip, so
/// the ratio isolates what the SDK adds: envelope parsing, validation, DI scope, logging, metrics, serialization.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 3, warmupCount: 5, iterationCount: 20)]
public class InvocationOverheadBenchmarks
{
    private const string EventId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    /// <summary>An EventBridge event whose detail is a valid compact-form scan (as in the SDK tests' WireEvents).</summary>
    private const string Payload =
        """{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"scan","source":"insight.scanners","account":"123456789012","time":"2026-01-01T00:00:00Z","region":"eu-central-1","resources":[],"detail":{"api_version":"1.0","event_type":"scan","event_id":"0f8fad5b-d9cb-469f-a165-70867728950e","time_created":1767225600000,"scan_code":"4006381333931","device_serial":"M2-0001"}}""";

    /// <summary>What the raw loop posts: the same bytes the generated handler answers with.</summary>
    private static readonly byte[] RawResponse = Encoding.UTF8.GetBytes($$"""{"event_id":"{{EventId}}","accepted":true}""");

    private readonly CancellationTokenSource _stop = new();
    private RuntimeApiServer _sdkServer = null!;
    private RuntimeApiServer _baselineServer = null!;
    private Task<int> _sdkLoop = null!;
    private Task _baselineLoop = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _sdkServer = await RuntimeApiServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = _sdkServer.Address,
            ["_HANDLER"] = Handlers.BenchScan.HandlerKey,
            ["INSIGHT_TENANT_ID"] = "t1",
            ["INSIGHT_ACCOUNT_ID"] = "123456789012",
            ["AWS_REGION"] = "eu-central-1",
        };
        var options = new FunctionHostOptions
        {
            Environment = name => environment.GetValueOrDefault(name),
            Output = new OutputSink(Stream.Null),
            ExportTraceId = false,
        };
        _sdkLoop = Task.Run(() => FunctionHost.RunAsync(InsightService.Definition, options, _stop.Token));

        _baselineServer = await RuntimeApiServer.StartAsync();
        _baselineLoop = Task.Run(() => RawLoopAsync(_baselineServer.Address, _stop.Token));

        // Both sides must answer exactly alike, or the comparison means nothing.
        var sdk = await _sdkServer.InvokeAsync(Payload).WaitAsync(TimeSpan.FromSeconds(30));
        var raw = await _baselineServer.InvokeAsync(Payload).WaitAsync(TimeSpan.FromSeconds(30));
        if (sdk.IsError || raw.IsError || sdk.BodyText != raw.BodyText)
        {
            throw new InvalidOperationException($"The two runtimes answer differently: SDK {sdk.ErrorType} {sdk.BodyText}; raw {raw.ErrorType} {raw.BodyText}.");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<InvocationOutcome> RawRuntimeLoop() => _baselineServer.InvokeAsync(Payload);

    [Benchmark]
    public Task<InvocationOutcome> GeneratedHandler() => _sdkServer.InvokeAsync(Payload);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _stop.CancelAsync();
        var exit = await _sdkLoop.WaitAsync(TimeSpan.FromSeconds(10));
        await _baselineServer.DisposeAsync();
        await _sdkServer.DisposeAsync();
        try
        {
            await _baselineLoop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException)
        {
            // Stopped mid-poll, as intended.
        }

        _stop.Dispose();
        if (exit != 0)
        {
            throw new InvalidOperationException($"FunctionHost exited with {exit}.");
        }
    }

    /// <summary>A Lambda custom runtime with nothing in it: fetch, answer with fixed bytes, repeat.</summary>
    private static async Task RawLoopAsync(string runtimeApi, CancellationToken stop)
    {
        var root = $"http://{runtimeApi}/2018-06-01/runtime/invocation/";
        var next = new Uri(root + "next");
        var json = new MediaTypeHeaderValue("application/json");

        // An HttpClient as a plain custom runtime would set one up: no proxy, the connection kept. The SDK's
        // RuntimeApiClient also drops the cookie, redirect and trace-header stages, which this loop keeps.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        while (!stop.IsCancellationRequested)
        {
            string requestId;
            using (var invocation = await http.GetAsync(next, HttpCompletionOption.ResponseContentRead, stop).ConfigureAwait(false))
            {
                invocation.EnsureSuccessStatusCode();
                requestId = invocation.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
                _ = await invocation.Content.ReadAsByteArrayAsync(stop).ConfigureAwait(false);
            }

            using var content = new ByteArrayContent(RawResponse);
            content.Headers.ContentType = json;
            using var answer = await http.PostAsync(new Uri(root + Uri.EscapeDataString(requestId) + "/response"), content, stop).ConfigureAwait(false);
            answer.EnsureSuccessStatusCode();
        }
    }
}
