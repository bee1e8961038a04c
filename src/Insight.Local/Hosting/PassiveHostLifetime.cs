using Microsoft.Extensions.Hosting;

namespace Insight.Local.Hosting;

/// <summary>
/// Leaves process signals to the host application: the default console lifetime would capture Ctrl+C/SIGTERM
/// of whatever process hosts the local servers.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
