using System.Globalization;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Insight.Sdk.Data;

namespace Insight.Sdk.Tests.Data;

/// <summary>
/// Items written by the generated mapper read correctly through AWS's DynamoDBContext (its default conversion), and
/// the reverse, so a service can move one entity at a time. DateTimeOffset, TimeSpan and time to live have no
/// DynamoDBContext form of their own; the converters below declare ours to it.
/// </summary>
[Collection(LocalDynamoDbCollection.Name)]
public sealed class DynamoDbContextCompatibilityTests(LocalDynamoDb dynamo)
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_item_written_by_the_mapper_loads_through_DynamoDBContext(bool directPath)
    {
        var (devices, context) = await CreateAsync(directPath);
        var stored = await devices.PutAsync(Device.Sample("M2-1", Noon));

        var document = await context.LoadAsync<DeviceDocument>("M2-1", Noon, new LoadConfig { OverrideTableName = devices.TableName });

        Assert.NotNull(document);
        Assert.Equal(DeviceDocument.From(stored), document, DeviceDocument.Comparer);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_item_saved_by_DynamoDBContext_reads_through_the_mapper(bool directPath)
    {
        var (devices, context) = await CreateAsync(directPath);
        var expected = Device.Sample("M2-2", Noon);
        var document = DeviceDocument.From(expected);

        await context.SaveAsync(document, new SaveConfig { OverrideTableName = devices.TableName });
        var read = await devices.GetAsync("M2-2", Noon);

        Assert.NotNull(read);
        Assert.Equal(0, read.Version); // DynamoDBContext starts versions at 0, as the mapper does
        Assert.Equal(document, DeviceDocument.From(read), DeviceDocument.Comparer);
    }

    private async Task<(DeviceTable Devices, IDynamoDBContext Context)> CreateAsync(bool directPath)
    {
        var names = await dynamo.CreateTableAsync(Device.Schema);
        var devices = new DeviceTable(dynamo.Client, names, directPath ? dynamo.Wire : null);
        var context = new DynamoDBContextBuilder().WithDynamoDBClient(() => dynamo.Client).Build();
        return (devices, context);
    }
}

/// <summary>The same item as <see cref="Device"/>, the way a DynamoDBContext user declares it.</summary>
[DynamoDBTable("Devices")]
public sealed class DeviceDocument
{
    public static readonly IEqualityComparer<DeviceDocument> Comparer = new DocumentComparer();

    [DynamoDBHashKey] public string DeviceId { get; set; } = "";

    [DynamoDBRangeKey(typeof(DateTimeOffsetConverter))] public DateTimeOffset SeenAt { get; set; }

    public string Station { get; set; } = "";

    public int Scans { get; set; }

    public long TotalScans { get; set; }

    public short Small { get; set; }

    public byte Tiny { get; set; }

    public uint Unsigned { get; set; }

    public ulong Big { get; set; }

    public float Ratio { get; set; }

    public double Average { get; set; }

    public decimal Cost { get; set; }

    public bool Active { get; set; }

    public char Grade { get; set; }

    public Shift Shift { get; set; }

    public Guid BatchId { get; set; }

    public DateTime InstalledAt { get; set; }

    [DynamoDBProperty(typeof(TicksConverter))] public TimeSpan Uptime { get; set; }

    public byte[] Firmware { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    public string[] Aliases { get; set; } = [];

    public HashSet<int> Codes { get; set; } = [];

    public List<LocationDocument> History { get; set; } = [];

    public Dictionary<string, int> Counters { get; set; } = [];

    public LocationDocument Home { get; set; } = new();

    public LocationDocument? Previous { get; set; }

    public int? Battery { get; set; }

    public string? Gateway { get; set; }

    [DynamoDBProperty("temp")] public double Temperature { get; set; }

    [DynamoDBProperty(typeof(EpochSecondsConverter))] public DateTimeOffset? ExpiresAt { get; set; }

    [DynamoDBVersion] public long? Version { get; set; }

    public string? Notes { get; set; }

    public static DeviceDocument From(Device d) => new()
    {
        DeviceId = d.DeviceId, SeenAt = d.SeenAt, Station = d.Station, Scans = d.Scans, TotalScans = d.TotalScans, Small = d.Small, Tiny = d.Tiny,
        Unsigned = d.Unsigned, Big = d.Big, Ratio = d.Ratio, Average = d.Average, Cost = d.Cost, Active = d.Active, Grade = d.Grade, Shift = d.Shift,
        BatchId = d.BatchId, InstalledAt = d.InstalledAt, Uptime = d.Uptime, Firmware = d.Firmware, Tags = d.Tags, Aliases = d.Aliases, Codes = d.Codes,
        History = [.. d.History.Select(LocationDocument.From)], Counters = d.Counters, Home = LocationDocument.From(d.Home),
        Previous = d.Previous is null ? null : LocationDocument.From(d.Previous), Battery = d.Battery, Gateway = d.Gateway, Temperature = d.Temperature.Value,
        ExpiresAt = d.ExpiresAt, Version = d.Version, Notes = d.Notes,
    };

    private sealed class DocumentComparer : IEqualityComparer<DeviceDocument>
    {
        public bool Equals(DeviceDocument? x, DeviceDocument? y) => x is not null && y is not null && Describe(x) == Describe(y);

        public int GetHashCode(DeviceDocument obj) => Describe(obj).GetHashCode(StringComparison.Ordinal);

        private static string Describe(DeviceDocument d) => string.Join("|",
            d.DeviceId, d.SeenAt.UtcTicks, d.Station, d.Scans, d.TotalScans, d.Small, d.Tiny, d.Unsigned, d.Big, d.Ratio.ToString(CultureInfo.InvariantCulture),
            d.Average.ToString(CultureInfo.InvariantCulture), d.Cost.ToString(CultureInfo.InvariantCulture), d.Active, d.Grade, d.Shift, d.BatchId,
            d.InstalledAt.ToUniversalTime().Ticks, d.Uptime.Ticks, Convert.ToBase64String(d.Firmware), string.Join(",", d.Tags.Order()), string.Join(",", d.Aliases.Order()),
            string.Join(",", d.Codes.Order()), string.Join(",", d.History.Select(h => h.Describe())), string.Join(",", d.Counters.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")),
            d.Home.Describe(), d.Previous?.Describe(), d.Battery, d.Gateway, d.Temperature.ToString(CultureInfo.InvariantCulture), d.ExpiresAt?.ToUnixTimeSeconds(), d.Version, d.Notes);
    }
}

public sealed class LocationDocument
{
    public string Station { get; set; } = "";

    public int Line { get; set; }

    public string? Zone { get; set; }

    public static LocationDocument From(Location location) => new() { Station = location.Station, Line = location.Line, Zone = location.Zone };

    public string Describe() => $"{Station}/{Line}/{Zone}";
}

public sealed class DateTimeOffsetConverter : IPropertyConverter
{
    public DynamoDBEntry ToEntry(object value) => new Primitive(DynamoValue.FromDateTimeOffset((DateTimeOffset)value).S);

    public object FromEntry(DynamoDBEntry entry) => DateTimeOffset.Parse(entry.AsString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

public sealed class TicksConverter : IPropertyConverter
{
    public DynamoDBEntry ToEntry(object value) => new Primitive(((TimeSpan)value).Ticks.ToString(CultureInfo.InvariantCulture), saveAsNumeric: true);

    public object FromEntry(DynamoDBEntry entry) => TimeSpan.FromTicks(entry.AsLong());
}

public sealed class EpochSecondsConverter : IPropertyConverter
{
    public DynamoDBEntry ToEntry(object value) => value is DateTimeOffset time
        ? new Primitive(time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), saveAsNumeric: true)
        : new Primitive();

    public object? FromEntry(DynamoDBEntry entry) => entry is Primitive { Value: not null } ? DateTimeOffset.FromUnixTimeSeconds(entry.AsLong()) : null;
}
