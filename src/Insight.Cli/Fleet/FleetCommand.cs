using System.CommandLine;
using Insight.Cli.Local;
using Insight.Sdk.Fleet;
using Spectre.Console;

namespace Insight.Cli.Fleet;

/// <summary><c>insight fleet</c>: planning rollouts to the fleet and retiring tenants, without calling AWS.</summary>
internal static class FleetCommand
{
    /// <summary>The command with its subcommands, writing to <paramref name="console"/> (the terminal by default).</summary>
    public static Command Create(IAnsiConsole? console = null)
    {
        var output = console ?? AnsiConsole.Console;
        return new Command("fleet", "Plan StackSet rollouts to the tenant fleet and retire tenants; prints plans and runbooks, calls no AWS API")
        {
            PlanCommand.Create(output),
            RetireCommand.Create(output),
        };
    }

    /// <summary>The <c>--fleet</c> option: the platform's <c>insight-fleet.json</c>.</summary>
    public static Option<FileInfo?> FleetOption(string description) => new("--fleet") { Description = description };

    /// <summary>The fleet description given, or the sample's when run inside the repository; null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a fleet description.</exception>
    public static FleetDescription? LoadFleet(FileInfo? file, bool fallBackToSample)
    {
        if (file is not null)
        {
            return file.Exists ? FleetDescription.Load(file.FullName) : throw new InvalidDataException($"{file.FullName} does not exist.");
        }

        var root = fallBackToSample ? RepositoryRoot.Find(Environment.CurrentDirectory) : null;
        return root is not null && File.Exists(SamplePath(root)) ? FleetDescription.Load(SamplePath(root)) : null;
    }

    /// <summary>Where <c>dotnet run --project samples/Infra</c> writes the description, relative to the repository root.</summary>
    public static string SamplePath(string repositoryRoot) => Path.Combine(repositoryRoot, "samples", "Infra", "cdk.out", "platform", FleetDescription.FileName);
}
