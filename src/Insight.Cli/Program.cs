using System.CommandLine;
using Insight.Cli.Commands;

var root = new RootCommand("insight: tools for services built with the Insight SDK.")
{
    LocalCommand.Create(),
    SendCommand.Create(),
    TokenCommand.Create(),
    StatusCommand.Create(),
    ItemsCommand.Create(),
    UrlCommand.Create(),
    Insight.Cli.Fleet.FleetCommand.Create(),
    Insight.Cli.Build.BuildCommand.Create(),
};

// Ctrl+C cancels the command; the time allowed here lets it stop every process and server it started.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
