using System.Buffers;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Insight.Sdk.Data;
using Insight.Sdk.Data.Wire;

namespace Insight.Benchmarks;

/// <summary>
/// The generated mapper against AWS's DynamoDBContext (its ToDocument/FromDocument to and from an attribute map),
/// for the same entity in the same storage format. One category per direction, DynamoDBContext the baseline of each,
/// so every ratio compares like with like.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(launchCount: 2, warmupCount: 3, iterationCount: 15)]
public class MapperBenchmarks
{
    private readonly BenchDevice _entity = BenchDevice.Sample();
    private readonly BenchDeviceDocument _document = BenchDeviceDocument.From(BenchDevice.Sample());
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private IDynamoDBContext _context = null!;
    private Dictionary<string, AttributeValue> _item = null!;
    private Utf8JsonWriter _writer = null!;
    private byte[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        // No call reaches a server: ToDocument/FromDocument only convert.
        var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1" });
        _context = new DynamoDBContextBuilder().WithDynamoDBClient(() => client).Build();
        _item = BenchDevice.ToItem(_entity);
        _writer = new Utf8JsonWriter(_buffer, DynamoJson.WriterOptions); // as the direct path's client writes
        GeneratedWriteItem();
        _json = _buffer.WrittenSpan.ToArray();
        if (GeneratedReadItem().Scans != _entity.Scans)
        {
            throw new InvalidOperationException("The direct path does not read back the item it wrote.");
        }

        if (_context.FromDocument<BenchDeviceDocument>(Document.FromAttributeMap(_item)).Scans != _entity.Scans)
        {
            throw new InvalidOperationException("DynamoDBContext does not read the generated item as the same entity.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ToItem")]
    public Dictionary<string, AttributeValue> DynamoDbContextToItem() => _context.ToDocument(_document).ToAttributeMap();

    [Benchmark, BenchmarkCategory("ToItem")]
    public Dictionary<string, AttributeValue> GeneratedToItem() => BenchDevice.ToItem(_entity);

    /// <summary>The direct path's form of the same item: DynamoDB's typed JSON, written without attribute values.</summary>
    [Benchmark, BenchmarkCategory("ToItem")]
    public int GeneratedWriteItem()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        BenchDevice.WriteItem(_writer, _entity);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("FromItem")]
    public BenchDeviceDocument DynamoDbContextFromItem() => _context.FromDocument<BenchDeviceDocument>(Document.FromAttributeMap(_item));

    [Benchmark, BenchmarkCategory("FromItem")]
    public BenchDevice GeneratedFromItem() => BenchDevice.FromItem(_item);

    /// <summary>The direct path: the entity read straight from DynamoDB's typed JSON.</summary>
    [Benchmark, BenchmarkCategory("FromItem")]
    public BenchDevice GeneratedReadItem()
    {
        var reader = new DynamoItemReader(_json);
        return BenchDevice.ReadItem(ref reader);
    }
}

/// <summary>A device reading with the common types: strings, numbers, bool, enum, Guid, DateTime, sets, a map, a nested record.</summary>
[DynamoTable("BenchDevices")]
public sealed partial record BenchDevice(
    [property: PartitionKey] string DeviceId,
    [property: SortKey] string Reading,
    string Station,
    int Scans,
    long TotalScans,
    double Average,
    decimal Cost,
    bool Active,
    BenchShift Shift,
    Guid BatchId,
    DateTime InstalledAt,
    List<string> Tags,
    HashSet<int> Codes,
    Dictionary<string, int> Counters,
    BenchLocation Home,
    int? Battery,
    string? Gateway)
{
    public static BenchDevice Sample() => new(
        "M2-0001", "2026-01-02T12:00:00Z", "Packing 3", 42, 9_000_000_000, 143.25, 2.75m, true, BenchShift.Late,
        Guid.Parse("1f3e2c7a-9b1d-4c3e-8f2a-0123456789ab"), new DateTime(2025, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc),
        ["gs1", "zebra"], [3, 5, 8], new() { ["misreads"] = 2, ["scans"] = 42 }, new BenchLocation("Packing 3", 2, "B"), 81, "GW-7");

    /// <summary>The same entity in new strings and collections of just the size it needs: what reading it must allocate at least.</summary>
    public BenchDevice FreshCopy()
    {
        var tags = new List<string>(Tags.Count);
        foreach (var tag in Tags)
        {
            tags.Add(Fresh(tag));
        }

        var counters = new Dictionary<string, int>(Counters.Count);
        foreach (var (name, count) in Counters)
        {
            counters.Add(Fresh(name), count);
        }

        return new(
            Fresh(DeviceId), Fresh(Reading), Fresh(Station), Scans, TotalScans, Average, Cost, Active, Shift, BatchId, InstalledAt, tags, new HashSet<int>(Codes),
            counters, new BenchLocation(Fresh(Home.Station), Home.Line, Home.Zone is null ? null : Fresh(Home.Zone)), Battery, Gateway is null ? null : Fresh(Gateway));
    }

    private static string Fresh(string text) => new(text.AsSpan());
}

public enum BenchShift
{
    Early,
    Late,
}

public sealed record BenchLocation(string Station, int Line, string? Zone);

/// <summary>The same item as DynamoDBContext users declare it.</summary>
[DynamoDBTable("BenchDevices")]
public sealed class BenchDeviceDocument
{
    [DynamoDBHashKey] public string DeviceId { get; set; } = "";
    [DynamoDBRangeKey] public string Reading { get; set; } = "";
    public string Station { get; set; } = "";
    public int Scans { get; set; }
    public long TotalScans { get; set; }
    public double Average { get; set; }
    public decimal Cost { get; set; }
    public bool Active { get; set; }
    public BenchShift Shift { get; set; }
    public Guid BatchId { get; set; }
    public DateTime InstalledAt { get; set; }
    public List<string> Tags { get; set; } = [];
    public HashSet<int> Codes { get; set; } = [];
    public Dictionary<string, int> Counters { get; set; } = [];
    public BenchLocationDocument Home { get; set; } = new();
    public int? Battery { get; set; }
    public string? Gateway { get; set; }

    public static BenchDeviceDocument From(BenchDevice d) => new()
    {
        DeviceId = d.DeviceId, Reading = d.Reading, Station = d.Station, Scans = d.Scans, TotalScans = d.TotalScans, Average = d.Average, Cost = d.Cost,
        Active = d.Active, Shift = d.Shift, BatchId = d.BatchId, InstalledAt = d.InstalledAt, Tags = d.Tags, Codes = d.Codes, Counters = d.Counters,
        Home = new BenchLocationDocument { Station = d.Home.Station, Line = d.Home.Line, Zone = d.Home.Zone }, Battery = d.Battery, Gateway = d.Gateway,
    };
}

public sealed class BenchLocationDocument
{
    public string Station { get; set; } = "";
    public int Line { get; set; }
    public string? Zone { get; set; }
}
