using System.CommandLine;
using System.Text.Json;
using Insight.Cli.Fleet;
using Insight.Sdk.Fleet;
using Spectre.Console;

namespace Insight.Cli.Tests.Fleet;

public sealed class FleetCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "insight-fleet-" + Guid.NewGuid().ToString("N")[..8]);

    public FleetCommandTests()
    {
        Directory.CreateDirectory(_folder);
        FleetFile = Path.Combine(_folder, FleetDescription.FileName);
        File.WriteAllText(FleetFile, JsonSerializer.Serialize(RetirementPlannerTests.Fleet));
    }

    private string FleetFile { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Plan_prints_waves_duration_quotas_and_what_happens_to_failures()
    {
        var (exit, output) = Run("fleet", "plan", "--accounts", "6000", "--services", "20");

        Assert.Equal(0, exit);
        Assert.Contains("6,000 accounts × 20 services × 1 region(s)", output, StringComparison.Ordinal);
        Assert.Contains("= 120,000 stack instances", output, StringComparison.Ordinal);
        Assert.Contains("Stack instances per stack set            100,000", output, StringComparison.Ordinal);
        Assert.Contains("Instance operations at once, per Region   10,000", output, StringComparison.Ordinal);
        Assert.Contains("Stack sets per administrator account       1,000", output, StringComparison.Ordinal);
        Assert.Contains("Expected duration: ", output, StringComparison.Ordinal);
        Assert.Contains("Retry round 1: ", output, StringComparison.Ordinal);
        Assert.Contains("RetryFailedInstances", output, StringComparison.Ordinal);
        Assert.Contains("\"Understand CloudFormation quotas\"", output, StringComparison.Ordinal);
        Assert.Equal(20, output.Split('\n').Count(l => l.StartsWith(" ", StringComparison.Ordinal) && l.Contains("eu-central-1", StringComparison.Ordinal) && l.TrimEnd().EndsWith("ok", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_same_seed_prints_the_same_plan_and_another_seed_another()
    {
        string[] Plan(string seed) => ["fleet", "plan", "--accounts", "500", "--services", "3", "--failure-probability", "0.05", "--seed", seed];

        Assert.Equal(Run(Plan("7")).Output, Run(Plan("7")).Output);
        Assert.NotEqual(Run(Plan("7")).Output, Run(Plan("8")).Output);
    }

    [Fact]
    public void Plan_takes_regions_and_preferences_from_the_fleet_description()
    {
        var (exit, output) = Run("fleet", "plan", "--accounts", "100", "--services", "2", "--fleet", FleetFile, "--seed", "1");

        Assert.Equal(0, exit);
        Assert.Contains("Regions SEQUENTIAL: eu-central-1, eu-west-1", output, StringComparison.Ordinal);
        Assert.Contains("at most 10% = 10 accounts at once", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_refuses_settings_beyond_the_quotas()
    {
        var (exit, output) = Run(200, "fleet", "plan", "--accounts", "60000", "--services", "2", "--regions", "eu-central-1,eu-west-1");

        Assert.Equal(1, exit);
        Assert.Contains("Stack instances per stack set: 100,000", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Retire_refuses_when_the_closure_quota_would_be_exceeded()
    {
        var (exit, output) = Run(
            "fleet", "retire", "--tenant", "acme-logistics", "--account", "456789012345", "--member-accounts", "50",
            "--closures-last-30-days", "10", "--fleet", FleetFile, "--dry-run");

        Assert.Equal(RetireCommand.RefusedExitCode, exit);
        Assert.Contains("Refused: 10 accounts were closed in the last 30 days", output, StringComparison.Ordinal);
        Assert.DoesNotContain("close-account", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Retire_dry_run_prints_the_steps_and_writes_nothing()
    {
        var log = Path.Combine(_folder, "closures.csv");
        File.WriteAllText(log, "2026-01-01T00:00:00Z,300000000001,old\n");

        var (exit, output) = Run(
            "fleet", "retire", "--tenant", "acme-logistics", "--account", "456789012345", "--member-accounts", "6000",
            "--closure-log", log, "--fleet", FleetFile, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("Closure 1 of 600 allowed", output, StringComparison.Ordinal);
        Assert.Contains("1. Confirm the registry maps acme-logistics to 456789012345", output, StringComparison.Ordinal);
        Assert.Contains("aws organizations close-account --profile \"$MANAGEMENT_PROFILE\" --account-id 456789012345", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "retire-*.sh"));
    }

    [Fact]
    public void Retire_writes_an_executable_runbook()
    {
        var log = Path.Combine(_folder, "closures.csv");
        File.WriteAllText(log, string.Empty);
        var runbook = Path.Combine(_folder, "retire.sh");

        var (exit, output) = Run(
            "fleet", "retire", "--tenant", "acme-logistics", "--account", "456789012345", "--member-accounts", "6000",
            "--closure-log", log, "--fleet", FleetFile, "--export-bucket", "insight-retired", "--out", runbook);

        Assert.Equal(0, exit);
        Assert.Contains("Runbook with 6 steps written to", output, StringComparison.Ordinal);
        Assert.Contains("export-table-to-point-in-time", File.ReadAllText(runbook), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(runbook).HasFlag(UnixFileMode.UserExecute));
        }
    }

    [Fact]
    public void Retire_without_a_closure_count_or_log_asks_for_one()
    {
        var (exit, output) = Run(
            "fleet", "retire", "--tenant", "acme-logistics", "--account", "456789012345", "--member-accounts", "6000",
            "--closure-log", Path.Combine(_folder, "missing.csv"), "--fleet", FleetFile, "--dry-run");

        Assert.Equal(1, exit);
        Assert.Contains("--closures-last-30-days", output, StringComparison.Ordinal);
    }

    private static (int Exit, string Output) Run(params string[] args) => Run(80, args);

    private static (int Exit, string Output) Run(int width, params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        var root = new RootCommand { FleetCommand.Create(console) };
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
        return (exit, writer.ToString());
    }
}
