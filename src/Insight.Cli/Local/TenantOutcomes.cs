using Insight.Local.RuntimeApi;

namespace Insight.Cli.Local;

/// <summary>Everything one tenant's functions answered and wrote during a local run, and what its tables held after it: the input of the report.</summary>
/// <param name="Tenant">Whose functions these were.</param>
/// <param name="Scans">What ScanIngest's functions answered to the scans.</param>
/// <param name="Metrics">What Productivity's functions answered to the metric samples.</param>
/// <param name="Measures">What Ergonomics' functions answered to the ergonomics measures.</param>
/// <param name="ScanCounts">Every item of ScanIngest's stats table: running counts per device and per station.</param>
/// <param name="Alerts">Items in Ergonomics' alerts table.</param>
/// <param name="Workers">What Productivity and Ergonomics answered when asked about each worker after the run.</param>
/// <param name="Elapsed">How long delivering took, from the first invocation to the last answer.</param>
internal sealed record TenantOutcomes(
    LocalTenant Tenant,
    FeedOutcomes Scans,
    FeedOutcomes Metrics,
    FeedOutcomes Measures,
    IReadOnlyList<SubjectCounts> ScanCounts,
    int Alerts,
    IReadOnlyList<WorkerAnswers> Workers,
    TimeSpan Elapsed)
{
    /// <summary>Every feed's outcomes.</summary>
    public IReadOnlyList<FeedOutcomes> Feeds => [Scans, Metrics, Measures];
}

/// <summary>What one feed's functions answered and wrote, and how many events its service stored.</summary>
/// <param name="Feed">The events' kind and the service that took them.</param>
/// <param name="SingleDeliveries">What the EventBridge function answered, one outcome per event.</param>
/// <param name="BatchDeliveries">What the SQS function answered, one outcome per batch.</param>
/// <param name="EventBridgeFunctionOutput">The EventBridge function's standard output: JSON log lines and EMF metric lines.</param>
/// <param name="SqsFunctionOutput">The SQS function's standard output.</param>
/// <param name="Stored">Items in the feed's table of stored events once every delivery had been answered.</param>
internal sealed record FeedOutcomes(
    EventFeed Feed,
    IReadOnlyList<InvocationOutcome> SingleDeliveries,
    IReadOnlyList<BatchDelivery> BatchDeliveries,
    IReadOnlyList<string> EventBridgeFunctionOutput,
    IReadOnlyList<string> SqsFunctionOutput,
    int Stored);

/// <summary>One SQS batch: the ids of the messages sent, which a failure names, and what the function answered.</summary>
internal sealed record BatchDelivery(IReadOnlyList<string> MessageIds, InvocationOutcome Outcome);

/// <summary>The counts of one device (<c>device:M2-0001</c>) or station (<c>station:Pack 1</c>), as the service keeps them.</summary>
internal sealed record SubjectCounts(string Subject, long Accepted, long Rejected);

/// <summary>What the services' HTTP functions answered about one worker.</summary>
/// <param name="WorkerId">The worker asked about.</param>
/// <param name="Productivity">GetWorkerProductivity's answer for the week up to the end of the run.</param>
/// <param name="Risk">GetWorkerRisk's answer for the worker's recent shifts.</param>
internal sealed record WorkerAnswers(string WorkerId, InvocationOutcome Productivity, InvocationOutcome Risk);
