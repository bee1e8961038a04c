namespace Insight.Sdk.Cdk.Platform;

/// <summary>What an alert watches: the function itself, or the queue its failed deliveries land in.</summary>
public enum AlertSubject
{
    /// <summary>A metric of the function (<c>AWS/Lambda</c>, dimension <c>FunctionName</c>).</summary>
    Function,

    /// <summary>A metric of the function's failure queue (<c>AWS/SQS</c>, dimension <c>QueueName</c>).</summary>
    FailureQueue,
}

/// <summary>
/// One alert every function gets: which metric, how it is aggregated and when it fires. The same definition drives the
/// platform's Metrics Insights alarms over every linked account and the per-account alarm a service may opt into for
/// one function, so the two can never disagree about what "failing" means.
/// </summary>
/// <param name="Name">The alert's name, the last part of an alarm name.</param>
/// <param name="Subject">What is watched.</param>
/// <param name="Namespace">The metric namespace.</param>
/// <param name="MetricName">The metric.</param>
/// <param name="Statistic">The statistic of a per-account alarm (CloudWatch statistic syntax).</param>
/// <param name="InsightsFunction">The Metrics Insights aggregate of the central alarm (SUM, MAX, …).</param>
/// <param name="ShareOfTimeout">Null for a threshold of 1; else the threshold is this share of the function's timeout, in milliseconds.</param>
public sealed record FunctionAlert(string Name, AlertSubject Subject, string Namespace, string MetricName, string Statistic, string InsightsFunction, double? ShareOfTimeout)
{
    /// <summary>
    /// The alerts, in order. Metrics Insights has no percentiles, so the central duration alert watches the maximum
    /// where the per-account alarm watches p99.
    /// </summary>
    public static IReadOnlyList<FunctionAlert> All { get; } =
    [
        new("Errors", AlertSubject.Function, "AWS/Lambda", "Errors", "Sum", "SUM", null),
        new("Throttles", AlertSubject.Function, "AWS/Lambda", "Throttles", "Sum", "SUM", null),
        new("Duration", AlertSubject.Function, "AWS/Lambda", "Duration", "p99", "MAX", DefaultDurationShare),
        new("FailedDeliveries", AlertSubject.FailureQueue, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", "MAX", null),
    ];

    /// <summary>The share of the timeout at which the duration alert fires, unless a service says otherwise.</summary>
    public const double DefaultDurationShare = 0.8;

    /// <summary>The alerts on the function's own metrics.</summary>
    public static IEnumerable<FunctionAlert> OnFunction => All.Where(a => a.Subject == AlertSubject.Function);

    /// <summary>The alerts on the failure queue.</summary>
    public static IEnumerable<FunctionAlert> OnFailureQueue => All.Where(a => a.Subject == AlertSubject.FailureQueue);

    /// <summary>The minutes of data one evaluation reads: one 5-minute period.</summary>
    public const int PeriodMinutes = 5;

    /// <summary>The threshold for a function with <paramref name="timeoutSeconds"/>, at <paramref name="durationShare"/> of the timeout for duration.</summary>
    public double Threshold(int timeoutSeconds, double durationShare = DefaultDurationShare) =>
        ShareOfTimeout is null ? 1 : timeoutSeconds * 1000 * durationShare;

    /// <summary>
    /// A function's deployed name, the same in every account: <c>{service}-{function}</c>, so an alert names the
    /// service and the function and a Metrics Insights query can select a service by prefix.
    /// </summary>
    public static string FunctionName(string service, string function) => $"{service}-{function}";

    /// <summary>
    /// Whether a function with <paramref name="trigger"/> has a failure queue: asynchronous targets (events, schedules) and
    /// queue consumers do; an HTTP route answers its caller instead.
    /// </summary>
    public static bool HasFailureQueue(Trigger trigger) => trigger is Trigger.EventBridge or Trigger.Schedule or Trigger.SqsBatch;

    /// <summary>A function's failure queue's name, the same in every account: <c>{service}-{function}-failures</c>.</summary>
    public static string FailureQueueName(string service, string function) => $"{FunctionName(service, function)}-failures";
}
