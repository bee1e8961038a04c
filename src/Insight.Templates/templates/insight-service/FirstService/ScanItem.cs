using Insight.Sdk.Data;

namespace FirstService;

/// <summary>A stored scan. The event id is the key, so a redelivered event is stored once.</summary>
[DynamoTable("Scans")]
public sealed partial record ScanItem(
    [property: PartitionKey] string EventId,
    string DeviceSerial,
    DateTimeOffset ScannedAt,
    string ScanCode,
    [property: TimeToLive] DateTimeOffset ExpiresAt);
