namespace Insight.Sdk.Data;

/// <summary>
/// Marks a partial record or class as an item of a DynamoDB table. The generator emits its mapper (to and from
/// <c>Dictionary&lt;string, AttributeValue&gt;</c>, stored as DynamoDBContext stores it), field descriptors for
/// typed expressions, and two injectable table types: <c>{Name}Table</c> (read and write) and
/// <c>{Name}Reader</c> (read only), whose use decides the function's IAM permissions.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class DynamoTableAttribute(string? name = null) : Attribute
{
    /// <summary>
    /// The table's logical name (defaults to the type name). The physical name comes from the deployment:
    /// <c>INSIGHT_TABLE_{NAME}</c>, upper snake case.
    /// </summary>
    public string? Name { get; } = name;

    /// <summary>
    /// When several entity types share one table: the value stored in <see cref="DiscriminatorAttribute"/> for
    /// this type. Reads check it, so an item of another type is never mapped into this one.
    /// </summary>
    public string? EntityType { get; set; }

    /// <summary>The attribute holding <see cref="EntityType"/>; defaults to <c>EntityType</c>.</summary>
    public string DiscriminatorAttribute { get; set; } = "EntityType";
}

/// <summary>The table's partition (hash) key. On a property, the property is the key.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class PartitionKeyAttribute : Attribute;

/// <summary>The table's sort (range) key. On a property, the property is the key.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class SortKeyAttribute : Attribute;

/// <summary>
/// A key attribute composed from properties, for single-table designs: <c>[CompositeKey(KeyRole.Partition, "PK",
/// "DEVICE#{DeviceId}")]</c>. Each <c>{Property}</c> is written in the property's key form.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class CompositeKeyAttribute(KeyRole role, string attributeName, string format) : Attribute
{
    /// <summary>Whether this is the partition or the sort key.</summary>
    public KeyRole Role { get; } = role;

    /// <summary>The DynamoDB attribute that holds the composed value.</summary>
    public string AttributeName { get; } = attributeName;

    /// <summary>The template, for example <c>DEVICE#{DeviceId}</c>.</summary>
    public string Format { get; } = format;
}

/// <summary>Partition or sort key.</summary>
public enum KeyRole
{
    /// <summary>The partition (hash) key.</summary>
    Partition,

    /// <summary>The sort (range) key.</summary>
    Sort,
}

/// <summary>The partition key of a global secondary index.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false, AllowMultiple = true)]
public sealed class GlobalIndexPartitionKeyAttribute(string indexName) : Attribute
{
    /// <summary>The index's name.</summary>
    public string IndexName { get; } = indexName;
}

/// <summary>The sort key of a global secondary index.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false, AllowMultiple = true)]
public sealed class GlobalIndexSortKeyAttribute(string indexName) : Attribute
{
    /// <summary>The index's name.</summary>
    public string IndexName { get; } = indexName;
}

/// <summary>The sort key of a local secondary index (its partition key is the table's).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false, AllowMultiple = true)]
public sealed class LocalIndexSortKeyAttribute(string indexName) : Attribute
{
    /// <summary>The index's name.</summary>
    public string IndexName { get; } = indexName;
}

/// <summary>
/// Optimistic locking: a number checked and incremented on every write (put, update, delete, transactions).
/// A write from a stale copy fails with <see cref="VersionConflictException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class VersionAttribute : Attribute;

/// <summary>The item's expiry, stored as Unix epoch seconds (a number), as DynamoDB's TTL requires.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class TimeToLiveAttribute : Attribute;

/// <summary>Stores the property under another attribute name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class DynamoPropertyAttribute(string attributeName) : Attribute
{
    /// <summary>The attribute name in the item.</summary>
    public string AttributeName { get; } = attributeName;
}

/// <summary>Leaves the property out of the item.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DynamoIgnoreAttribute : Attribute;

/// <summary>
/// Converts the property with a converter of your own: a class with a public parameterless constructor implementing
/// <see cref="IDynamoConverter{T}"/> for the property's type.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class DynamoConverterAttribute(Type converterType) : Attribute
{
    /// <summary>The converter's type.</summary>
    public Type ConverterType { get; } = converterType;
}
