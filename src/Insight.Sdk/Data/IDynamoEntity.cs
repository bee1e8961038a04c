using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Data;

/// <summary>What the generator implements for a <see cref="DynamoTableAttribute"/> type; tables use it to map items.</summary>
public interface IDynamoEntity<TSelf>
    where TSelf : IDynamoEntity<TSelf>
{
    /// <summary>The table's schema: logical name, keys, indexes, version and TTL attributes.</summary>
    static abstract DynamoSchema Schema { get; }

    /// <summary>The item to store.</summary>
    static abstract Dictionary<string, AttributeValue> ToItem(TSelf entity);

    /// <summary>The entity an item holds.</summary>
    /// <exception cref="DynamoMappingException">A required attribute is missing or has the wrong type.</exception>
    static abstract TSelf FromItem(IReadOnlyDictionary<string, AttributeValue> item);

    /// <summary>The primary key attributes of <paramref name="entity"/>.</summary>
    static abstract Dictionary<string, AttributeValue> KeyOf(TSelf entity);

    /// <summary>The version stored with the entity, or <c>null</c> when it has never been written (or has no version).</summary>
    static abstract long? VersionOf(TSelf entity);

    /// <summary>A copy of <paramref name="entity"/> carrying <paramref name="version"/>.</summary>
    static abstract TSelf WithVersion(TSelf entity, long version);
}

/// <summary>The shape of a table as an entity type declares it.</summary>
public sealed record DynamoSchema(
    string TableName,
    string PartitionKey,
    string? SortKey,
    IReadOnlyList<DynamoIndex> Indexes,
    string? VersionAttribute,
    string? TimeToLiveAttribute,
    string? DiscriminatorAttribute,
    string? EntityType)
{
    /// <summary>The environment variable that carries the physical table name: <c>INSIGHT_TABLE_{NAME}</c>.</summary>
    public string TableNameVariable => DynamoTableNames.VariableFor(TableName);

    /// <summary>The key of an item, as text for messages.</summary>
    public string DescribeKey(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var partition = item.TryGetValue(PartitionKey, out var p) ? DynamoValue.Describe(p) : "?";
        return SortKey is null
            ? $"{{{PartitionKey}={partition}}}"
            : $"{{{PartitionKey}={partition}, {SortKey}={(item.TryGetValue(SortKey, out var s) ? DynamoValue.Describe(s) : "?")}}}";
    }
}

/// <summary>A secondary index of a table.</summary>
public sealed record DynamoIndex(string Name, bool IsGlobal, string PartitionKey, string? SortKey);
