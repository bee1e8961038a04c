using System.CommandLine;
using System.Globalization;
using Insight.Sdk.Fleet;
using Spectre.Console;

namespace Insight.Cli.Fleet;

/// <summary><c>insight fleet plan</c>: simulates a release rolling out through every service's stack set and prints the plan.</summary>
internal static class PlanCommand
{
    // The platform's defaults (PlatformSettings.Rollout); --fleet takes the configured ones instead.
    private const int DefaultMaxConcurrentPercentage = 10;
    private const int DefaultFailureTolerancePercentage = 5;
    private const int DefaultRetryRounds = 2;

    /// <summary>The command, writing to <paramref name="console"/>.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var accounts = new Option<int>("--accounts") { Description = "Tenant accounts (one stack instance per service and region each)", Required = true };
        var services = new Option<int>("--services") { Description = "Services, one stack set each", Required = true };
        var changed = new Option<int?>("--changed-services")
        {
            Description = "Services whose code or template changed in this release; with content-addressed keys only their stack sets are updated, and the plan shows the difference to updating all",
        };
        var regions = new Option<string>("--regions") { Description = "Regions in rollout order, comma-separated", DefaultValueFactory = _ => "eu-central-1" };
        var maxConcurrent = new Option<int>("--max-concurrent-percentage") { Description = "Share of accounts updated at once per stack set and region", DefaultValueFactory = _ => DefaultMaxConcurrentPercentage };
        var tolerance = new Option<int>("--failure-tolerance-percentage") { Description = "Share of accounts that may fail per stack set and region before the operation stops", DefaultValueFactory = _ => DefaultFailureTolerancePercentage };
        var mode = new Option<ConcurrencyMode>("--concurrency-mode") { Description = "strict (StackSets' default) or soft failure tolerance", DefaultValueFactory = _ => ConcurrencyMode.Strict };
        var regionConcurrency = new Option<RegionConcurrency>("--region-concurrency") { Description = "sequential or parallel", DefaultValueFactory = _ => RegionConcurrency.Sequential };
        var mean = new Option<double>("--instance-minutes-mean") { Description = "Mean minutes one stack instance update takes", DefaultValueFactory = _ => 4 };
        var stddev = new Option<double>("--instance-minutes-stddev") { Description = "Standard deviation of those minutes (0 for a fixed duration)", DefaultValueFactory = _ => 2 };
        var shape = new Option<DurationShape>("--duration-distribution") { Description = "lognormal or normal (clipped at 5% of the mean)", DefaultValueFactory = _ => DurationShape.LogNormal };
        var failure = new Option<double>("--failure-probability") { Description = "Chance that one stack instance update fails", DefaultValueFactory = _ => 0.002 };
        var retries = new Option<int>("--retry-rounds") { Description = "Rounds in which the pipeline re-runs failed instances", DefaultValueFactory = _ => DefaultRetryRounds };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulation; the same seed gives the same plan", DefaultValueFactory = _ => 42 };
        var fleet = FleetCommand.FleetOption("The platform's insight-fleet.json: its regions and operation preferences become the defaults");

        var command = new Command("plan", "Simulate a release rolling out to every tenant account under the StackSets quotas: waves, duration, failures and retries")
        {
            accounts, services, changed, regions, maxConcurrent, tolerance, mode, regionConcurrency, mean, stddev, shape, failure, retries, seed, fleet,
        };
        command.SetAction(parse =>
        {
            FleetDescription? description;
            try
            {
                description = FleetCommand.LoadFleet(parse.GetValue(fleet), fallBackToSynthesized: false);
            }
            catch (InvalidDataException exception)
            {
                console.MarkupLineInterpolated($"[red]{exception.Message}[/]");
                return 1;
            }

            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            var configured = description?.Rollout;
            var settings = new RolloutSettings(
                parse.GetValue(accounts),
                parse.GetValue(services),
                description is { Regions.Count: > 0 } && !Given(regions)
                    ? description.Regions
                    : [.. parse.GetValue(regions)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                configured is not null && !Given(maxConcurrent) ? configured.MaxConcurrentPercentage : parse.GetValue(maxConcurrent),
                configured is not null && !Given(tolerance) ? configured.FailureTolerancePercentage : parse.GetValue(tolerance),
                configured is not null && !Given(mode) ? (configured.ConcurrencyMode == "SOFT_FAILURE_TOLERANCE" ? ConcurrencyMode.Soft : ConcurrencyMode.Strict) : parse.GetValue(mode),
                configured is not null && !Given(regionConcurrency) ? (configured.RegionConcurrency == "PARALLEL" ? RegionConcurrency.Parallel : RegionConcurrency.Sequential) : parse.GetValue(regionConcurrency),
                parse.GetValue(shape),
                parse.GetValue(mean),
                parse.GetValue(stddev),
                parse.GetValue(failure),
                configured is not null && !Given(retries) ? configured.RetryRounds : parse.GetValue(retries),
                parse.GetValue(seed));
            var problems = settings.Problems();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    console.MarkupLineInterpolated($"[red]{problem}[/]");
                }

                return 1;
            }

            if (parse.GetValue(changed) is not { } changedServices)
            {
                PlanView.Write(console, RolloutPlanner.Plan(settings));
                return 0;
            }

            if (changedServices < 0 || changedServices > settings.Services)
            {
                console.MarkupLineInterpolated($"[red]--changed-services must be between 0 and --services ({settings.Services}).[/]");
                return 1;
            }

            // Unchanged services keep their code and template keys, so their stack sets see no change and are not updated.
            var all = RolloutPlanner.Plan(settings);
            var changedPlan = changedServices == 0 ? null : RolloutPlanner.Plan(settings with { Services = changedServices });
            if (changedPlan is null)
            {
                console.MarkupLine("No service changed: every template is byte-identical, no stack set is updated, no stack instance is touched.");
            }
            else
            {
                PlanView.Write(console, changedPlan);
            }

            var changedInstances = changedPlan?.Settings.Instances ?? 0;
            var changedMinutes = changedPlan?.TotalMinutes ?? 0;
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[bold]Content-addressed release[/]: {changedServices:N0} of {settings.Services:N0} services changed: {changedInstances:N0} stack instance updates in {PlanView.Minutes(changedMinutes)}, instead of {settings.Instances:N0} in {PlanView.Minutes(all.TotalMinutes)} when every service is updated."));
            return 0;
        });
        return command;
    }
}

/// <summary>Prints a rollout plan: the settings and quotas, each stack set's operation, the follow-up and what failures mean.</summary>
internal static class PlanView
{
    /// <summary>Writes <paramref name="plan"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, RolloutPlan plan)
    {
        var s = plan.Settings;
        var initial = s.ConcurrencyMode == ConcurrencyMode.Strict ? Math.Min(s.MaxConcurrentAccounts, s.ToleratedFailures + 1) : s.MaxConcurrentAccounts;
        Line(console, $"[bold]Rollout plan[/]: {s.Accounts:N0} accounts × {s.Services:N0} services × {s.Regions.Count} region(s)");
        Line(console, $"  = {s.Instances:N0} stack instances, one StackSets operation per service (seed {s.Seed})");
        Line(console, $"Per stack set and region: at most {s.MaxConcurrentPercentage}% = {s.MaxConcurrentAccounts:N0} accounts at once,");
        Line(console, $"  failure tolerance {s.FailureTolerancePercentage}% = {s.ToleratedFailures:N0} failures; {(s.ConcurrencyMode == ConcurrencyMode.Strict ? "STRICT" : "SOFT")}_FAILURE_TOLERANCE: {initial:N0} at once");
        Line(console, $"Regions {s.RegionConcurrency.ToString().ToUpperInvariant()}: {Markup.Escape(string.Join(", ", s.Regions))}");
        Line(console, $"Instance update: {(s.DurationShape == DurationShape.LogNormal ? "log-normal" : "normal")}, mean {s.InstanceMinutesMean:0.0#} min, sd {s.InstanceMinutesStddev:0.0#} min, fails {s.FailureProbability:0.###%}");
        console.WriteLine();

        var cap = StackSetQuotas.ConcurrentInstanceOperationsPerRegion.Value;
        var quotas = new List<string[]>
        {
            new[] { "StackSets quota (AWS default)", "Limit", "This rollout" },
            Quota(StackSetQuotas.StackSetsPerAdministrator, Format($"{s.Services:N0}")),
            Quota(StackSetQuotas.InstancesPerStackSet, Format($"{(long)s.Accounts * s.Regions.Count:N0}")),
            Quota(StackSetQuotas.ConcurrentInstanceOperationsPerRegion, Format($"{plan.PeakConcurrentInstances:N0} at peak{(plan.PeakConcurrentInstances >= cap ? ", bound" : string.Empty)}")),
            Quota(StackSetQuotas.RunningOperationsPerStackSet, "1 (vending queues)"),
            Quota(StackSetQuotas.QueuedOperationsPerStackSet, Format($"{1 + s.RetryRounds} at most")),
        };
        Columns(console, quotas, rightAligned: [false, true, true]);
        console.WriteLine();

        var rows = new List<string[]> { new[] { "#", "Region", "Waves", "At once", "Duration", "Updated", "Failed", "Skipped", "Outcome" } };
        foreach (var operation in plan.Operations)
        {
            foreach (var region in operation.Regions)
            {
                rows.Add(
                [
                    Format($"{operation.StackSet + 1:00}"),
                    region.Region,
                    Format($"{region.Waves:N0}"),
                    Format($"{region.InitialConcurrency:N0}"),
                    Minutes(region.EndMinutes - region.StartMinutes),
                    Format($"{region.Succeeded:N0}"),
                    Format($"{region.Failed:N0}"),
                    Format($"{region.NotAttempted:N0}"),
                    region.Stopped ? "STOPPED" : region.NotAttempted > 0 ? "skipped" : "ok",
                ]);
            }
        }

        console.MarkupLine("[bold]One StackSets operation per service, all started together[/]");
        Columns(console, rows, rightAligned: [true, false, true, true, true, true, true, true, false]);
        console.WriteLine();
        var failed = plan.Operations.Sum(o => o.Failed);
        var skipped = plan.Operations.Sum(o => o.NotAttempted);
        Line(console, $"Rollout: {plan.Operations.Sum(o => o.Succeeded):N0} updated, {failed:N0} failed, {skipped:N0} not attempted;");
        Line(console, $"  the last operation ends after {Minutes(plan.RolloutMinutes)}.");
        foreach (var retry in plan.Retries)
        {
            Line(console, $"{retry.Name}: {retry.Instances:N0} failed instance(s) of {retry.StackSets} stack set(s) re-run at once:");
            Line(console, $"  {retry.Succeeded:N0} updated, {retry.Failed:N0} failed, ends after {Minutes(retry.EndMinutes)}.");
        }

        if (plan.Rollback is { } rollback)
        {
            Line(console, $"[red]Tolerance exceeded[/]: the platform stack update fails and rolls back;");
            Line(console, $"  {rollback.StackSets} stack sets return to the previous release: {rollback.Instances:N0} instances,");
            Line(console, $"  {rollback.Failed:N0} failed, ends after {Minutes(rollback.EndMinutes)}.");
            if (rollback.StoppedOperations > 0)
            {
                Line(console, $"  [red]{rollback.StoppedOperations} rollback operation(s) stopped as well[/] (UPDATE_ROLLBACK_FAILED).");
            }
        }

        Line(console, $"[bold]Expected duration: {Minutes(plan.TotalMinutes)}[/]{(plan.RolledBack ? " (rolled back)" : string.Empty)}.");
        Line(console, $"Still failed at the end: {plan.StillFailedInstances:N0} instance(s).");
        console.WriteLine();
        foreach (var note in Notes)
        {
            console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }

        console.MarkupLine($"[grey]Sources: {Markup.Escape(StackSetQuotas.InstancesPerStackSet.Source)};[/]");
        console.MarkupLine($"[grey]  {Markup.Escape(StackSetQuotas.RoundingSource)};[/]");
        console.MarkupLine($"[grey]  {Markup.Escape(StackSetQuotas.RunningOperationsPerStackSet.Source)}.[/]");
    }

    private static readonly string[] Notes =
    [
        "Waves: instances run one after another in the same concurrency slot.",
        "Failures within the tolerance leave the operation succeeded with those",
        "instances FAILED; the pipeline's RetryFailedInstances action re-runs exactly",
        "them (update-stack-set: previous template and parameters, failed accounts",
        "only), then fails naming any still failed. A failure beyond the tolerance",
        "stops that operation (later regions skipped when sequential), fails the",
        "platform stack update, and CloudFormation rolls every stack set back.",
    ];

    /// <summary>Rows as aligned plain-text columns, the first row a bold header; the plan's tables fit 80 columns.</summary>
    private static void Columns(IAnsiConsole console, IReadOnlyList<string[]> rows, bool[] rightAligned)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            var line = " " + string.Join("  ", row.Select((cell, c) => rightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd();
            console.MarkupLine(index == 0 ? $"[bold]{Markup.Escape(line)}[/]" : Markup.Escape(line));
        }
    }

    private static string[] Quota(Quota quota, string used) => [quota.Name, Format($"{quota.Value:N0}"), used];

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(IAnsiConsole console, FormattableString markup) =>
        console.MarkupLine(markup.ToString(CultureInfo.InvariantCulture));

    /// <summary>Minutes as hours and minutes: "3 h 05 min", "42 min".</summary>
    public static string Minutes(double minutes)
    {
        var rounded = (long)Math.Round(minutes);
        return rounded >= 60
            ? string.Create(CultureInfo.InvariantCulture, $"{rounded / 60} h {rounded % 60:00} min")
            : string.Create(CultureInfo.InvariantCulture, $"{rounded} min");
    }
}
