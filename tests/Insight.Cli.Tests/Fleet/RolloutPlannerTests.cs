using Insight.Cli.Fleet;

namespace Insight.Cli.Tests.Fleet;

public sealed class RolloutPlannerTests
{
    private static RolloutSettings Small(
        int accounts = 10,
        int services = 1,
        string[]? regions = null,
        int maxConcurrent = 20,
        int tolerance = 10,
        ConcurrencyMode mode = ConcurrencyMode.Strict,
        RegionConcurrency regionConcurrency = RegionConcurrency.Sequential,
        double minutes = 5,
        double stddev = 0,
        double failure = 0,
        int retries = 0,
        int seed = 1) =>
        new(accounts, services, regions ?? ["eu-central-1"], maxConcurrent, tolerance, mode, regionConcurrency, DurationShape.LogNormal, minutes, stddev, failure, retries, seed);

    [Fact]
    public void Ten_accounts_at_twenty_percent_with_fixed_durations_run_in_five_waves()
    {
        // 20% of 10 = 2 at once; a tolerance of 1 lets strict mode run both; 10 / 2 = 5 waves of 5 minutes.
        var plan = RolloutPlanner.Plan(Small());

        var region = Assert.Single(Assert.Single(plan.Operations).Regions);
        Assert.Equal(2, region.MaxConcurrentAccounts);
        Assert.Equal(2, region.InitialConcurrency);
        Assert.Equal(1, region.ToleratedFailures);
        Assert.Equal(5, region.Waves);
        Assert.Equal(25, region.EndMinutes - region.StartMinutes);
        Assert.Equal(10, region.Succeeded);
        Assert.Equal(25, plan.TotalMinutes);
        Assert.Equal(2, plan.PeakConcurrentInstances);
    }

    [Fact]
    public void Strict_failure_tolerance_of_zero_runs_one_account_at_a_time()
    {
        var strict = RolloutPlanner.Plan(Small(tolerance: 0));
        var soft = RolloutPlanner.Plan(Small(tolerance: 0, mode: ConcurrencyMode.Soft));

        Assert.Equal(10, strict.Operations[0].Regions[0].Waves);
        Assert.Equal(50, strict.TotalMinutes);
        Assert.Equal(5, soft.Operations[0].Regions[0].Waves);
        Assert.Equal(25, soft.TotalMinutes);
    }

    [Fact]
    public void Percentages_round_down_but_concurrency_is_at_least_one()
    {
        var plan = RolloutPlanner.Plan(Small(accounts: 7, maxConcurrent: 10, tolerance: 10, mode: ConcurrencyMode.Soft));

        var region = plan.Operations[0].Regions[0];
        Assert.Equal(1, region.MaxConcurrentAccounts);
        Assert.Equal(0, region.ToleratedFailures);
        Assert.Equal(7, region.Waves);
    }

    [Fact]
    public void Sequential_regions_add_up_and_parallel_regions_overlap()
    {
        var sequential = RolloutPlanner.Plan(Small(regions: ["eu-central-1", "eu-west-1"]));
        var parallel = RolloutPlanner.Plan(Small(regions: ["eu-central-1", "eu-west-1"], regionConcurrency: RegionConcurrency.Parallel));

        Assert.Equal(50, sequential.TotalMinutes);
        Assert.Equal(25, sequential.Operations[0].Regions[1].StartMinutes);
        Assert.Equal(25, parallel.TotalMinutes);
        Assert.Equal(4, parallel.PeakConcurrentInstances);
    }

    [Fact]
    public void Failures_beyond_the_tolerance_stop_the_region_skip_the_next_and_roll_back()
    {
        // Every instance fails: both of the first wave fail, two failures exceed the tolerance of one.
        var plan = RolloutPlanner.Plan(Small(regions: ["eu-central-1", "eu-west-1"], failure: 1));

        var (first, second) = (plan.Operations[0].Regions[0], plan.Operations[0].Regions[1]);
        Assert.True(first.Stopped);
        Assert.Equal(2, first.Failed);
        Assert.Equal(8, first.NotAttempted);
        Assert.Equal(5, first.EndMinutes);
        Assert.Equal(10, second.NotAttempted);
        Assert.Equal(0, second.Waves);
        Assert.True(plan.RolledBack);
        Assert.Empty(plan.Retries);
        Assert.Equal(5, plan.RolloutMinutes);
        Assert.Equal(20, plan.Rollback!.Instances);
    }

    [Fact]
    public void Failures_within_the_tolerance_are_retried_in_rounds_all_at_once()
    {
        // Soft tolerance of 100%: everything fails, nothing stops; each round re-runs the ten failed instances together.
        var plan = RolloutPlanner.Plan(Small(tolerance: 100, mode: ConcurrencyMode.Soft, failure: 1, retries: 2));

        Assert.False(plan.RolledBack);
        Assert.Equal(10, plan.Operations[0].Failed);
        Assert.Equal(2, plan.Retries.Count);
        Assert.All(plan.Retries, r => Assert.Equal((10, 10, 0), (r.Instances, r.Failed, r.Succeeded)));
        Assert.Equal(30, plan.Retries[0].EndMinutes);
        Assert.Equal(35, plan.TotalMinutes);
        Assert.Equal(10, plan.StillFailedInstances);
    }

    [Fact]
    public void Stack_sets_share_each_region_s_limit_of_ten_thousand_instance_operations()
    {
        // 20 stack sets that would each run all 6,000 accounts at once: 120,000 instances through 10,000 slots.
        var plan = RolloutPlanner.Plan(Small(accounts: 6000, services: 20, maxConcurrent: 100, tolerance: 0, mode: ConcurrencyMode.Soft, minutes: 1));

        Assert.Equal(10_000, plan.PeakConcurrentInstances);
        Assert.Equal(12, plan.RolloutMinutes);
        Assert.Equal(120_000, plan.Operations.Sum(o => o.Succeeded));
    }

    [Fact]
    public void A_fleet_of_six_thousand_accounts_and_twenty_services_is_planned_deterministically()
    {
        var settings = new RolloutSettings(6000, 20, ["eu-central-1"], 10, 5, ConcurrencyMode.Strict, RegionConcurrency.Sequential, DurationShape.LogNormal, 4, 2, 0.002, 2, 42);

        var plan = RolloutPlanner.Plan(settings);
        var again = RolloutPlanner.Plan(settings);
        var other = RolloutPlanner.Plan(settings with { Seed = 43 });

        Assert.Equal(20, plan.Operations.Count);
        Assert.Equal(120_000, plan.Operations.Sum(o => o.Succeeded + o.Failed + o.NotAttempted));
        Assert.All(plan.Operations, o => Assert.Equal(6000, o.Succeeded + o.Failed + o.NotAttempted));
        Assert.All(plan.Operations.SelectMany(o => o.Regions), r => Assert.Equal(301, r.InitialConcurrency));
        Assert.False(plan.RolledBack);
        Assert.Equal(plan.Operations.Sum(o => o.Failed), plan.Retries[0].Instances);
        Assert.InRange(plan.PeakConcurrentInstances, 1, 20 * 301);
        Assert.True(plan.TotalMinutes > plan.RolloutMinutes);

        Assert.Equal(plan.Operations.SelectMany(o => o.Regions), again.Operations.SelectMany(o => o.Regions));
        Assert.Equal(plan.Retries, again.Retries);
        Assert.Equal(plan.TotalMinutes, again.TotalMinutes);
        Assert.NotEqual(plan.Operations.SelectMany(o => o.Regions), other.Operations.SelectMany(o => o.Regions));
    }

    [Fact]
    public void Settings_beyond_the_documented_quotas_are_refused_with_the_quota()
    {
        var problems = Small(accounts: 50_001, services: 1_001, regions: ["eu-central-1", "eu-west-1"], maxConcurrent: 0).Problems();

        Assert.Contains(problems, p => p.Contains("Stack sets per administrator account: 1,000", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Stack instances per stack set: 100,000", StringComparison.Ordinal));
        Assert.Contains("--max-concurrent-percentage must be 1 to 100.", problems);
        Assert.Throws<ArgumentException>(() => RolloutPlanner.Plan(Small(accounts: 0)));
    }

    [Fact]
    public void Durations_follow_the_requested_mean()
    {
        var plan = RolloutPlanner.Plan(Small(accounts: 2000, maxConcurrent: 100, tolerance: 0, mode: ConcurrencyMode.Soft, minutes: 4, stddev: 2));

        // All at once: the operation lasts as long as its slowest instance, a long-tailed draw well above the mean.
        var region = plan.Operations[0].Regions[0];
        Assert.Equal(1, region.Waves);
        Assert.InRange(region.EndMinutes, 8, 40);
    }
}
