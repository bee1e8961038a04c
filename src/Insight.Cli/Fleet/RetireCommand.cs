using System.CommandLine;
using System.Globalization;
using Insight.Sdk.Fleet;
using Spectre.Console;

namespace Insight.Cli.Fleet;

/// <summary>
/// <c>insight fleet retire</c>: checks the account closure quota, then prints (<c>--dry-run</c>) or writes the runbook
/// that retires one tenant. Calls no AWS API: a person runs the runbook.
/// </summary>
internal static class RetireCommand
{
    /// <summary>Exit code when the closure quota refuses the retirement.</summary>
    public const int RefusedExitCode = 2;

    /// <summary>The closure log used when none is named.</summary>
    public const string DefaultClosureLog = "insight-closures.csv";

    /// <summary>The command, writing to <paramref name="console"/>; <paramref name="clock"/> tells the time (tests fix it).</summary>
    public static Command Create(IAnsiConsole console, TimeProvider? clock = null)
    {
        var time = clock ?? TimeProvider.System;
        var tenant = new Option<string>("--tenant") { Description = "The tenant to retire", Required = true };
        var account = new Option<string>("--account") { Description = "Its AWS account id", Required = true };
        var members = new Option<int>("--member-accounts") { Description = "Member accounts in the organization now (the closure quota is 10% of them)", Required = true };
        var closures = new Option<int?>("--closures-last-30-days") { Description = "Accounts closed in the last 30 days, when no closure log has them" };
        var closureLog = new Option<FileInfo>("--closure-log") { Description = "The closure log (closedAt,accountId,tenantId per line); the runbook appends to it", DefaultValueFactory = _ => new FileInfo(DefaultClosureLog) };
        var exportBucket = new Option<string?>("--export-bucket") { Description = "Export every table to this S3 bucket before the stacks go (otherwise the retained tables stay until the account is closed)" };
        var retiredUnit = new Option<string?>("--retired-ou") { Description = "Organizational unit to move the account to, out of the tenants unit" };
        var fleet = FleetCommand.FleetOption("The platform's insight-fleet.json (default: the sample's, inside the repository)");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the steps instead of writing the runbook" };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the runbook (default: retire-<tenant>-<account>.sh)" };

        var command = new Command("retire", "Check the account closure quota and print or write the ordered, manual runbook that retires one tenant")
        {
            tenant, account, members, closures, closureLog, exportBucket, retiredUnit, fleet, dryRun, output,
        };
        command.SetAction(parse =>
        {
            FleetDescription? description;
            try
            {
                description = FleetCommand.LoadFleet(parse.GetValue(fleet), fallBackToSynthesized: true);
            }
            catch (InvalidDataException exception)
            {
                return Error(console, exception.Message);
            }

            if (description is null)
            {
                return Error(console, "No fleet description: pass --fleet with the platform's insight-fleet.json (the infrastructure app writes it to cdk.out/platform/ when it synthesizes; run from its folder to have it found).");
            }

            var log = parse.GetValue(closureLog)!;
            var request = new RetirementRequest(
                parse.GetValue(tenant)!,
                parse.GetValue(account)!,
                parse.GetValue(exportBucket),
                parse.GetValue(retiredUnit),
                log.FullName,
                description);
            var problems = RetirementPlanner.Problems(request);
            if (parse.GetValue(members) < 1)
            {
                problems = [.. problems, "--member-accounts must be at least 1."];
            }

            if (problems.Count > 0)
            {
                return Error(console, string.Join(Environment.NewLine, problems));
            }

            var now = time.GetUtcNow();
            IReadOnlyList<DateTimeOffset> closed;
            if (parse.GetValue(closures) is { } count)
            {
                // A plain count has no dates: every closure counts as recent.
                closed = [.. Enumerable.Repeat(now, Math.Max(0, count))];
            }
            else if (log.Exists)
            {
                try
                {
                    closed = ClosureLog.Read(log.FullName);
                }
                catch (FormatException exception)
                {
                    return Error(console, exception.Message);
                }
            }
            else
            {
                return Error(console, $"No closure log at {log.FullName}: pass --closure-log with the log the runbooks append to, or --closures-last-30-days with the number of accounts closed in the last 30 days.");
            }

            var decision = ClosureQuota.Decide(parse.GetValue(members), closed, now);
            if (!decision.Allowed)
            {
                console.MarkupLineInterpolated($"[red]{decision.Reason}[/]");
                return RefusedExitCode;
            }

            console.MarkupLineInterpolated($"[green]✓[/] {decision.Reason}");
            var steps = RetirementPlanner.Steps(request);
            if (parse.GetValue(dryRun))
            {
                Print(console, request, steps);
                return 0;
            }

            var path = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"retire-{request.TenantId}-{request.AccountId}.sh");
            File.WriteAllText(path, RetirementPlanner.Script(request, steps, decision, now));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
            }

            console.MarkupLineInterpolated($"Runbook with {steps.Count} steps written to [bold]{path}[/]. Set PLATFORM_PROFILE and MANAGEMENT_PROFILE and run it yourself; it asks before each destructive step.");
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, RetirementRequest request, IReadOnlyList<RetirementStep> steps)
    {
        console.MarkupLineInterpolated($"Retiring tenant [bold]{request.TenantId}[/] (account {request.AccountId}) — {steps.Count} steps, run in order by a person; nothing below has been run:");
        foreach (var step in steps)
        {
            console.WriteLine();
            var confirm = step.Confirm ? " [yellow](asks for the account id first)[/]" : string.Empty;
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]{step.Number}. {Markup.Escape(step.Title)}[/]{confirm}"));
            console.MarkupLineInterpolated($"   [grey]{step.Why} Credentials: {step.Credentials}.[/]");
            foreach (var command in step.Commands)
            {
                // Straight to the writer: commands must not be wrapped or read as markup.
                console.Profile.Out.Writer.WriteLine("   " + command);
            }
        }
    }

    private static int Error(IAnsiConsole console, string message)
    {
        console.MarkupLineInterpolated($"[red]{message}[/]");
        return 1;
    }
}
