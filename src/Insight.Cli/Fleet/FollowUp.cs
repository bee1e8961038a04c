namespace Insight.Cli.Fleet;

/// <summary>One phase after the rollout: a retry round, or the rollback.</summary>
internal sealed record FollowUp(string Name, int StackSets, int Instances, int Succeeded, int Failed, int StoppedOperations, double StartMinutes, double EndMinutes);
