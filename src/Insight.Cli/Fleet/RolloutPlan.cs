namespace Insight.Cli.Fleet;

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
