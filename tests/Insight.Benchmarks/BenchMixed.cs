using Amazon.DynamoDBv2.DataModel;
using Insight.Sdk.Data;

namespace Insight.Benchmarks;

/// <summary>
/// The mixed item that published DynamoDB Query comparisons for .NET measure (the figure the table goals come from):
/// two string keys, a map, three lists of one map each, a string set, a number set, a string, a number and a bool.
/// Beside <see cref="BenchDevice"/>, it shows how the ratio depends on the item's shape: nested maps cost DynamoDBContext
/// a document each, and cost a direct reader only the object.
/// </summary>
[DynamoTable("BenchMixed")]
public sealed partial record BenchMixed(
    [property: PartitionKey] string Pk,
    [property: SortKey] string Sk,
    BenchMapObject M,
    List<BenchMapObject> L1,
    List<BenchMapObject> L2,
    List<BenchMapObject> L3,
    HashSet<string> Ss,
    HashSet<int> Ns,
    string S,
    int N,
    bool B)
{
    /// <summary>The <paramref name="index"/>-th item of partition <paramref name="partition"/>, filled as the published comparison fills it.</summary>
    public static BenchMixed Create(string partition, int index) => new(
        partition, $"sk_{index:0000}", new BenchMapObject($"test_p0_{index:0000}"), [new BenchMapObject($"test_p1_{index:0000}")],
        [new BenchMapObject($"test_p2_{index:0000}")], [new BenchMapObject($"test_p3_{index:0000}")], [$"test_set_{index:0000}"], [index],
        $"test_{index:0000}", index, index % 2 == 0);

    /// <summary>The same entity in new strings and collections of just the size it needs: what reading it must allocate at least.</summary>
    public BenchMixed FreshCopy() => new(
        Fresh(Pk), Fresh(Sk), Fresh(M), Fresh(L1), Fresh(L2), Fresh(L3), new HashSet<string>(Ss.Select(Fresh)), new HashSet<int>(Ns), Fresh(S), N, B);

    private static List<BenchMapObject> Fresh(List<BenchMapObject> maps)
    {
        var copy = new List<BenchMapObject>(maps.Count);
        foreach (var map in maps)
        {
            copy.Add(Fresh(map));
        }

        return copy;
    }

    private static BenchMapObject Fresh(BenchMapObject map) => new(Fresh(map.P1));

    private static string Fresh(string text) => new(text.AsSpan());
}

public sealed record BenchMapObject(string P1);

/// <summary>The same item as DynamoDBContext users declare it.</summary>
[DynamoDBTable("BenchMixed")]
public sealed class BenchMixedDocument
{
    [DynamoDBHashKey] public string Pk { get; set; } = "";
    [DynamoDBRangeKey] public string Sk { get; set; } = "";
    public BenchMapObjectDocument M { get; set; } = new();
    public List<BenchMapObjectDocument> L1 { get; set; } = [];
    public List<BenchMapObjectDocument> L2 { get; set; } = [];
    public List<BenchMapObjectDocument> L3 { get; set; } = [];
    public HashSet<string> Ss { get; set; } = [];
    public HashSet<int> Ns { get; set; } = [];
    public string S { get; set; } = "";
    public int N { get; set; }
    public bool B { get; set; }
}

public sealed class BenchMapObjectDocument
{
    public string P1 { get; set; } = "";
}
