using System.Diagnostics;
using System.Net.Http.Json;
using Insight.Local.Emulation;

namespace Insight.Local.Client;

/// <summary>A running <c>insight local</c>'s control endpoint: its status, and waiting until every event has settled.</summary>
/// <param name="http">The client to ask with.</param>
/// <param name="controlUrl">The run's <c>ControlUrl</c>.</param>
public sealed class LocalControlClient(HttpClient http, string controlUrl)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The run's status now (<c>GET {ControlUrl}/status</c>).</summary>
    /// <exception cref="LocalRunNotFoundException">The run does not answer (it has stopped).</exception>
    public async Task<LocalRunStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var url = new Uri(new Uri(controlUrl.EndsWith('/') ? controlUrl : controlUrl + "/"), "status");
        try
        {
            return await http.GetFromJsonAsync(url, LocalRunJsonContext.Default.LocalRunStatus, cancellationToken).ConfigureAwait(false)
                ?? throw new LocalRunNotFoundException($"{url} answered no status.");
        }
        catch (HttpRequestException exception)
        {
            throw new LocalRunNotFoundException($"The local run's control endpoint {url} does not answer ({exception.Message}); has it stopped?", exception);
        }
    }

    /// <summary>
    /// Waits until nothing is in flight (no event on a bus, no message in a queue, no retry or invocation pending) in
    /// two polls in a row, telling <paramref name="progress"/> each status; the status when idle.
    /// </summary>
    /// <exception cref="TimeoutException">The run did not settle within <paramref name="timeout"/>.</exception>
    public async Task<LocalRunStatus> WaitUntilIdleAsync(TimeSpan timeout, Action<LocalRunStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var idlePolls = 0;
        while (true)
        {
            var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
            progress?.Invoke(status);
            idlePolls = status.InFlight == 0 ? idlePolls + 1 : 0;
            if (idlePolls == 2)
            {
                return status;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"The local run still had {status.InFlight:N0} events and messages in flight after {timeout.TotalSeconds:N0} s.");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
