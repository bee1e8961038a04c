namespace Insight.Cli.Fleet;

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
