using Insight.Sdk.Manifest;
using System.Diagnostics;
using Insight.Local.RuntimeApi;
using Insight.Sdk.Data;

namespace Insight.Cli.Local;

/// <summary>
/// One function of one tenant, as one Lambda execution environment: a Runtime API server and the service's
/// <c>bootstrap</c> polling it. Like Lambda, it handles one invocation at a time.
/// </summary>
internal sealed class LocalFunction : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly string TableVariablePrefix = DynamoTableNames.VariableFor(string.Empty);

    private readonly RuntimeApiServer _server;
    private readonly Process _process;
    private readonly Task _exit;
    private readonly Task<IReadOnlyList<string>> _standardOutput;
    private readonly Task<IReadOnlyList<string>> _standardError;
    private readonly InvocationOptions _invocationOptions;
    private readonly string _name;
    private Task<IReadOnlyList<string>>? _stopped;

    private LocalFunction(RuntimeApiServer server, Process process, string name, TimeSpan timeout)
    {
        _server = server;
        _process = process;
        _name = name;
        _exit = process.WaitForExitAsync();
        _standardOutput = ReadLinesAsync(process.StandardOutput);
        _standardError = ReadLinesAsync(process.StandardError);
        _invocationOptions = new InvocationOptions { Timeout = timeout };
    }

    /// <summary>
    /// Starts the function's bootstrap with the environment Lambda would give it in <paramref name="tenant"/>'s account,
    /// plus <paramref name="tableEnvironment"/>, and waits until it polls for work.
    /// </summary>
    public static async Task<LocalFunction> StartAsync(
        PublishedService service, FunctionManifest function, LocalTenant tenant, IReadOnlyDictionary<string, string> tableEnvironment, CancellationToken cancellationToken)
    {
        var server = await RuntimeApiServer.StartAsync(cancellationToken).ConfigureAwait(false);
        server.FunctionArn = $"arn:aws:lambda:{LocalTenant.Region}:{tenant.AccountId}:function:{service.Name}-{function.Name}";

        var start = new ProcessStartInfo(service.Bootstrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = server.Address;
        start.Environment["_HANDLER"] = function.Handler;
        start.Environment["INSIGHT_TENANT_ID"] = tenant.TenantId;
        start.Environment["INSIGHT_ACCOUNT_ID"] = tenant.AccountId;
        start.Environment["AWS_REGION"] = LocalTenant.Region;
        start.Environment["AWS_LAMBDA_LOG_LEVEL"] = "WARN";

        // Only the tables the function uses: one named in this shell's environment must not reach it.
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith(TableVariablePrefix, StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (variable, value) in tableEnvironment)
        {
            start.Environment[variable] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LocalRunException($"{service.Bootstrap} did not start.");
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var running = new LocalFunction(server, process, $"{function.Name} of {tenant.TenantId}", TimeSpan.FromSeconds(function.TimeoutSeconds));
        try
        {
            await running.WaitUntilPollingAsync(cancellationToken).ConfigureAwait(false);
            return running;
        }
        catch
        {
            await running.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Invokes the function once and returns what it answered.</summary>
    /// <exception cref="LocalRunException">The bootstrap exited instead of answering.</exception>
    public async Task<InvocationOutcome> InvokeAsync(byte[] payload, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var invocation = _server.InvokeAsync(payload, _invocationOptions, abandon.Token);
        if (await Task.WhenAny(invocation, _exit).ConfigureAwait(false) != invocation)
        {
            await abandon.CancelAsync().ConfigureAwait(false);
            throw await ExitedAsync().ConfigureAwait(false);
        }

        return await invocation.ConfigureAwait(false);
    }

    /// <summary>Ends the bootstrap and the server; returns every line the function wrote to standard output.</summary>
    public Task<IReadOnlyList<string>> StopAsync() => _stopped ??= StopOnceAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task WaitUntilPollingAsync(CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(_server.FirstNextRequest, _server.InitError, _exit)
            .WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
        if (first == _server.InitError)
        {
            var report = await _server.InitError.ConfigureAwait(false);
            throw new LocalRunException($"{_name} failed to initialise ({report.ErrorType}): {report.ErrorMessage}");
        }

        if (first == _exit)
        {
            throw await ExitedAsync().ConfigureAwait(false);
        }
    }

    private async Task<LocalRunException> ExitedAsync()
    {
        var errors = await _standardError.ConfigureAwait(false);
        return new LocalRunException($"{_name} exited with code {_process.ExitCode}.{string.Concat(errors.TakeLast(10).Select(line => "\n  " + line))}");
    }

    private async Task<IReadOnlyList<string>> StopOnceAsync()
    {
        // The bootstrap goes first: stopping the server under it would make it report a Runtime API failure.
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _exit.ConfigureAwait(false);
        var lines = await _standardOutput.ConfigureAwait(false);
        await _standardError.ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
        return lines;
    }

    private static async Task<IReadOnlyList<string>> ReadLinesAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
