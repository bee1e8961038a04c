using System.CommandLine;
using Insight.Sdk.Fleet;
using Spectre.Console;

namespace Insight.Cli.Fleet;

/// <summary><c>insight fleet</c>: planning rollouts to the fleet, pricing an idle account and retiring tenants, without calling AWS.</summary>
internal static class FleetCommand
{
    /// <summary>The command with its subcommands, writing to <paramref name="console"/> (the terminal by default).</summary>
    public static Command Create(IAnsiConsole? console = null)
    {
        var output = console ?? AnsiConsole.Console;
        return new Command("fleet", "Plan StackSet rollouts to the tenant fleet, price an idle account and retire tenants; prints plans and runbooks, calls no AWS API")
        {
            PlanCommand.Create(output),
            CostCommand.Create(output),
            RetireCommand.Create(output),
        };
    }

    /// <summary>The <c>--fleet</c> option: the platform's <c>insight-fleet.json</c>.</summary>
    public static Option<FileInfo?> FleetOption(string description) => new("--fleet") { Description = description };

    /// <summary>The fleet description given, or the one a synth in the current folder wrote (<c>cdk.out/platform/</c>); null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a fleet description.</exception>
    public static FleetDescription? LoadFleet(FileInfo? file, bool fallBackToSynthesized)
    {
        if (file is not null)
        {
            return file.Exists ? FleetDescription.Load(file.FullName) : throw new InvalidDataException($"{file.FullName} does not exist.");
        }

        var synthesized = SynthesizedPath(Environment.CurrentDirectory);
        return fallBackToSynthesized && File.Exists(synthesized) ? FleetDescription.Load(synthesized) : null;
    }

    /// <summary>Where an infrastructure app run in <paramref name="folder"/> writes the description by default.</summary>
    public static string SynthesizedPath(string folder) => Path.Combine(folder, "cdk.out", "platform", FleetDescription.FileName);
}
