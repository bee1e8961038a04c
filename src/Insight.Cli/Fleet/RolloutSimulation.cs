namespace Insight.Cli.Fleet;

/// <summary>A discrete-event simulation of concurrent stack set operations sharing each region's operation limit.</summary>
internal sealed class RolloutSimulation(RolloutSettings settings, int phase, double startMinutes)
{
    private readonly List<SimulatedOperation> _operations = [];
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Completion, (double, long)> _completions = new();
    private long _sequence;
    private int _rotation;

    public int PeakConcurrentInstances { get; private set; }

    public void Add(int stackSet, IEnumerable<(string Region, int[] Accounts)> regions, int maxPercentage, int tolerancePercentage, ConcurrencyMode mode, RegionConcurrency regionConcurrency)
    {
        // One generator per operation, so an operation's draws do not depend on how the others interleave.
        var random = new Random(unchecked((settings.Seed * 1_000_003) + (phase * 10_007) + stackSet));
        var operation = new SimulatedOperation(stackSet, random, regionConcurrency);
        foreach (var (region, accounts) in regions)
        {
            operation.Regions.Add(new RegionRun(operation, region, accounts, maxPercentage, tolerancePercentage, mode));
        }

        _operations.Add(operation);
    }

    public IReadOnlyList<SimulatedOperationResult> Run()
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

        return [.. _operations.Select(o => new SimulatedOperationResult(
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

    private sealed record Completion(double Minutes, RegionRun Region, int Account, int Wave, bool Failed);
}
