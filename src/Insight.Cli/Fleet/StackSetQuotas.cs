namespace Insight.Cli.Fleet;

/// <summary>One documented AWS limit the rollout plan applies or checks, with where it is written.</summary>
internal sealed record Quota(string Name, int Value, string Source);

/// <summary>
/// The CloudFormation StackSets and AWS Organizations limits a fleet rollout runs into, as AWS documents them (default
/// values; some can be raised through Service Quotas). The plan prints them with what it used of each.
/// </summary>
internal static class StackSetQuotas
{
    private const string CloudFormationQuotas = "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\"";
    private const string OperationPreferences = "AWS CloudFormation API Reference, \"StackSetOperationPreferences\"";
    private const string OperationInProgress = "AWS CloudFormation API Reference, \"ManagedExecution\"";

    /// <summary>Stack sets one administrator account may have: one per service.</summary>
    public static Quota StackSetsPerAdministrator { get; } = new("Stack sets per administrator account", 1_000, CloudFormationQuotas);

    /// <summary>Stack instances one stack set may have: one per tenant account and region.</summary>
    public static Quota InstancesPerStackSet { get; } = new("Stack instances per stack set", 100_000, CloudFormationQuotas);

    /// <summary>Stack instances under operation at once, across all stack sets, per region and administrator account.</summary>
    public static Quota ConcurrentInstanceOperationsPerRegion { get; } = new("Instance operations at once, per Region", 10_000, CloudFormationQuotas);

    /// <summary>Operations one stack set may have queued (with managed execution) at a time.</summary>
    public static Quota QueuedOperationsPerStackSet { get; } = new("Queued operations per stack set", 10_000, CloudFormationQuotas);

    /// <summary>Operations one stack set runs at a time; more wait in its queue (managed execution) or are refused.</summary>
    public static Quota RunningOperationsPerStackSet { get; } = new("Running operations per stack set", 1, OperationInProgress);

    /// <summary>
    /// How StackSets turns the percentages into counts: maximum concurrent accounts rounds down but to at least one;
    /// failure tolerance rounds down; strict failure tolerance holds concurrency at most one above the tolerance.
    /// </summary>
    public static string RoundingSource => OperationPreferences;
}
