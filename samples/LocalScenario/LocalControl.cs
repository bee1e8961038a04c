using System.Diagnostics;
using System.Net.Http.Json;
using Insight.Local.Emulation;

namespace LocalScenario;

/// <summary>The local run's control endpoint: its status, and waiting until every event has settled.</summary>
internal sealed class LocalControl(HttpClient http, string controlUrl)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The run's status now (<c>GET {ControlUrl}/status</c>).</summary>
    public async Task<LocalRunStatus> StatusAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync(new Uri(new Uri(controlUrl), "status"), LocalRunJsonContext.Default.LocalRunStatus, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{controlUrl}status answered no status.");

    /// <summary>
    /// Waits until nothing is in flight (no event on a bus, no message in a queue, no retry or invocation pending) in
    /// two polls in a row, telling <paramref name="progress"/> what is left; the status when idle.
    /// </summary>
    /// <exception cref="TimeoutException">The run did not settle within <paramref name="timeout"/>.</exception>
    public async Task<LocalRunStatus> WaitUntilIdleAsync(TimeSpan timeout, Action<LocalRunStatus> progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var idlePolls = 0;
        while (true)
        {
            var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
            progress(status);
            idlePolls = status.InFlight == 0 ? idlePolls + 1 : 0;
            if (idlePolls == 2)
            {
                return status;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"The local run still had {status.InFlight:N0} events and messages in flight after {timeout.TotalMinutes:N0} min.");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
