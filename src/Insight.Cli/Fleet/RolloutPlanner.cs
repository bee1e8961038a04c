using System.Globalization;

namespace Insight.Cli.Fleet;

/// <summary>How StackSets takes the regions of one operation.</summary>
internal enum RegionConcurrency
{
    /// <summary>One region after another; a stop in one region skips the rest.</summary>
    Sequential,

    /// <summary>All regions at once.</summary>
    Parallel,
}

/// <summary>How StackSets holds concurrency as failures come in.</summary>
internal enum ConcurrencyMode
{
    /// <summary>STRICT_FAILURE_TOLERANCE (the default): never more running than failures still tolerated, plus one.</summary>
    Strict,

    /// <summary>SOFT_FAILURE_TOLERANCE: always the maximum concurrency.</summary>
    Soft,
}

/// <summary>The shape of stack instance durations.</summary>
internal enum DurationShape
{
    /// <summary>Log-normal with the given mean and standard deviation: mostly quick, a long tail.</summary>
    LogNormal,

    /// <summary>Normal, clipped below at 5% of the mean.</summary>
    Normal,
}

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

/// <summary>One stack set's operation in one region.</summary>
internal sealed record RegionOutcome(
    string Region,
    int Accounts,
    int MaxConcurrentAccounts,
    int InitialConcurrency,
    int ToleratedFailures,
    int Waves,
    double StartMinutes,
    double EndMinutes,
    int Succeeded,
    int Failed,
    int NotAttempted,
    bool Stopped);

/// <summary>One stack set's operation across its regions.</summary>
internal sealed record OperationOutcome(int StackSet, IReadOnlyList<RegionOutcome> Regions)
{
    /// <summary>Whether StackSets stopped the operation in some region (failures beyond the tolerance).</summary>
    public bool Stopped => Regions.Any(r => r.Stopped);

    /// <summary>Instances updated.</summary>
    public int Succeeded => Regions.Sum(r => r.Succeeded);

    /// <summary>Instances that failed.</summary>
    public int Failed => Regions.Sum(r => r.Failed);

    /// <summary>Instances never attempted because the operation stopped.</summary>
    public int NotAttempted => Regions.Sum(r => r.NotAttempted);

    /// <summary>When the operation ended, in minutes from the start of the phase's clock.</summary>
    public double EndMinutes => Regions.Max(r => r.EndMinutes);
}

/// <summary>One phase after the rollout: a retry round, or the rollback.</summary>
internal sealed record FollowUp(string Name, int StackSets, int Instances, int Succeeded, int Failed, int StoppedOperations, double StartMinutes, double EndMinutes);

/// <summary>The simulated rollout and what followed it.</summary>
internal sealed record RolloutPlan(
    RolloutSettings Settings,
    IReadOnlyList<OperationOutcome> Operations,
    IReadOnlyList<FollowUp> Retries,
    FollowUp? Rollback,
    int PeakConcurrentInstances,
    int StillFailedInstances)
{
    /// <summary>When the last stack set operation of the rollout ended.</summary>
    public double RolloutMinutes => Operations.Max(o => o.EndMinutes);

    /// <summary>When everything, retries or rollback included, ended.</summary>
    public double TotalMinutes => Rollback?.EndMinutes ?? (Retries.Count > 0 ? Retries[^1].EndMinutes : RolloutMinutes);

    /// <summary>Whether some stack set's operation stopped, which fails the platform stack update and rolls every stack set back.</summary>
    public bool RolledBack => Rollback is not null;
}

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
        var rollout = new Simulation(settings, phase: 0, startMinutes: 0);
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
            var rollback = new Simulation(settings, phase: 1, startMinutes: end);
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
            var retry = new Simulation(settings, phase: 1 + round, startMinutes: end);
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

    private static FollowUp Summarize(string name, IReadOnlyList<OperationResult> results, double start) => new(
        name,
        results.Count,
        results.Sum(r => r.Outcome.Regions.Sum(g => g.Accounts)),
        results.Sum(r => r.Outcome.Succeeded),
        results.Sum(r => r.Outcome.Failed),
        results.Count(r => r.Outcome.Stopped),
        start,
        results.Count == 0 ? start : results.Max(r => r.Outcome.EndMinutes));

    private sealed record OperationResult(int StackSet, OperationOutcome Outcome, HashSet<int> FailedAccounts);

    /// <summary>A discrete-event simulation of concurrent stack set operations sharing each region's operation limit.</summary>
    private sealed class Simulation(RolloutSettings settings, int phase, double startMinutes)
    {
        private readonly List<Operation> _operations = [];
        private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
        private readonly PriorityQueue<Completion, (double, long)> _completions = new();
        private long _sequence;
        private int _rotation;

        public int PeakConcurrentInstances { get; private set; }

        public void Add(int stackSet, IEnumerable<(string Region, int[] Accounts)> regions, int maxPercentage, int tolerancePercentage, ConcurrencyMode mode, RegionConcurrency regionConcurrency)
        {
            // One generator per operation, so an operation's draws do not depend on how the others interleave.
            var random = new Random(unchecked((settings.Seed * 1_000_003) + (phase * 10_007) + stackSet));
            var operation = new Operation(stackSet, random, regionConcurrency);
            foreach (var (region, accounts) in regions)
            {
                operation.Regions.Add(new RegionRun(operation, region, accounts, maxPercentage, tolerancePercentage, mode));
            }

            _operations.Add(operation);
        }

        public IReadOnlyList<OperationResult> Run()
        {
            foreach (var operation in _operations)
            {
                foreach (var region in operation.Regions.Take(operation.RegionConcurrency == RegionConcurrency.Parallel ? operation.Regions.Count : 1))
                {
                    region.Begin(startMinutes);
                }
            }

            Dispatch(startMinutes);
            while (_completions.TryDequeue(out var completion, out _))
            {
                Complete(completion);
                Dispatch(completion.Minutes);
            }

            return [.. _operations.Select(o => new OperationResult(
                o.StackSet,
                new OperationOutcome(o.StackSet, [.. o.Regions.Select(r => r.Outcome())]),
                [.. o.Regions.SelectMany(r => r.FailedAccounts)]))];
        }

        /// <summary>Starts every instance the limits allow, one per operation in turn, so operations share a region's limit evenly.</summary>
        private void Dispatch(double now)
        {
            var launched = true;
            while (launched)
            {
                launched = false;
                for (var i = 0; i < _operations.Count; i++)
                {
                    var operation = _operations[(_rotation + i) % _operations.Count];
                    foreach (var region in operation.Regions)
                    {
                        if (region.CanLaunch && Running(region.Region) < StackSetQuotas.ConcurrentInstanceOperationsPerRegion.Value)
                        {
                            Launch(region, now);
                            launched = true;
                        }
                    }
                }

                _rotation++;
            }
        }

        private void Launch(RegionRun region, double now)
        {
            var (account, wave) = region.Launch();
            var random = region.Operation.Random;
            var minutes = Duration(random);
            var failed = random.NextDouble() < settings.FailureProbability;
            _running[region.Region] = Running(region.Region) + 1;
            PeakConcurrentInstances = Math.Max(PeakConcurrentInstances, _running.Values.Sum());
            _completions.Enqueue(new Completion(now + minutes, region, account, wave, failed), (now + minutes, _sequence++));
        }

        private void Complete(Completion completion)
        {
            var region = completion.Region;
            _running[region.Region]--;
            region.Finish(completion.Account, completion.Wave, completion.Failed);
            if (!region.Done)
            {
                return;
            }

            region.End(completion.Minutes);
            var operation = region.Operation;
            if (operation.RegionConcurrency == RegionConcurrency.Sequential)
            {
                var next = operation.Regions.IndexOf(region) + 1;
                if (next < operation.Regions.Count)
                {
                    if (region.Stopped)
                    {
                        // StackSets does not attempt the regions after one where the operation stopped.
                        foreach (var skipped in operation.Regions.Skip(next))
                        {
                            skipped.Skip(completion.Minutes);
                        }
                    }
                    else
                    {
                        operation.Regions[next].Begin(completion.Minutes);
                    }
                }
            }
        }

        private int Running(string region) => _running.GetValueOrDefault(region);

        private double Duration(Random random)
        {
            var mean = settings.InstanceMinutesMean;
            var deviation = settings.InstanceMinutesStddev;
            if (deviation == 0)
            {
                return mean;
            }

            // Box-Muller: one standard normal draw from two uniform ones (1 - u keeps the logarithm finite).
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            if (settings.DurationShape == DurationShape.Normal)
            {
                return Math.Max(mean + (deviation * normal), 0.05 * mean);
            }

            var sigmaSquared = Math.Log(1 + (deviation * deviation / (mean * mean)));
            return Math.Exp(Math.Log(mean) - (sigmaSquared / 2) + (Math.Sqrt(sigmaSquared) * normal));
        }
    }

    private sealed record Completion(double Minutes, RegionRun Region, int Account, int Wave, bool Failed);

    private sealed class Operation(int stackSet, Random random, RegionConcurrency regionConcurrency)
    {
        public int StackSet { get; } = stackSet;

        public Random Random { get; } = random;

        public RegionConcurrency RegionConcurrency { get; } = regionConcurrency;

        public List<RegionRun> Regions { get; } = [];
    }

    /// <summary>
    /// One operation in one region. Each instance runs in a slot; a slot's wave is one more than that of the instance
    /// it follows, so the waves are the longest chain of instances run one after another in a slot.
    /// </summary>
    private sealed class RegionRun
    {
        private readonly int[] _accounts;
        private readonly Queue<int> _freeSlotWaves = new();
        private readonly ConcurrencyMode _mode;
        private int _next;
        private int _running;
        private int _succeeded;
        private int _waves;
        private double _start;
        private double _end;
        private bool _begun;
        private bool _ended;
        private bool _skipped;

        public RegionRun(Operation operation, string region, int[] accounts, int maxPercentage, int tolerancePercentage, ConcurrencyMode mode)
        {
            Operation = operation;
            Region = region;
            _accounts = accounts;
            _mode = mode;
            MaxConcurrent = Math.Max(1, accounts.Length * maxPercentage / 100);
            Tolerance = accounts.Length * tolerancePercentage / 100;
            for (var slot = 0; slot < InitialConcurrency; slot++)
            {
                _freeSlotWaves.Enqueue(0);
            }
        }

        public Operation Operation { get; }

        public string Region { get; }

        public int MaxConcurrent { get; }

        public int Tolerance { get; }

        public int InitialConcurrency => _mode == ConcurrencyMode.Strict ? Math.Min(MaxConcurrent, Tolerance + 1) : MaxConcurrent;

        public List<int> FailedAccounts { get; } = [];

        public bool Stopped => FailedAccounts.Count > Tolerance;

        public bool Done => (Stopped || _next == _accounts.Length) && _running == 0;

        /// <summary>Concurrency allowed now: strict mode keeps running instances at most one above the failures still tolerated.</summary>
        private int Limit => _mode == ConcurrencyMode.Strict ? Math.Min(MaxConcurrent, Tolerance + 1 - FailedAccounts.Count) : MaxConcurrent;

        public bool CanLaunch => _begun && !_ended && !Stopped && _next < _accounts.Length && _running < Limit;

        public void Begin(double minutes)
        {
            _begun = true;
            _start = minutes;
            if (_accounts.Length == 0)
            {
                End(minutes);
            }
        }

        public (int Account, int Wave) Launch()
        {
            var wave = (_freeSlotWaves.Count > 0 ? _freeSlotWaves.Dequeue() : 0) + 1;
            _waves = Math.Max(_waves, wave);
            _running++;
            return (_accounts[_next++], wave);
        }

        public void Finish(int account, int wave, bool failed)
        {
            _running--;
            _freeSlotWaves.Enqueue(wave);
            if (failed)
            {
                FailedAccounts.Add(account);
            }
            else
            {
                _succeeded++;
            }
        }

        public void End(double minutes)
        {
            _ended = true;
            _end = minutes;
        }

        public void Skip(double minutes)
        {
            _skipped = true;
            _start = minutes;
            End(minutes);
        }

        public RegionOutcome Outcome() => new(
            Region,
            _accounts.Length,
            MaxConcurrent,
            InitialConcurrency,
            Tolerance,
            _waves,
            _start,
            _end,
            _succeeded,
            FailedAccounts.Count,
            _skipped ? _accounts.Length : _accounts.Length - _next,
            Stopped);
    }
}
