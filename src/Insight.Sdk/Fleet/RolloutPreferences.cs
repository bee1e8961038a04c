using System.Globalization;
using System.Text.Json.Serialization;

namespace Insight.Sdk.Fleet;

/// <summary>
/// StackSet operation preferences for a release rollout (the same numbers <c>insight fleet plan</c> simulates): part of the
/// platform settings and of the <see cref="FleetDescription"/>.
/// </summary>
public sealed record RolloutPreferences
{
    /// <summary>Share of the accounts (per region) updated at the same time; StackSets rounds down, to at least one.</summary>
    [JsonPropertyName("maxConcurrentPercentage")]
    public int MaxConcurrentPercentage { get; init; } = 10;

    /// <summary>Share of the accounts (per region) that may fail before StackSets stops the operation; rounded down.</summary>
    [JsonPropertyName("failureTolerancePercentage")]
    public int FailureTolerancePercentage { get; init; } = 5;

    /// <summary>
    /// <c>STRICT_FAILURE_TOLERANCE</c> (StackSets' default: concurrency is held at most one above the failures still
    /// tolerated) or <c>SOFT_FAILURE_TOLERANCE</c> (concurrency stays at the maximum).
    /// </summary>
    [JsonPropertyName("concurrencyMode")]
    public string ConcurrencyMode { get; init; } = "STRICT_FAILURE_TOLERANCE";

    /// <summary><c>SEQUENTIAL</c> (a stop in one region spares the next) or <c>PARALLEL</c>.</summary>
    [JsonPropertyName("regionConcurrency")]
    public string RegionConcurrency { get; init; } = "SEQUENTIAL";

    /// <summary>How many times the pipeline re-runs instances that failed within the tolerance.</summary>
    [JsonPropertyName("retryRounds")]
    public int RetryRounds { get; init; } = 2;

    /// <summary>What is wrong with the preferences, each problem naming its field and the range StackSets takes.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxConcurrentPercentage is < 1 or > 100)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"rollout.maxConcurrentPercentage is {MaxConcurrentPercentage}; StackSets takes 1 to 100.");
        }

        if (FailureTolerancePercentage is < 0 or > 100)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"rollout.failureTolerancePercentage is {FailureTolerancePercentage}; StackSets takes 0 to 100.");
        }

        if (ConcurrencyMode is not ("STRICT_FAILURE_TOLERANCE" or "SOFT_FAILURE_TOLERANCE"))
        {
            yield return $"rollout.concurrencyMode is {ConcurrencyMode}; it must be STRICT_FAILURE_TOLERANCE or SOFT_FAILURE_TOLERANCE.";
        }

        if (RegionConcurrency is not ("SEQUENTIAL" or "PARALLEL"))
        {
            yield return $"rollout.regionConcurrency is {RegionConcurrency}; it must be SEQUENTIAL or PARALLEL.";
        }

        if (RetryRounds is < 0 or > 10)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"rollout.retryRounds is {RetryRounds}; 0 to 10 rounds are allowed.");
        }
    }
}
