namespace Insight.Sdk.Data;

/// <summary>
/// An item read from a table does not fit its entity: an attribute is missing or holds the wrong type. The message
/// names the table, the item's key and the attribute, so the bad item can be found — a default is never invented.
/// </summary>
public sealed class DynamoMappingException(string table, string key, string attribute, string problem)
    : Exception($"Table {table}, item {key}: attribute {attribute} {problem}")
{
    /// <summary>The table's logical name.</summary>
    public string Table { get; } = table;

    /// <summary>The item's key, as text.</summary>
    public string Key { get; } = key;

    /// <summary>The attribute's path, for example <c>Location.Station</c>.</summary>
    public string Attribute { get; } = attribute;
}

/// <summary>A write was made from a stale copy: the stored version is no longer the one it was read with.</summary>
public sealed class VersionConflictException(string table, string key, long? expected, Exception? inner = null)
    : Exception($"Table {table}, item {key}: the stored version is no longer {(expected is null ? "absent" : expected.ToString())}; read the item again and retry.", inner)
{
    /// <summary>The table's logical name.</summary>
    public string Table { get; } = table;

    /// <summary>The item's key, as text.</summary>
    public string Key { get; } = key;
}

/// <summary>A conditional write found the condition false, for example an only-if-absent put of an existing item.</summary>
public sealed class ConditionFailedException(string table, string key, string condition, Exception? inner = null)
    : Exception($"Table {table}, item {key}: the condition {condition} did not hold.", inner)
{
    /// <summary>The table's logical name.</summary>
    public string Table { get; } = table;

    /// <summary>The item's key, as text.</summary>
    public string Key { get; } = key;
}

/// <summary>Converts a property to and from one DynamoDB attribute value.</summary>
public interface IDynamoConverter<T>
{
    /// <summary>The stored form of <paramref name="value"/>.</summary>
    Amazon.DynamoDBv2.Model.AttributeValue ToAttributeValue(T value);

    /// <summary>The value of a stored attribute; throws <see cref="FormatException"/> when it does not fit.</summary>
    T FromAttributeValue(Amazon.DynamoDBv2.Model.AttributeValue value);
}
