namespace Insight.Cli.Fleet;

/// <summary>
/// Simulates a release rolling out to the fleet as the pipeline runs it: one StackSets operation per service, all
/// started together (CloudFormation updates the stack set resources in parallel), each taking its regions in order
/// with the operation preferences, and all of them sharing each region's limit of concurrent stack instance
/// operations. Failures within the tolerance are retried in rounds (every failed instance of a stack set at once);
/// failures beyond it stop the operation, fail the platform stack update and roll every stack set back.
/// Deterministic: the same settings and seed give the same plan.
/// </summary>
internal static class RolloutPlanner
{
    /// <summary>Simulates <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">The settings are not usable (see <see cref="RolloutSettings.Problems"/>).</exception>
    public static RolloutPlan Plan(RolloutSettings settings)
    {
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }

        var allAccounts = Enumerable.Range(0, settings.Accounts).ToArray();
        var rollout = new RolloutSimulation(settings, phase: 0, startMinutes: 0);
        for (var stackSet = 0; stackSet < settings.Services; stackSet++)
        {
            rollout.Add(stackSet, settings.Regions.Select(region => (region, allAccounts)), settings.MaxConcurrentPercentage, settings.FailureTolerancePercentage, settings.ConcurrencyMode, settings.RegionConcurrency);
        }

        var operations = rollout.Run();
        var peak = rollout.PeakConcurrentInstances;
        var end = operations.Max(o => o.Outcome.EndMinutes);

        if (operations.Any(o => o.Outcome.Stopped))
        {
            // CloudFormation rolls the platform stack back: every stack set goes back to the previous release, an
            // operation over all of its instances with the same preferences.
            var rollback = new RolloutSimulation(settings, phase: 1, startMinutes: end);
            for (var stackSet = 0; stackSet < settings.Services; stackSet++)
            {
                rollback.Add(stackSet, settings.Regions.Select(region => (region, allAccounts)), settings.MaxConcurrentPercentage, settings.FailureTolerancePercentage, settings.ConcurrencyMode, settings.RegionConcurrency);
            }

            var undone = rollback.Run();
            return new RolloutPlan(
                settings,
                [.. operations.Select(o => o.Outcome)],
                [],
                Summarize("Rollback to the previous release", undone, end),
                Math.Max(peak, rollback.PeakConcurrentInstances),
                undone.Sum(o => o.Outcome.Failed));
        }

        // Failed instances per stack set: the accounts whose instance failed in some region.
        var failedAccounts = operations.ToDictionary(o => o.StackSet, o => o.FailedAccounts);
        var failedInstances = operations.ToDictionary(o => o.StackSet, o => o.Outcome.Failed);
        var retries = new List<FollowUp>();
        for (var round = 1; round <= settings.RetryRounds && failedAccounts.Values.Any(a => a.Count > 0); round++)
        {
            var retry = new RolloutSimulation(settings, phase: 1 + round, startMinutes: end);
            foreach (var (stackSet, accounts) in failedAccounts.Where(f => f.Value.Count > 0))
            {
                var targets = accounts.Order().ToArray();

                // The retry action's preferences: every failed instance at once, nothing stops it early.
                retry.Add(stackSet, settings.Regions.Select(region => (region, targets)), 100, 100, ConcurrencyMode.Soft, RegionConcurrency.Sequential);
            }

            var results = retry.Run();
            retries.Add(Summarize($"Retry round {round}", results, end));
            peak = Math.Max(peak, retry.PeakConcurrentInstances);
            end = results.Max(r => r.Outcome.EndMinutes);
            foreach (var result in results)
            {
                failedAccounts[result.StackSet] = result.FailedAccounts;
                failedInstances[result.StackSet] = result.Outcome.Failed;
            }
        }

        return new RolloutPlan(settings, [.. operations.Select(o => o.Outcome)], retries, null, peak, failedInstances.Values.Sum());
    }

    private static FollowUp Summarize(string name, IReadOnlyList<SimulatedOperationResult> results, double start) => new(
        name,
        results.Count,
        results.Sum(r => r.Outcome.Regions.Sum(g => g.Accounts)),
        results.Sum(r => r.Outcome.Succeeded),
        results.Sum(r => r.Outcome.Failed),
        results.Count(r => r.Outcome.Stopped),
        start,
        results.Count == 0 ? start : results.Max(r => r.Outcome.EndMinutes));
}
