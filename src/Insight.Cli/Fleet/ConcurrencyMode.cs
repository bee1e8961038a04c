namespace Insight.Cli.Fleet;

/// <summary>How StackSets holds concurrency as failures come in.</summary>
internal enum ConcurrencyMode
{
    /// <summary>STRICT_FAILURE_TOLERANCE (the default): never more running than failures still tolerated, plus one.</summary>
    Strict,

    /// <summary>SOFT_FAILURE_TOLERANCE: always the maximum concurrency.</summary>
    Soft,
}
