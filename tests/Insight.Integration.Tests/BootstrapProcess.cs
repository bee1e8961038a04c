using System.Collections.Concurrent;
using System.Diagnostics;
using Insight.Local.RuntimeApi;

namespace Insight.Integration.Tests;

/// <summary>The published bootstrap running as its own process against a local Runtime API server.</summary>
public sealed class BootstrapProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private BootstrapProcess(RuntimeApiServer server, Process process)
    {
        Server = server;
        _process = process;
    }

    public RuntimeApiServer Server { get; }

    public IReadOnlyList<string> StandardOutput => [.. _stdout];

    public IReadOnlyList<string> StandardError => [.. _stderr];

    public static async Task<BootstrapProcess> StartAsync(string bootstrap, string handler, Action<IDictionary<string, string?>>? configure = null)
    {
        var server = await RuntimeApiServer.StartAsync();
        var start = new ProcessStartInfo(bootstrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = server.Address;
        start.Environment["_HANDLER"] = handler;
        start.Environment["INSIGHT_TENANT_ID"] = "northwind-dc-7";
        start.Environment["INSIGHT_ACCOUNT_ID"] = "345678901234";
        start.Environment["AWS_REGION"] = "eu-central-1";
        configure?.Invoke(start.Environment);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new BootstrapProcess(server, process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) running._stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) running._stderr.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    public Task<InvocationOutcome> InvokeAsync(string payload) => Server.InvokeAsync(payload).WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>Waits for the process to end and returns its exit code and how long that took.</summary>
    public async Task<(int ExitCode, TimeSpan Elapsed)> WaitForExitAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return (_process.ExitCode, watch.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await Server.DisposeAsync();
    }
}
