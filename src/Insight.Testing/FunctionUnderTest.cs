using Insight.Local.RuntimeApi;
using Insight.Sdk.Hosting;
using Insight.Sdk.Observability;

namespace Insight.Testing;

/// <summary>
/// One function of a service — its generated invoker, with the same initialisation, dependency injection and dispatch
/// as its native bootstrap on Lambda — running in-process against a local Lambda Runtime API server written to AWS's
/// spec. Start it from the service's generated definition (<c>InsightService.Definition</c>) and the handler's key.
/// </summary>
public sealed class FunctionUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly RuntimeApiServer _server;
    private readonly MemoryStream _output = new();
    private Task<int> _exit = Task.FromResult(0);

    private FunctionUnderTest(RuntimeApiServer server, TestTenant tenant)
    {
        _server = server;
        Tenant = tenant;
    }

    /// <summary>The deployment the function runs in.</summary>
    public TestTenant Tenant { get; }

    /// <summary>
    /// Starts the function <paramref name="handlerKey"/> of <paramref name="service"/> for <paramref name="tenant"/>, with
    /// <paramref name="environment"/> added (for example what <see cref="DynamoDbLocalFixture.CreateTablesAsync(Insight.Sdk.Manifest.ServiceManifest)"/> returns).
    /// </summary>
    public static async Task<FunctionUnderTest> StartAsync(
        ServiceDefinition service, string handlerKey, IReadOnlyDictionary<string, string>? environment = null, TestTenant? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(handlerKey);
        tenant ??= new TestTenant();
        var server = await RuntimeApiServer.StartAsync().ConfigureAwait(false);
        var variables = new Dictionary<string, string>(tenant.Environment)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = server.Address,
            ["_HANDLER"] = handlerKey,
            ["AWS_LAMBDA_FUNCTION_NAME"] = $"{service.ServiceName}-{handlerKey}",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        var function = new FunctionUnderTest(server, tenant);
        var options = new FunctionHostOptions
        {
            Environment = variables.GetValueOrDefault,
            Output = new OutputSink(Stream.Synchronized(function._output)),
            ExportTraceId = false,
        };
        function._exit = Task.Run(() => FunctionHost.RunAsync(service, options, function._stop.Token));
        return function;
    }

    /// <summary>What initialisation reported, when it failed (a missing setting, an unknown handler key).</summary>
    public Task<InitErrorReport> InitError => _server.InitError;

    /// <summary>Invokes the function with <paramref name="payload"/> (see <see cref="Envelopes"/>) and returns its outcome.</summary>
    /// <exception cref="TimeoutException">No outcome within <paramref name="timeout"/> (30 s by default).</exception>
    public Task<InvocationOutcome> InvokeAsync(string payload, TimeSpan? timeout = null) =>
        _server.InvokeAsync(payload).WaitAsync(timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>The function's log and metric lines so far (JSON lines, as CloudWatch Logs would receive them).</summary>
    public IReadOnlyList<string> OutputLines()
    {
        lock (_output)
        {
            return System.Text.Encoding.UTF8.GetString(_output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _exit.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        await _output.DisposeAsync().ConfigureAwait(false);
    }
}
