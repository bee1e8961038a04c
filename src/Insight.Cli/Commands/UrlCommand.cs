using System.CommandLine;
using Insight.Local.Client;

namespace Insight.Cli.Commands;

/// <summary>
/// <c>insight url</c>: where a tenant of the running <c>insight local</c> is reached — its HTTP API (every service's
/// routes on one port) or, with <c>--events</c>, its PutEvents endpoint — for scripts (<c>curl "$(insight url --tenant t)/orders"</c>).
/// </summary>
internal static class UrlCommand
{
    /// <summary>The command, writing the URL to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant (a tenant of the running local)", Required = true };
        var events = new Option<bool>("--events") { Description = "The tenant's PutEvents endpoint instead of its HTTP API" };
        var state = new Option<string?>("--state") { Description = $"The local run's state file (default: ${LocalRunStateFile.EnvironmentVariable}, else .insight/local/run.json at or above this folder)" };
        var command = new Command("url", "Print the URL of a tenant's HTTP API (or, with --events, its PutEvents endpoint) in the running insight local") { tenant, events, state };
        command.SetAction(parse =>
        {
            var err = error ?? Console.Error;
            try
            {
                var account = LocalRunStateFile.Load(parse.GetValue(state), Environment.CurrentDirectory).Tenant(parse.GetValue(tenant)!);
                var url = parse.GetValue(events) ? account.EventsUrl : account.HttpApiUrl;
                if (url is null)
                {
                    err.WriteLine($"{account.TenantId} has no HTTP API in the local run: none of its services has a route.");
                    return 1;
                }

                (output ?? Console.Out).WriteLine(url.TrimEnd('/'));
                return 0;
            }
            catch (LocalRunNotFoundException exception)
            {
                err.WriteLine(exception.Message);
                return 1;
            }
        });
        return command;
    }
}
