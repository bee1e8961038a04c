namespace Insight.Sdk.Data;

/// <summary>
/// Where a value is being read from, so a mapping failure names table, key and attribute path. The key is described only
/// when a read fails, and the path is joined only when asked for (two levels deep it is held as its parts), so reading an
/// item, its nested objects and its maps allocates nothing for its context.
/// </summary>
public readonly struct DynamoReadContext
{
    private readonly Func<string>? _key;
    private readonly DynamoSchema? _schema;
    private readonly IReadOnlyDictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>? _item;

    // The path is _parent, then _attribute (".name") or _index ("[i]") when set.
    private readonly string _parent;
    private readonly string? _attribute;
    private readonly int? _index;

    /// <summary>A context whose key is described by <paramref name="key"/> on failure.</summary>
    public DynamoReadContext(string table, Func<string> key, string path)
    {
        Table = table;
        _key = key;
        _parent = path;
    }

    /// <summary>The context of an item of <paramref name="schema"/>'s table: on failure, its key is described from <paramref name="item"/>.</summary>
    public DynamoReadContext(DynamoSchema schema, IReadOnlyDictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item)
    {
        Table = schema.TableName;
        _schema = schema;
        _item = item;
        _parent = "";
    }

    private DynamoReadContext(in DynamoReadContext parent, string? attribute, int? index)
    {
        Table = parent.Table;
        _key = parent._key;
        _schema = parent._schema;
        _item = parent._item;
        _parent = parent.Path;
        _attribute = attribute;
        _index = index;
    }

    /// <summary>The table's logical name.</summary>
    public string Table { get; }

    /// <summary>The attribute path being read.</summary>
    public string Path => _attribute is not null
        ? _parent.Length == 0 ? _attribute : _parent + "." + _attribute
        : _index is { } index ? $"{_parent}[{index}]" : _parent;

    /// <summary>The context of a nested attribute.</summary>
    public DynamoReadContext At(string attribute) => new(this, attribute, null);

    /// <summary>The context of a list element.</summary>
    public DynamoReadContext At(int index) => new(this, null, index);

    /// <summary>An exception naming where the problem is.</summary>
    public DynamoMappingException Fail(string problem) =>
        new(Table, _schema is not null ? _schema.DescribeKey(_item!) : _key?.Invoke() ?? "?", Path, problem);
}
