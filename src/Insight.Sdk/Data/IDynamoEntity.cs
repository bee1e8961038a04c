using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Insight.Sdk.Data.Wire;

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

    /// <summary>
    /// Writes the item to store as DynamoDB's typed JSON (<c>{"pk":{"S":"…"},"n":{"N":"12"}}</c>), the same item
    /// <see cref="ToItem"/> builds, without building it. The generator writes it directly; this default, for types
    /// implemented by hand, goes through <see cref="ToItem"/>.
    /// </summary>
    static virtual void WriteItem(Utf8JsonWriter writer, TSelf entity) => DynamoJson.WriteAttributes(writer, TSelf.ToItem(entity));

    /// <summary>
    /// Reads the entity from an item in DynamoDB's typed JSON (the reader on the item's <c>{</c>, left after its
    /// <c>}</c>), in any attribute order, skipping attributes the entity does not store; validates and fails as
    /// <see cref="FromItem"/> does. The default, for types implemented by hand, goes through <see cref="FromItem"/>.
    /// </summary>
    /// <exception cref="DynamoMappingException">A required attribute is missing or has the wrong type.</exception>
    static virtual TSelf ReadItem(ref DynamoItemReader reader) => TSelf.FromItem(reader.ReadAttributes());

    /// <summary>The primary key attributes of <paramref name="entity"/>.</summary>
    static abstract Dictionary<string, AttributeValue> KeyOf(TSelf entity);

    /// <summary>The version stored with the entity, or <c>null</c> when it has never been written (or has no version).</summary>
    static abstract long? VersionOf(TSelf entity);

    /// <summary>A copy of <paramref name="entity"/> carrying <paramref name="version"/>.</summary>
    static abstract TSelf WithVersion(TSelf entity, long version);
}

/// <summary>
/// The shape of a table as an entity type declares it. <paramref name="KeyTypes"/> gives the DynamoDB type
/// (<c>S</c>, <c>N</c> or <c>B</c>) of every key attribute of the table and its indexes.
/// </summary>
public sealed record DynamoSchema(
    string TableName,
    string PartitionKey,
    string? SortKey,
    IReadOnlyList<DynamoIndex> Indexes,
    string? VersionAttribute,
    string? TimeToLiveAttribute,
    string? DiscriminatorAttribute,
    string? EntityType,
    IReadOnlyDictionary<string, string> KeyTypes)
{
    /// <summary>
    /// The request that creates this table on demand (pay per request), for local stand-ins and tests; deployed
    /// tables come from the service's stack.
    /// </summary>
    public CreateTableRequest CreateTableRequest(string physicalName)
    {
        KeySchemaElement Hash(string name) => new(name, KeyType.HASH);
        KeySchemaElement Range(string name) => new(name, KeyType.RANGE);
        List<KeySchemaElement> Keys(string partition, string? sort) => sort is null ? [Hash(partition)] : [Hash(partition), Range(sort)];
        var all = Projection();
        return new CreateTableRequest
        {
            TableName = physicalName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [.. KeyTypes.Select(k => new AttributeDefinition(k.Key, new ScalarAttributeType(k.Value)))],
            KeySchema = Keys(PartitionKey, SortKey),
            GlobalSecondaryIndexes = Indexes.Any(i => i.IsGlobal)
                ? [.. Indexes.Where(i => i.IsGlobal).Select(i => new GlobalSecondaryIndex { IndexName = i.Name, KeySchema = Keys(i.PartitionKey, i.SortKey), Projection = all })]
                : null,
            LocalSecondaryIndexes = Indexes.Any(i => !i.IsGlobal)
                ? [.. Indexes.Where(i => !i.IsGlobal).Select(i => new LocalSecondaryIndex { IndexName = i.Name, KeySchema = Keys(PartitionKey, i.SortKey!), Projection = all })]
                : null,
        };

        static Projection Projection() => new() { ProjectionType = ProjectionType.ALL };
    }

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
