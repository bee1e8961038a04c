using System.Text;
using System.Text.Json;
using Insight.Local.RuntimeApi;
using Insight.Sdk.Hosting;
using Insight.Sdk.Observability;

namespace Insight.Sdk.Tests.Runtime;

/// <summary>
/// One function of the test service running in-process through <see cref="FunctionHost"/> against a local
/// Runtime API server, with its log output captured.
/// </summary>
public sealed class RunningFunction : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _output = new();

    private RunningFunction(RuntimeApiServer server, Dictionary<string, string> environment)
    {
        Server = server;
        Environment = environment;
    }

    public RuntimeApiServer Server { get; }

    public Dictionary<string, string> Environment { get; }

    public Task<int> Exit { get; private set; } = Task.FromResult(0);

    public static async Task<RunningFunction> StartAsync(string handler, Action<Dictionary<string, string>>? configure = null)
    {
        var server = await RuntimeApiServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = server.Address,
            ["_HANDLER"] = handler,
            ["INSIGHT_TENANT_ID"] = "acme-logistics",
            ["INSIGHT_ACCOUNT_ID"] = "210987654321",
            ["AWS_REGION"] = "eu-central-1",
        };
        configure?.Invoke(environment);

        var function = new RunningFunction(server, environment);
        var options = new FunctionHostOptions
        {
            Environment = name => environment.GetValueOrDefault(name),
            Output = new OutputSink(Stream.Synchronized(function._output)),
            ExportTraceId = false,
        };
        function.Exit = Task.Run(() => FunctionHost.RunAsync(Insight.Sdk.Tests.InsightService.Definition, options, function._stop.Token));
        return function;
    }

    public Task<InvocationOutcome> InvokeAsync(string payload, InvocationOptions? options = null) =>
        Server.InvokeAsync(payload, options).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Every line written so far, parsed.</summary>
    public IReadOnlyList<JsonElement> OutputLines()
    {
        string text;
        lock (_output)
        {
            text = Encoding.UTF8.GetString(_output.ToArray());
        }

        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Exit.WaitAsync(TimeSpan.FromSeconds(10));
        await Server.DisposeAsync();
        _stop.Dispose();
    }
}
