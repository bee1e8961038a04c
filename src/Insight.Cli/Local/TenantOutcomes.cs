using Insight.Local.RuntimeApi;

namespace Insight.Cli.Local;

/// <summary>Everything one tenant's functions answered and wrote during a local run, and what its tables held after it: the input of the report.</summary>
/// <param name="Tenant">Whose functions these were.</param>
/// <param name="SingleDeliveries">What the EventBridge function answered, one outcome per scan.</param>
/// <param name="BatchDeliveries">What the SQS function answered, one outcome per batch.</param>
/// <param name="EventBridgeFunctionOutput">The EventBridge function's standard output: JSON log lines and EMF metric lines.</param>
/// <param name="SqsFunctionOutput">The SQS function's standard output.</param>
/// <param name="Tables">What the tenant's tables held once every scan had been answered.</param>
/// <param name="Elapsed">How long delivering took, from the first invocation to the last answer.</param>
internal sealed record TenantOutcomes(
    LocalTenant Tenant,
    IReadOnlyList<InvocationOutcome> SingleDeliveries,
    IReadOnlyList<BatchDelivery> BatchDeliveries,
    IReadOnlyList<string> EventBridgeFunctionOutput,
    IReadOnlyList<string> SqsFunctionOutput,
    TenantTableReads Tables,
    TimeSpan Elapsed);

/// <summary>One SQS batch: the ids of the messages sent, which a failure names, and what the function answered.</summary>
internal sealed record BatchDelivery(IReadOnlyList<string> MessageIds, InvocationOutcome Outcome);

/// <summary>What one tenant's tables held after a run.</summary>
/// <param name="StoredScans">Items in the scan table: each scan stored once, however often it was delivered.</param>
/// <param name="Counts">Every item of the stats table: running counts per device and per station.</param>
internal sealed record TenantTableReads(int StoredScans, IReadOnlyList<SubjectCounts> Counts);

/// <summary>The counts of one device (<c>device:M2-0001</c>) or station (<c>station:Pack 1</c>), as the service keeps them.</summary>
internal sealed record SubjectCounts(string Subject, long Accepted, long Rejected);
