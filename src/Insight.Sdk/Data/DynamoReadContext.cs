namespace Insight.Sdk.Data;

/// <summary>Where a value is being read from, so a mapping failure names table, key and attribute path.</summary>
public readonly struct DynamoReadContext(string table, Func<string> key, string path)
{
    /// <summary>The table's logical name.</summary>
    public string Table { get; } = table;

    /// <summary>The attribute path being read.</summary>
    public string Path { get; } = path;

    /// <summary>The context of a nested attribute.</summary>
    public DynamoReadContext At(string attribute) => new(Table, key, Path.Length == 0 ? attribute : Path + "." + attribute);

    /// <summary>The context of a list element.</summary>
    public DynamoReadContext At(int index) => new(Table, key, $"{Path}[{index}]");

    /// <summary>An exception naming where the problem is.</summary>
    public DynamoMappingException Fail(string problem) => new(Table, key(), Path, problem);
}
