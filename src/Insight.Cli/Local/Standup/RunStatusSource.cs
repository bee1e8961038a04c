using System.Text.Json;
using Insight.Local.Emulation;
using Microsoft.AspNetCore.Http;

namespace Insight.Cli.Local.Standup;

/// <summary>The run's control endpoint: <c>GET /status</c> answers the run's <see cref="LocalRunStatus"/>; 503 until every tenant is up.</summary>
internal sealed class RunStatusSource
{
    /// <summary>Where the status comes from, once the run is up.</summary>
    public Func<LocalRunStatus>? Source { get; set; }

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != "/status")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (Source is not { } source)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("""{"message":"The run is starting."}""", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(source(), LocalRunJsonContext.Default.LocalRunStatus), context.RequestAborted).ConfigureAwait(false);
    }
}
