using Insight.Local.RuntimeApi;
using Insight.Sdk.Hosting;
using Insight.Sdk.Observability;

namespace Insight.Testing;

/// <summary>
/// One generated function of a sample service, running in-process through <see cref="FunctionHost"/> against a local
/// Runtime API server: the same initialisation, dispatch and DI as its native bootstrap on Lambda.
/// </summary>
public sealed class ServiceFunction : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly RuntimeApiServer _server;
    private Task<int> _exit = Task.FromResult(0);

    private ServiceFunction(RuntimeApiServer server) => _server = server;

    /// <summary>Starts <paramref name="handler"/> of <paramref name="service"/> with the deployment's variables and <paramref name="environment"/>.</summary>
    public static async Task<ServiceFunction> StartAsync(ServiceDefinition service, string handler, IReadOnlyDictionary<string, string> environment)
    {
        var server = await RuntimeApiServer.StartAsync();
        var variables = new Dictionary<string, string>(environment)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = server.Address,
            ["_HANDLER"] = handler,
            ["INSIGHT_TENANT_ID"] = "acme-logistics",
            ["INSIGHT_ACCOUNT_ID"] = "210987654321",
            ["AWS_REGION"] = "eu-central-1",
        };
        var function = new ServiceFunction(server);
        var options = new FunctionHostOptions
        {
            Environment = variables.GetValueOrDefault,
            Output = new OutputSink(Stream.Null),
            ExportTraceId = false,
        };
        function._exit = Task.Run(() => FunctionHost.RunAsync(service, options, function._stop.Token));
        return function;
    }

    /// <summary>What initialisation reported when it failed.</summary>
    public Task<InitErrorReport> InitError => _server.InitError;

    /// <summary>Invokes the function with <paramref name="payload"/> and waits for its outcome.</summary>
    public Task<InvocationOutcome> InvokeAsync(string payload) => _server.InvokeAsync(payload).WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _exit.WaitAsync(TimeSpan.FromSeconds(10));
        await _server.DisposeAsync();
        _stop.Dispose();
    }
}
