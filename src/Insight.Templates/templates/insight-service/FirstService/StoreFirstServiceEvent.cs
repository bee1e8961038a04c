using Insight.Sdk;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace FirstService;

#if (trigger == "sqs")
/// <summary>
/// Stores each event once, however often it is delivered, taking them in batches from the service's queue, which the
/// tenant's event bus feeds. A message that is not an event fails alone; after the queue's maxReceiveCount it goes to
/// the dead-letter queue.
/// </summary>
[EventHandler(Trigger = Trigger.SqsBatch, MemorySize = 256, TimeoutSeconds = 10)]
#else
/// <summary>Stores each event from the tenant's event bus once, however often it is delivered.</summary>
[EventHandler(MemorySize = 256, TimeoutSeconds = 10)]
#endif
public sealed partial class StoreFirstServiceEvent(FirstServiceRecordTable records, IMetrics metrics, ILogger<StoreFirstServiceEvent> log)
{
    /// <summary>How long events are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>Handles one event; the tenant comes from the deployment, never from the event.</summary>
    public async Task HandleAsync(FirstServiceEvent received, TenantContext tenant, CancellationToken cancellationToken)
    {
        var stored = await records.TryPutNewAsync(
            new FirstServiceRecord(received.EventId, received.Subject, received.OccurredAt, received.OccurredAt + Retention), cancellationToken);
        metrics.Add(stored ? "EventsStored" : "EventsDuplicate", 1);
        LogStored(log, received.EventId, stored, tenant.TenantId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} stored: {Stored} (tenant {Tenant})")]
    private static partial void LogStored(ILogger logger, string eventId, bool stored, string tenant);
}
