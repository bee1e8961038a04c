using Insight.Sdk.Data;

namespace FirstService;

/// <summary>A stored event. The event id is the key, so a redelivered event is stored once.</summary>
[DynamoTable("FirstServiceRecords")]
public sealed partial record FirstServiceRecord(
    [property: PartitionKey] string EventId,
    string Subject,
    DateTimeOffset OccurredAt,
    [property: TimeToLive] DateTimeOffset ExpiresAt);
