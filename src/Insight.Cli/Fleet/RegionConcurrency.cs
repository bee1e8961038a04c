namespace Insight.Cli.Fleet;

/// <summary>How StackSets takes the regions of one operation.</summary>
internal enum RegionConcurrency
{
    /// <summary>One region after another; a stop in one region skips the rest.</summary>
    Sequential,

    /// <summary>All regions at once.</summary>
    Parallel,
}
