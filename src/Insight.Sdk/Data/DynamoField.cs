using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Data;

/// <summary>
/// A property of an entity as stored: its attribute name and how its values are written. The generator emits one
/// per property (<c>Entity.Fields.Name</c>) so update and condition expressions are typed without reflection.
/// </summary>
public sealed class DynamoField<TEntity, TValue>(string attributeName, Func<TValue, AttributeValue?> toValue)
{
    /// <summary>The attribute's name in the item.</summary>
    public string AttributeName { get; } = attributeName;

    /// <summary>The stored form of a value (<c>null</c> when the value is left out, as null or an empty collection is).</summary>
    public AttributeValue? ToAttributeValue(TValue value) => toValue(value);
}

/// <summary>A condition on a sort key, for queries: equality, ranges and prefixes.</summary>
public sealed class KeyCondition<TValue>
{
    private KeyCondition(string @operator, TValue first, TValue? second = default)
    {
        Operator = @operator;
        First = first;
        Second = second;
    }

    internal string Operator { get; }

    internal TValue First { get; }

    internal TValue? Second { get; }

    /// <summary>Sort key equals <paramref name="value"/>.</summary>
    public static KeyCondition<TValue> EqualTo(TValue value) => new("=", value);

    /// <summary>Sort key is less than <paramref name="value"/>.</summary>
    public static KeyCondition<TValue> LessThan(TValue value) => new("<", value);

    /// <summary>Sort key is at most <paramref name="value"/>.</summary>
    public static KeyCondition<TValue> AtMost(TValue value) => new("<=", value);

    /// <summary>Sort key is greater than <paramref name="value"/>.</summary>
    public static KeyCondition<TValue> GreaterThan(TValue value) => new(">", value);

    /// <summary>Sort key is at least <paramref name="value"/>.</summary>
    public static KeyCondition<TValue> AtLeast(TValue value) => new(">=", value);

    /// <summary>Sort key lies between <paramref name="low"/> and <paramref name="high"/>, both included.</summary>
    public static KeyCondition<TValue> Between(TValue low, TValue high) => new("BETWEEN", low, high);

    /// <summary>Sort key starts with <paramref name="prefix"/> (string keys).</summary>
    public static KeyCondition<TValue> BeginsWith(TValue prefix) => new("begins_with", prefix);

    internal string ToExpression(string name, string first, string second) => Operator switch
    {
        "BETWEEN" => $"{name} BETWEEN {first} AND {second}",
        "begins_with" => $"begins_with({name}, {first})",
        _ => $"{name} {Operator} {first}",
    };
}

/// <summary>Paging and ordering of a query.</summary>
public sealed record QueryOptions
{
    /// <summary>Newest (highest sort key) first.</summary>
    public bool Descending { get; init; }

    /// <summary>At most this many items in all; <c>null</c> for every match.</summary>
    public int? Limit { get; init; }

    /// <summary>Read the latest committed data (tables and local indexes only; costs twice the read capacity).</summary>
    public bool ConsistentRead { get; init; }

    /// <summary>Items per request to DynamoDB; DynamoDB also stops a page at 1 MB.</summary>
    public int? PageSize { get; init; }
}

/// <summary>How a put treats an existing item.</summary>
public sealed record PutOptions
{
    /// <summary>
    /// Write only if no item has this key: the idempotent write for at-least-once delivery. A redelivery fails with
    /// <see cref="ConditionFailedException"/>; <see cref="DynamoTable{T}.TryPutNewAsync"/> turns that into <c>false</c>.
    /// </summary>
    public bool OnlyIfAbsent { get; init; }
}
