using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Insight.Sdk.Cdk.Cost;
using Spectre.Console;
using Insight.Sdk.Cdk.Templates;

namespace Insight.Cli.Fleet;

/// <summary>The templates one tenant account holds, and the monitoring accounts' alarms, as a cloud assembly has them.</summary>
internal sealed record AccountTemplates(IReadOnlyList<CloudFormationTemplate> Templates, IReadOnlyList<MonitoringStackSet> Monitoring)
{
    /// <summary>
    /// Reads the service templates at the top of <paramref name="cdkOut"/> and, from the platform template in its
    /// <c>platform/</c> folder, the stack sets every tenant account gets (automatic deployment to the tenants unit) and
    /// the monitoring stack sets.
    /// </summary>
    /// <exception cref="InvalidDataException">The folder holds no template.</exception>
    public static AccountTemplates Load(string cdkOut)
    {
        var templates = Directory.GetFiles(cdkOut, "*.template.json").Order(StringComparer.Ordinal).Select(CloudFormationTemplate.Load).ToList();
        if (templates.Count == 0)
        {
            throw new InvalidDataException($"{cdkOut} holds no *.template.json; synthesize the infrastructure app first (or pass --infra).");
        }

        var monitoring = new List<MonitoringStackSet>();
        var platform = Path.Combine(cdkOut, "platform");
        foreach (var file in Directory.Exists(platform) ? Directory.GetFiles(platform, "*.template.json").Order(StringComparer.Ordinal).ToArray() : [])
        {
            foreach (var stackSet in CloudFormationTemplate.Load(file).OfType("AWS::CloudFormation::StackSet"))
            {
                if (stackSet.Property("TemplateBody") is not { ValueKind: JsonValueKind.String } body)
                {
                    continue;
                }

                var name = stackSet.Property("StackSetName")?.GetString() ?? stackSet.LogicalId;
                var template = CloudFormationTemplate.Parse(name, body.GetString()!);
                if (stackSet.Property("AutoDeployment", "Enabled") is { ValueKind: JsonValueKind.True })
                {
                    templates.Add(template);
                    continue;
                }

                var accounts = stackSet.Property("StackInstancesGroup") is { ValueKind: JsonValueKind.Array } groups
                    ? groups.EnumerateArray().SelectMany(g => g.TryGetProperty("DeploymentTargets", out var t) && t.TryGetProperty("Accounts", out var a) ? a.EnumerateArray().Select(x => x.GetString()) : []).Distinct().Count()
                    : 0;
                monitoring.Add(new MonitoringStackSet(name, accounts, template.OfType("AWS::CloudWatch::Alarm").Count()));
            }
        }

        return new AccountTemplates(templates, monitoring);
    }
}

/// <summary>A monitoring stack set: how many monitoring accounts it reaches and the alarms each holds.</summary>
internal sealed record MonitoringStackSet(string Name, int Accounts, int AlarmsPerAccount);

/// <summary><c>insight fleet cost</c>: what one idle tenant account costs a month, computed from the synthesized templates.</summary>
internal static class CostCommand
{
    /// <summary>The command, writing to <paramref name="console"/>.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var cdkOut = new Option<DirectoryInfo?>("--cdk-out") { Description = "A synthesized cloud assembly: service templates at the top, the platform's in platform/ (default: ./cdk.out)" };
        var infra = new Option<DirectoryInfo?>("--infra") { Description = "An infrastructure project to synthesize first (dotnet run -- <folder>), as the release pipeline does" };
        var accounts = new Option<int>("--accounts") { Description = "Tenant accounts in the fleet (free tiers count once for the organization)", DefaultValueFactory = _ => 6000 };
        var design = new Option<AlertDesign>("--design") { Description = "Whose lines to detail: Central (alerts in the monitoring accounts) or PerFunctionAlarms (the design before)", DefaultValueFactory = _ => AlertDesign.Central };
        var command = new Command("cost", "What one idle tenant account costs a month, per service and for the fleet, from the synthesized templates and the price table")
        {
            cdkOut, infra, accounts, design,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(accounts) < 1)
            {
                console.MarkupLine("[red]--accounts must be at least 1.[/]");
                return 1;
            }

            string? synthesized = null;
            try
            {
                var folder = parse.GetValue(cdkOut)?.FullName ?? Path.Combine(Environment.CurrentDirectory, "cdk.out");
                if (parse.GetValue(infra) is { } project)
                {
                    synthesized = folder = Path.Combine(Path.GetTempPath(), "insight-cost-" + Guid.NewGuid().ToString("N")[..8]);
                    console.MarkupLineInterpolated($"[grey]Synthesizing {project.FullName} into {folder} …[/]");
                    await SynthesizeAsync(project.FullName, folder, cancellation).ConfigureAwait(false);
                }

                if (!Directory.Exists(folder))
                {
                    console.MarkupLineInterpolated($"[red]{folder} does not exist; pass --cdk-out or --infra.[/]");
                    return 1;
                }

                var templates = AccountTemplates.Load(folder);
                CostView.Write(console, templates, parse.GetValue(accounts), parse.GetValue(design));
                return 0;
            }
            catch (InvalidDataException exception)
            {
                console.MarkupLineInterpolated($"[red]{exception.Message}[/]");
                return 1;
            }
            finally
            {
                if (synthesized is not null && Directory.Exists(synthesized))
                {
                    Directory.Delete(synthesized, recursive: true);
                }
            }
        });
        return command;
    }

    /// <summary>Runs the infrastructure app with the output folder as its argument.</summary>
    /// <exception cref="InvalidDataException">The app failed; the message holds what it printed.</exception>
    private static async Task SynthesizeAsync(string project, string outdir, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--project", project, "-c", "Release", "--", outdir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidDataException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidDataException($"Synthesizing {project} failed:\n{await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
        }
    }
}

/// <summary>Prints the idle cost: both designs side by side, one design's lines, the monitoring accounts, assumptions and sources.</summary>
internal static class CostView
{
    public static void Write(IAnsiConsole console, AccountTemplates account, int accounts, AlertDesign detail)
    {
        var prices = PriceTable.Default;
        var central = IdleCostModel.EstimateAccount(account.Templates, new IdleAssumptions { Accounts = accounts, Alerts = AlertDesign.Central }, prices);
        var perFunction = IdleCostModel.EstimateAccount(account.Templates, new IdleAssumptions { Accounts = accounts, Alerts = AlertDesign.PerFunctionAlarms }, prices);

        Line(console, $"[bold]Idle cost of one tenant account a month[/] ({accounts:N0} accounts; {prices.Region} list prices)");
        console.WriteLine();
        var rows = new List<string[]> { new[] { "Template", "Central alerts", "Per-function alarms" } };
        rows.AddRange(central.Templates.Zip(perFunction.Templates).Select(p => new[] { p.First.Template, Usd(p.First.ExcludingPolling), Usd(p.Second.ExcludingPolling) }));
        rows.Add(["Account, SQS polling apart", Usd(central.PerAccountExcludingPolling), Usd(perFunction.PerAccountExcludingPolling)]);
        rows.Add(["SQS polling while idle", Usd(central.PerAccountPolling), Usd(perFunction.PerAccountPolling)]);
        rows.Add(["Account", Usd(central.PerAccount), Usd(perFunction.PerAccount)]);
        rows.Add([Format($"Fleet of {accounts:N0} accounts"), Usd(central.Fleet, 0), Usd(perFunction.Fleet, 0)]);
        Columns(console, rows, [false, true, true]);
        console.WriteLine();

        var detailed = detail == AlertDesign.Central ? central : perFunction;
        Line(console, $"[bold]What costs something at rest[/] ({(detail == AlertDesign.Central ? "central alerts" : "per-function alarms")}):");
        foreach (var template in detailed.Templates)
        {
            var lines = template.Lines.Where(l => l.MonthlyUsd > 0 || l.Category is CostCategory.QueuePolling or CostCategory.CentralAlerts or CostCategory.Alarms).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            Line(console, $"  {Markup.Escape(template.Template)}");
            foreach (var line in lines.OrderBy(l => l.Category).ThenByDescending(l => l.MonthlyUsd))
            {
                // A polling line names its queue; the mapping's logical id would only add length.
                var subject = line.Category == CostCategory.QueuePolling ? string.Empty : line.LogicalId + ": ";
                Line(console, $"    {Usd(line.MonthlyUsd, 4),9}  {Markup.Escape(Label(line.Category)),-15} {Markup.Escape(subject)}{Markup.Escape(line.What)}");
            }
        }

        console.WriteLine();
        var free = detailed.Templates.SelectMany(t => t.Lines).Where(l => l.Category is CostCategory.FreeAtRest or CostCategory.Tables or CostCategory.Logs && l.MonthlyUsd == 0).ToList();
        Line(console, $"Free at rest: {free.Count} resources ({Markup.Escape(string.Join(", ", free.GroupBy(l => l.ResourceType).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}")))}).");
        var notPriced = detailed.Templates.SelectMany(t => t.NotPriced).ToList();
        if (notPriced.Count == 0)
        {
            Line(console, $"Not priced: none.");
        }
        else
        {
            Line(console, $"[yellow]Not priced ({notPriced.Count}), not counted above:[/]");
        }

        foreach (var line in notPriced)
        {
            Line(console, $"  {Markup.Escape(line.Template)} {Markup.Escape(line.LogicalId)}: {Markup.Escape(line.What)}");
        }

        foreach (var stackSet in account.Monitoring)
        {
            Line(console, $"Monitoring: {Markup.Escape(stackSet.Name)} puts {stackSet.AlarmsPerAccount} Metrics Insights alarms in each of {stackSet.Accounts} monitoring account(s); they are billed per metric analyzed, the \"central alerts\" lines above.");
        }

        console.WriteLine();
        console.MarkupLine("[bold]Assumptions[/]");
        foreach (var assumption in detailed.Assumptions.Describe(prices))
        {
            Line(console, $"  - {Markup.Escape(assumption)}");
        }

        console.MarkupLine("[bold]Prices[/]");
        foreach (var price in detailed.Templates.SelectMany(t => t.Lines).Select(l => l.PriceId).OfType<string>().Distinct().Order(StringComparer.Ordinal).Select(id => prices[id]))
        {
            Line(console, $"  - {Markup.Escape(price.Description)}: ${price.Usd.ToString("0.##########", CultureInfo.InvariantCulture)} per {Markup.Escape(price.Unit)} ({Markup.Escape(price.Source)}, {price.Checked})");
        }
    }

    private static string Label(CostCategory category) => category switch
    {
        CostCategory.QueuePolling => "SQS polling",
        CostCategory.CentralAlerts => "central alerts",
        CostCategory.ScheduledRuns => "scheduled runs",
        _ => category.ToString().ToLowerInvariant(),
    };

    private static string Usd(double value, int decimals = 2) =>
        "$" + value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(IAnsiConsole console, FormattableString markup) => console.MarkupLine(markup.ToString(CultureInfo.InvariantCulture));

    private static void Columns(IAnsiConsole console, IReadOnlyList<string[]> rows, bool[] rightAligned)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            var line = " " + string.Join("  ", row.Select((cell, c) => rightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd();
            console.MarkupLine(index == 0 ? $"[bold]{Markup.Escape(line)}[/]" : Markup.Escape(line));
        }
    }
}
