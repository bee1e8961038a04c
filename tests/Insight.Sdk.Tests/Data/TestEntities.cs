using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Insight.Sdk.Data;

namespace Insight.Sdk.Tests.Data;

public enum Shift
{
    Early,
    Late,
    Night,
}

public sealed record Location(string Station, int Line, string? Zone);

public readonly record struct Celsius(double Value);

public sealed class CelsiusConverter : IDynamoConverter<Celsius>
{
    public AttributeValue ToAttributeValue(Celsius value) => new() { N = value.Value.ToString(CultureInfo.InvariantCulture) };

    public Celsius FromAttributeValue(AttributeValue value) =>
        double.TryParse(value.N, NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees) ? new Celsius(degrees) : throw new FormatException($"'{value.N}' is not a temperature");
}

/// <summary>Every supported type, a nested record, a converter, an index, a version and a time to live.</summary>
[DynamoTable("Devices")]
public sealed partial record Device(
    [property: PartitionKey] string DeviceId,
    [property: SortKey, GlobalIndexSortKey("ByStation")] DateTimeOffset SeenAt,
    [property: GlobalIndexPartitionKey("ByStation")] string Station,
    int Scans,
    long TotalScans,
    short Small,
    byte Tiny,
    uint Unsigned,
    ulong Big,
    float Ratio,
    double Average,
    decimal Cost,
    bool Active,
    char Grade,
    Shift Shift,
    Guid BatchId,
    DateTime InstalledAt,
    TimeSpan Uptime,
    byte[] Firmware,
    List<string> Tags,
    string[] Aliases,
    HashSet<int> Codes,
    List<Location> History,
    Dictionary<string, int> Counters,
    Location Home,
    Location? Previous,
    int? Battery,
    string? Gateway,
    [property: DynamoProperty("temp")] [property: DynamoConverter(typeof(CelsiusConverter))] Celsius Temperature,
    [property: TimeToLive] DateTimeOffset? ExpiresAt,
    [property: Version] long? Version)
{
    public string Display => $"{DeviceId}@{Station}";

    public string? Notes { get; init; }

    public static Device Sample(string deviceId, DateTimeOffset seenAt, string station = "Packing 3") => new(
        deviceId, seenAt, station, Scans: 42, TotalScans: 9_000_000_000, Small: -3, Tiny: 7, Unsigned: 4_000_000_000, Big: 18_000_000_000_000_000_000,
        Ratio: 0.5f, Average: 143.25, Cost: 2.75m, Active: true, Grade: 'A', Shift: Shift.Late, BatchId: Guid.Parse("1f3e2c7a-9b1d-4c3e-8f2a-0123456789ab"),
        InstalledAt: new DateTime(2025, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc), Uptime: TimeSpan.FromHours(31.5), Firmware: [1, 2, 3],
        Tags: ["gs1", "zebra"], Aliases: ["scanner-9"], Codes: [3, 5, 8], History: [new Location("Inbound", 1, null), new Location("Packing 3", 2, "B")],
        Counters: new() { ["misreads"] = 2, ["scans"] = 42 }, Home: new Location("Packing 3", 2, "B"), Previous: null, Battery: 81, Gateway: "GW-7",
        Temperature: new Celsius(21.5), ExpiresAt: DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), Version: null)
    {
        Notes = "calibrated",
    };
}

/// <summary>A counter in a table shared with other entity types, keyed by composite keys.</summary>
[DynamoTable("Plant", EntityType = "Counter")]
[CompositeKey(KeyRole.Partition, "PK", "DEVICE#{DeviceId}")]
[CompositeKey(KeyRole.Sort, "SK", "DAY#{Day}")]
public sealed partial class DailyCounter
{
    public string DeviceId { get; set; } = "";

    public DateTime Day { get; set; }

    public int Count { get; set; }

    [Version]
    public int? Version { get; set; }
}

/// <summary>A second entity type in the shared table.</summary>
[DynamoTable("Plant", EntityType = "Note")]
[CompositeKey(KeyRole.Partition, "PK", "DEVICE#{DeviceId}")]
[CompositeKey(KeyRole.Sort, "SK", "NOTE#{Written}")]
public sealed partial record DeviceNote(string DeviceId, DateTimeOffset Written, string Text);

/// <summary>Large readings, for paging past DynamoDB's 1 MB page limit.</summary>
[DynamoTable("Readings")]
public sealed partial record Reading([property: PartitionKey] string Sensor, [property: SortKey] int Sequence, string Payload);
