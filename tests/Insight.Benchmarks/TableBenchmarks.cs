using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Insight.Sdk.Data;
using Insight.Sdk.Data.Wire;

namespace Insight.Benchmarks;

/// <summary>
/// A whole table call, entity to request bytes and response bytes to entities: DynamoDBContext (LoadAsync, SaveAsync,
/// QueryAsync; SaveAsync sends UpdateItem) against the generated table on its direct path, both answered from memory with the same recorded
/// DynamoDB responses through their HTTP handlers (the SDK's HttpClientFactory; the wire client's HttpClient). Both
/// sign their requests. One category per operation, DynamoDBContext the baseline of each.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(launchCount: 2, warmupCount: 3, iterationCount: 15)]
public class TableBenchmarks
{
    private readonly BenchDevice _entity = BenchDevice.Sample();
    private readonly BenchDeviceDocument _document = BenchDeviceDocument.From(BenchDevice.Sample());
    private readonly Dictionary<int, byte[]> _queries = [];
    private RecordedDynamoDb.Handler _handler = null!;
    private AmazonDynamoDBClient _client = null!;
    private IDynamoDBContext _context = null!;
    private BenchDeviceTable _table = null!;
    private BenchMixedTable _mixedTable = null!;
    private List<BenchDevice> _entities100 = null!;
    private List<BenchMixed> _mixed100 = null!;
    private byte[] _queryMixed100 = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        foreach (var count in RecordedDynamoDb.QuerySizes)
        {
            _queries[count] = RecordedDynamoDb.Response("Query" + count);
        }

        _queryMixed100 = RecordedDynamoDb.Response("QueryMixed100");

        _handler = new RecordedDynamoDb.Handler
        {
            GetItem = RecordedDynamoDb.Response("GetItem"),
            PutItem = RecordedDynamoDb.Response("PutItem"),
            UpdateItem = RecordedDynamoDb.Response("UpdateItem"),
        };
        var credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        _client = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig
        {
            RegionEndpoint = RegionEndpoint.EUCentral1,
            HttpClientFactory = new HandlerHttpClientFactory(_handler),
        });
        // The key schema comes from the attributes, as the generated table's does: no DescribeTable call.
        _context = new DynamoDBContextBuilder().WithDynamoDBClient(() => _client).ConfigureContext(c => c.DisableFetchingTableMetadata = true).Build();
        var wire = new DynamoWireClient(new HttpClient(_handler, disposeHandler: false), new DynamoWireOptions
        {
            ServiceUrl = new Uri("https://dynamodb.eu-central-1.amazonaws.com"),
            Region = "eu-central-1",
            Credentials = credentials,
        });
        _table = new BenchDeviceTable(_client, new DynamoTableNames(_ => RecordedDynamoDb.Table), wire);
        _mixedTable = new BenchMixedTable(_client, new DynamoTableNames(name => name), wire);

        // Both arms must read the same entities from the same bytes, or the comparison means nothing.
        var loaded = await DynamoDbContextGet();
        var got = await GeneratedGet();
        if (loaded is null || got is null || BenchDeviceDocument.From(got).Scans != loaded.Scans || got.Home.Station != loaded.Home.Station)
        {
            throw new InvalidOperationException("DynamoDBContext and the generated table read the recorded item differently.");
        }

        _entities100 = await GeneratedQuery(100);
        foreach (var count in RecordedDynamoDb.QuerySizes)
        {
            var documents = await DynamoDbContextQuery(count);
            var entities = await GeneratedQuery(count);
            if (documents.Count != count || entities.Count != count || documents.Select(d => d.Scans).Sum() != entities.Sum(e => e.Scans))
            {
                throw new InvalidOperationException($"Query {count}: DynamoDBContext read {documents.Count} items, the generated table {entities.Count}.");
            }
        }

        var mixedDocuments = await DynamoDbContextQueryMixed100();
        _mixed100 = await GeneratedQueryMixed100();
        if (mixedDocuments.Count != RecordedDynamoDb.MixedCount || _mixed100.Count != RecordedDynamoDb.MixedCount
            || mixedDocuments.Sum(d => d.N + d.Ns.Sum() + d.L3[0].P1.Length) != _mixed100.Sum(e => e.N + e.Ns.Sum() + e.L3[0].P1.Length))
        {
            throw new InvalidOperationException($"Mixed query: DynamoDBContext read {mixedDocuments.Count} items, the generated table {_mixed100.Count}, or not the same ones.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Dispose();
        _client.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Get")]
    public Task<BenchDeviceDocument?> DynamoDbContextGet() => _context.LoadAsync<BenchDeviceDocument?>(RecordedDynamoDb.GetDevice, RecordedDynamoDb.GetReading);

    [Benchmark, BenchmarkCategory("Get")]
    public Task<BenchDevice?> GeneratedGet() => _table.GetAsync(RecordedDynamoDb.GetDevice, RecordedDynamoDb.GetReading);

    [Benchmark(Baseline = true), BenchmarkCategory("Put")]
    public Task DynamoDbContextPut() => _context.SaveAsync(_document);

    [Benchmark, BenchmarkCategory("Put")]
    public Task<BenchDevice> GeneratedPut() => _table.PutAsync(_entity);

    [Benchmark(Baseline = true), BenchmarkCategory("Query10")]
    public Task<List<BenchDeviceDocument>> DynamoDbContextQuery10() => DynamoDbContextQuery(10);

    [Benchmark, BenchmarkCategory("Query10")]
    public Task<List<BenchDevice>> GeneratedQuery10() => GeneratedQuery(10);

    [Benchmark(Baseline = true), BenchmarkCategory("Query100")]
    public Task<List<BenchDeviceDocument>> DynamoDbContextQuery100() => DynamoDbContextQuery(100);

    [Benchmark, BenchmarkCategory("Query100")]
    public Task<List<BenchDevice>> GeneratedQuery100() => GeneratedQuery(100);

    /// <summary>
    /// Not a call: the 100 entities alone, copied from the recorded ones into fresh strings and collections. What any
    /// reader of these items must allocate, so its Alloc Ratio is the floor of the generated query's.
    /// </summary>
    [Benchmark, BenchmarkCategory("Query100")]
    public List<BenchDevice> EntitiesAlone100()
    {
        var items = new List<BenchDevice>(_entities100.Count);
        foreach (var entity in _entities100)
        {
            items.Add(entity.FreshCopy());
        }

        return items;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("QueryMixed100")]
    public Task<List<BenchMixedDocument>> DynamoDbContextQueryMixed100()
    {
        _handler.Query = _queryMixed100;
        return _context.QueryAsync<BenchMixedDocument>(RecordedDynamoDb.MixedPartition).GetRemainingAsync();
    }

    [Benchmark, BenchmarkCategory("QueryMixed100")]
    public Task<List<BenchMixed>> GeneratedQueryMixed100()
    {
        _handler.Query = _queryMixed100;
        return Collect(_mixedTable.QueryAsync(RecordedDynamoDb.MixedPartition), RecordedDynamoDb.MixedCount);
    }

    /// <summary>Not a call: the floor of the mixed query's allocation, as <see cref="EntitiesAlone100"/> is of the devices'.</summary>
    [Benchmark, BenchmarkCategory("QueryMixed100")]
    public List<BenchMixed> MixedEntitiesAlone100()
    {
        var items = new List<BenchMixed>(_mixed100.Count);
        foreach (var entity in _mixed100)
        {
            items.Add(entity.FreshCopy());
        }

        return items;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Query1000")]
    public Task<List<BenchDeviceDocument>> DynamoDbContextQuery1000() => DynamoDbContextQuery(1_000);

    [Benchmark, BenchmarkCategory("Query1000")]
    public Task<List<BenchDevice>> GeneratedQuery1000() => GeneratedQuery(1_000);

    private Task<List<BenchDeviceDocument>> DynamoDbContextQuery(int count)
    {
        _handler.Query = _queries[count];
        return _context.QueryAsync<BenchDeviceDocument>(RecordedDynamoDb.QueryPartition(count)).GetRemainingAsync();
    }

    private Task<List<BenchDevice>> GeneratedQuery(int count)
    {
        _handler.Query = _queries[count];
        return Collect(_table.QueryAsync(RecordedDynamoDb.QueryPartition(count)), count);
    }

    /// <summary>The query's items in a list of the size the recorded answer holds, as the DynamoDBContext arm returns them.</summary>
    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> query, int count)
    {
        var items = new List<T>(count);
        await foreach (var item in query)
        {
            items.Add(item);
        }

        return items;
    }
}
