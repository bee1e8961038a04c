using Insight.Cli.Fleet;
using Insight.Sdk.Fleet;

namespace Insight.Cli.Tests.Fleet;

public sealed class RetirementPlannerTests
{
    internal static FleetDescription Fleet { get; } = new(
        "InsightPlatform",
        "eu-central-1",
        "ou-exmp-tenants01",
        "DELEGATED_ADMIN",
        ["insight-ScanIngest", "insight-Productivity"],
        ["eu-central-1", "eu-west-1"],
        "insight-tenant-registry",
        "insight-platform-admin",
        new RolloutPreferences { MaxConcurrentPercentage = 10, FailureTolerancePercentage = 5, ConcurrencyMode = "STRICT_FAILURE_TOLERANCE", RegionConcurrency = "SEQUENTIAL", RetryRounds = 2 });

    private static RetirementRequest Request(string? exportBucket = "insight-retired", string? retiredUnit = "ou-exmp-retired01") =>
        new("acme-logistics", "456789012345", exportBucket, retiredUnit, "/var/insight/closures.csv", Fleet);

    [Fact]
    public void The_steps_run_in_the_only_safe_order()
    {
        var steps = RetirementPlanner.Steps(Request());

        Assert.Equal(
            [
                "Confirm the registry maps acme-logistics to 456789012345",
                "Mark the tenant as retiring in the registry",
                "Export every table of the account to s3://insight-retired",
                "Delete the account's stack instances from every service stack set",
                "Move the account out of the tenants unit into ou-exmp-retired01",
                "Mark the tenant as retired in the registry",
                "Close account 456789012345 and log the closure",
            ],
            steps.Select(s => s.Title));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], steps.Select(s => s.Number));
        Assert.Equal(["Delete the account's stack instances from every service stack set", "Close account 456789012345 and log the closure"], steps.Where(s => s.Confirm).Select(s => s.Title));
    }

    [Fact]
    public void Stack_instances_are_deleted_from_every_stack_set_in_every_region_and_tables_stay()
    {
        var delete = RetirementPlanner.Steps(Request()).Single(s => s.Title.StartsWith("Delete", StringComparison.Ordinal));

        Assert.Equal(Fleet.StackSets.Count, delete.Commands.Count);
        foreach (var (command, stackSet) in delete.Commands.Zip(Fleet.StackSets))
        {
            Assert.Contains($"delete-stack-instances --profile \"$PLATFORM_PROFILE\" --region eu-central-1 --stack-set-name {stackSet} ", command, StringComparison.Ordinal);
            Assert.Contains("--deployment-targets OrganizationalUnitIds=ou-exmp-tenants01,Accounts=456789012345,AccountFilterType=INTERSECTION", command, StringComparison.Ordinal);
            Assert.Contains("--regions eu-central-1 eu-west-1 --no-retain-stacks", command, StringComparison.Ordinal);
            Assert.Contains("--call-as DELEGATED_ADMIN", command, StringComparison.Ordinal);
            Assert.EndsWith($"wait_for_operation {stackSet} \"$operation\"", command, StringComparison.Ordinal);
        }

        Assert.Contains("RetainOnDelete", delete.Why + RetirementPlanner.Steps(Request()).Single(s => s.Number == 3).Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_are_exported_per_stack_set_and_region_when_a_bucket_is_given()
    {
        var export = RetirementPlanner.Steps(Request()).Single(s => s.Number == 3);

        Assert.Contains(export.Commands, c => c.Contains("sts assume-role --profile \"$MANAGEMENT_PROFILE\" --role-arn arn:aws:iam::456789012345:role/insight-platform-admin", StringComparison.Ordinal));
        Assert.Equal(4, export.Commands.Count(c => c.Contains("export-table-to-point-in-time", StringComparison.Ordinal)));
        Assert.Contains(export.Commands, c => c.Contains("--s3-bucket insight-retired --s3-prefix \"insight-retired/acme-logistics/456789012345/insight-Productivity/$table\"", StringComparison.Ordinal));
        Assert.Contains(export.Commands, c => c.Contains("describe-export", StringComparison.Ordinal));

        var kept = RetirementPlanner.Steps(Request(exportBucket: null, retiredUnit: null));
        Assert.Equal("Keep the tables (no export requested)", kept[2].Title);
        Assert.DoesNotContain(kept, s => s.Title.StartsWith("Move", StringComparison.Ordinal));
        Assert.Equal(6, kept.Count);
    }

    [Fact]
    public void Closing_logs_the_closure_where_the_quota_check_reads_it()
    {
        var close = RetirementPlanner.Steps(Request())[^1];

        Assert.Equal("aws organizations close-account --profile \"$MANAGEMENT_PROFILE\" --account-id 456789012345", close.Commands[0]);
        Assert.Equal("printf '%s,456789012345,acme-logistics\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >> '/var/insight/closures.csv'", close.Commands[1]);
    }

    [Fact]
    public void The_runbook_is_valid_bash_and_asks_before_each_destructive_step()
    {
        var request = Request();
        var steps = RetirementPlanner.Steps(request);
        var decision = ClosureQuota.Decide(6000, [], DateTimeOffset.UnixEpoch);
        var script = RetirementPlanner.Script(request, steps, decision, DateTimeOffset.UnixEpoch);

        Assert.StartsWith("#!/usr/bin/env bash", script, StringComparison.Ordinal);
        Assert.Contains("set -euo pipefail", script, StringComparison.Ordinal);
        Assert.Equal(2, script.Split('\n').Count(l => l.StartsWith("confirm '", StringComparison.Ordinal)));
        Assert.True(
            script.IndexOf("confirm 'Delete the account", StringComparison.Ordinal) < script.IndexOf("delete-stack-instances", StringComparison.Ordinal),
            "the confirmation comes before the deletion");

        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, script);
            using var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-n", path]) { RedirectStandardError = true })!;
            var error = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Malformed_requests_are_refused()
    {
        var problems = RetirementPlanner.Problems(Request() with { TenantId = "Acme", AccountId = "12345", ExportBucket = "Bad_Bucket", RetiredOrganizationalUnitId = "retired" });

        Assert.Equal(4, problems.Count);
        Assert.Empty(RetirementPlanner.Problems(Request()));
    }
}
