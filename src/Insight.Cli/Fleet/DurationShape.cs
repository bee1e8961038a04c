namespace Insight.Cli.Fleet;

/// <summary>The shape of stack instance durations.</summary>
internal enum DurationShape
{
    /// <summary>Log-normal with the given mean and standard deviation: mostly quick, a long tail.</summary>
    LogNormal,

    /// <summary>Normal, clipped below at 5% of the mean.</summary>
    Normal,
}
