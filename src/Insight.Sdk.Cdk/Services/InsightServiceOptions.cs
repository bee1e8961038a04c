using Amazon.CDK.AWS.Logs;
using Insight.Sdk.Cdk.Cost;
using Insight.Sdk.Cdk.Platform;

namespace Insight.Sdk.Cdk.Services;

/// <summary>Defaults a platform team may override for a service; everything else comes from the manifest.</summary>
public sealed record InsightServiceOptions
{
    /// <summary>How long function logs are kept. Longer retention is a per-account cost multiplied by the fleet.</summary>
    public RetentionDays LogRetention { get; init; } = RetentionDays.ONE_MONTH;

    /// <summary>
    /// The object key of each architecture's package in the artifact bucket; <c>{service}</c> and <c>{arch}</c> are
    /// replaced. The pipeline uploads there; versioned keys make each rollout an explicit parameter change.
    /// </summary>
    public string ArtifactKeyFormat { get; init; } = "{service}/{arch}/bootstrap.zip";

    /// <summary>How many times an asynchronous invocation is retried before it goes to the failure queue (0–2).</summary>
    public int AsyncRetryAttempts { get; init; } = 2;

    /// <summary>How many receives an SQS message gets before it moves to the dead-letter queue.</summary>
    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>Share of the timeout at which the duration alarm fires (p99).</summary>
    public double DurationAlarmShare { get; init; } = FunctionAlert.DefaultDurationShare;

    /// <summary>
    /// Functions that get their own alarms in every tenant account (errors, throttles, p99 duration, failed deliveries),
    /// notifying the platform's alarm topic. Empty by default: alerts are defined once by the platform, as Metrics
    /// Insights alarms in the monitoring accounts over every linked tenant account, so an idle account pays for none.
    /// Each alarm listed here costs every account $0.10 a month and counts against <see cref="IdleBudget"/>.
    /// </summary>
    public IReadOnlySet<string> AlarmedFunctions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>What one tenant account may pay for this service while idle; synthesis fails naming what exceeds it.</summary>
    public IdleBudget IdleBudget { get; init; } = new();
}
