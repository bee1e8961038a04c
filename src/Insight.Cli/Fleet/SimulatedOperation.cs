namespace Insight.Cli.Fleet;

/// <summary>One stack set operation being simulated: its own random draws and its regions, in rollout order.</summary>
internal sealed class SimulatedOperation(int stackSet, Random random, RegionConcurrency regionConcurrency)
{
    public int StackSet { get; } = stackSet;

    public Random Random { get; } = random;

    public RegionConcurrency RegionConcurrency { get; } = regionConcurrency;

    public List<RegionRun> Regions { get; } = [];
}
