using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;


// Parameters whose names say it all go without a <param> tag.
#pragma warning disable CS1573
namespace Insight.Cli.Local.Standup;

/// <summary>
/// A small HTTP server on the loopback interface that hands every request to one handler: the tenants' HTTP APIs and
/// the run's control endpoint. Process signals stay with the tool, which stops its servers itself.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The server's address, without a trailing slash (<c>http://127.0.0.1:4100</c>).</summary>
    public string Url { get; }

    /// <summary>Starts listening on <paramref name="port"/> (0: a free one).</summary>
    /// <param name="what">What the server is, for the message when the port is taken.</param>
    /// <exception cref="LocalRunException">The port is in use.</exception>
    public static async Task<LoopbackServer> StartAsync(int port, string what, RequestDelegate handle, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = 10 * 1024 * 1024; // API Gateway's payload limit
            options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        var app = builder.Build();
        app.Run(handle);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new LocalRunException(
                $"Port {port.ToString(CultureInfo.InvariantCulture)} is already in use, so {what} cannot listen there: stop what uses it or choose another port. ({exception.Message})");
        }

        var bound = new Uri(app.Urls.Single());
        return new LoopbackServer(app, $"http://127.0.0.1:{bound.Port.ToString(CultureInfo.InvariantCulture)}");
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(deadline.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
