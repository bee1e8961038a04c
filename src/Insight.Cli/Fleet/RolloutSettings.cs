using System.Globalization;

namespace Insight.Cli.Fleet;

/// <summary>What to simulate: the fleet, the operation preferences and how stack instances behave.</summary>
internal sealed record RolloutSettings(
    int Accounts,
    int Services,
    IReadOnlyList<string> Regions,
    int MaxConcurrentPercentage,
    int FailureTolerancePercentage,
    ConcurrencyMode ConcurrencyMode,
    RegionConcurrency RegionConcurrency,
    DurationShape DurationShape,
    double InstanceMinutesMean,
    double InstanceMinutesStddev,
    double FailureProbability,
    int RetryRounds,
    int Seed)
{
    /// <summary>Stack instances a rollout touches: one per account, region and service.</summary>
    public long Instances => (long)Accounts * Regions.Count * Services;

    /// <summary>Accounts updated at once per stack set and region: rounded down, at least one.</summary>
    public int MaxConcurrentAccounts => Math.Max(1, Accounts * MaxConcurrentPercentage / 100);

    /// <summary>Failures tolerated per stack set and region before StackSets stops: rounded down.</summary>
    public int ToleratedFailures => Accounts * FailureTolerancePercentage / 100;

    /// <summary>What is wrong with the settings, including any documented quota they exceed.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        Check(Accounts >= 1, "--accounts must be at least 1.");
        Check(Services >= 1, "--services must be at least 1.");
        Check(Regions.Count >= 1, "--regions needs at least one region.");
        Check(Regions.Distinct(StringComparer.Ordinal).Count() == Regions.Count, "--regions lists a region twice.");
        Check(MaxConcurrentPercentage is >= 1 and <= 100, "--max-concurrent-percentage must be 1 to 100.");
        Check(FailureTolerancePercentage is >= 0 and <= 100, "--failure-tolerance-percentage must be 0 to 100.");
        Check(InstanceMinutesMean > 0, "--instance-minutes-mean must be above 0.");
        Check(InstanceMinutesStddev >= 0, "--instance-minutes-stddev must not be negative.");
        Check(FailureProbability is >= 0 and <= 1, "--failure-probability must be 0 to 1.");
        Check(RetryRounds is >= 0 and <= 10, "--retry-rounds must be 0 to 10.");
        Check(
            Services <= StackSetQuotas.StackSetsPerAdministrator.Value,
            string.Create(CultureInfo.InvariantCulture, $"{Services:N0} services need {Services:N0} stack sets; {StackSetQuotas.StackSetsPerAdministrator.Name}: {StackSetQuotas.StackSetsPerAdministrator.Value:N0} ({StackSetQuotas.StackSetsPerAdministrator.Source})."));
        Check(
            (long)Accounts * Regions.Count <= StackSetQuotas.InstancesPerStackSet.Value,
            string.Create(CultureInfo.InvariantCulture, $"{Accounts:N0} accounts in {Regions.Count} region(s) need {(long)Accounts * Regions.Count:N0} instances per stack set; {StackSetQuotas.InstancesPerStackSet.Name}: {StackSetQuotas.InstancesPerStackSet.Value:N0} ({StackSetQuotas.InstancesPerStackSet.Source})."));
        return problems;
    }
}
