using Insight.Generators.Common;

namespace Insight.Generators.Data;

/// <summary>How a value is stored; mirrors the conversions in <c>Insight.Sdk.Data.DynamoValue</c>.</summary>
internal enum ShapeKind
{
    String,
    Char,
    Boolean,
    Number,
    Enum,
    Guid,
    DateTime,
    DateTimeOffset,
    TimeSpan,
    Bytes,
    StringSet,
    NumberSet,
    BinarySet,
    List,
    Map,
    Object,
    Converter,
}

/// <summary>The concrete collection type to rebuild on read.</summary>
internal enum CollectionKind
{
    None,
    Array,
    List,
    HashSet,
}

/// <summary>
/// The stored form of one .NET type. <see cref="NumberType"/> is the numeric type written (an enum's underlying type);
/// <see cref="Element"/> is the element of a collection or the value of a map.
/// </summary>
internal sealed record ValueShape(
    ShapeKind Kind,
    string TypeName,
    bool IsNullable,
    bool IsValueType,
    string? NumberType = null,
    ValueShape? Element = null,
    CollectionKind Collection = CollectionKind.None,
    string? ConverterType = null)
{
    public bool IsCollection => Kind is ShapeKind.StringSet or ShapeKind.NumberSet or ShapeKind.BinarySet or ShapeKind.List or ShapeKind.Map;
}

/// <summary>One stored property.</summary>
internal sealed record PropertyModel(
    string Name,
    string AttributeName,
    ValueShape Shape,
    bool IsRequired,
    int ConstructorIndex,
    bool IsTimeToLive,
    string? DefaultValue = null);

/// <summary>A key attribute: a property's own attribute, or a template composed from properties.</summary>
internal sealed record KeyModel(string AttributeName, string? Property, EquatableArray<KeySegment> Segments)
{
    public bool IsComposite => Property is null;
}

/// <summary>Literal text, or a property whose key text is inserted.</summary>
internal sealed record KeySegment(string? Text, string? Property);

/// <summary>A secondary index whose keys are properties.</summary>
internal sealed record IndexModel(string Name, bool IsGlobal, string PartitionProperty, string? SortProperty);

/// <summary>A <c>[DynamoTable]</c> type; value-equatable, no symbols.</summary>
internal sealed record EntityModel(
    string Namespace,
    string Name,
    string FullTypeName,
    string Keyword,
    string Accessibility,
    string TableName,
    string? EntityType,
    string DiscriminatorAttribute,
    KeyModel PartitionKey,
    KeyModel? SortKey,
    EquatableArray<IndexModel> Indexes,
    string? VersionProperty,
    EquatableArray<PropertyModel> Properties,
    bool HasConstructorParameters,
    bool IsRecord);

/// <summary>A type stored inside an entity as a map (M), with its own mapper.</summary>
internal sealed record NestedTypeModel(
    string Namespace,
    string Name,
    string FullTypeName,
    EquatableArray<PropertyModel> Properties,
    bool HasConstructorParameters);

/// <summary>Everything one entity's generation needs: the entity and the nested types it stores.</summary>
internal sealed record EntityGeneration(EntityModel Entity, EquatableArray<NestedTypeModel> NestedTypes);

/// <summary>A table's keys, indexes and expiry attribute, as the infrastructure needs them to create it.</summary>
internal sealed record TableSchemaModel(
    KeyAttributeModel PartitionKey,
    KeyAttributeModel? SortKey,
    EquatableArray<IndexSchemaModel> Indexes,
    string? TimeToLive);

/// <summary>A key attribute's name and DynamoDB type (S, N or B).</summary>
internal sealed record KeyAttributeModel(string Name, string Type);

/// <summary>A secondary index's keys.</summary>
internal sealed record IndexSchemaModel(string Name, bool IsGlobal, KeyAttributeModel PartitionKey, KeyAttributeModel? SortKey);
