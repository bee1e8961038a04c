using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Data;

/// <summary>
/// A typed update expression: <c>new DynamoUpdate&lt;Stats&gt;().Add(Stats.Fields.Scans, 1).Set(Stats.Fields.LastSeen, now)</c>.
/// </summary>
public sealed class DynamoUpdate<TEntity>
{
    private readonly List<string> _set = [];
    private readonly List<string> _add = [];
    private readonly List<string> _remove = [];

    internal Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, AttributeValue> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether nothing is updated yet.</summary>
    public bool IsEmpty => _set.Count + _add.Count + _remove.Count == 0;

    /// <summary>Sets the attribute to <paramref name="value"/> (a value that is left out, such as null, removes it).</summary>
    public DynamoUpdate<TEntity> Set<TValue>(DynamoField<TEntity, TValue> field, TValue value)
    {
        var stored = field.ToAttributeValue(value);
        if (stored is null)
        {
            return Remove(field);
        }

        _set.Add($"{Name(field.AttributeName)} = {Value(stored)}");
        return this;
    }

    /// <summary>Sets the attribute only where the item does not have it yet.</summary>
    public DynamoUpdate<TEntity> SetIfAbsent<TValue>(DynamoField<TEntity, TValue> field, TValue value)
    {
        var stored = field.ToAttributeValue(value) ?? throw new ArgumentException($"{field.AttributeName}: a value that is left out cannot be set if absent.", nameof(value));
        var name = Name(field.AttributeName);
        _set.Add($"{name} = if_not_exists({name}, {Value(stored)})");
        return this;
    }

    /// <summary>Adds <paramref name="amount"/> to a number (starting from 0 where absent); atomic on the server.</summary>
    public DynamoUpdate<TEntity> Add<TValue>(DynamoField<TEntity, TValue> field, TValue amount)
        where TValue : System.Numerics.INumber<TValue>
    {
        _add.Add($"{Name(field.AttributeName)} {Value(DynamoValue.FromNumber(amount))}");
        return this;
    }

    /// <summary>Removes the attribute.</summary>
    public DynamoUpdate<TEntity> Remove<TValue>(DynamoField<TEntity, TValue> field)
    {
        _remove.Add(Name(field.AttributeName));
        return this;
    }

    internal void AddSetClause(string clause) => _set.Add(clause);

    internal void AddVersionIncrement(string versionAttribute) =>
        _add.Add($"{Name(versionAttribute)} {Value(DynamoValue.FromNumber(1L))}");

    internal string Expression()
    {
        var parts = new List<string>(3);
        if (_set.Count > 0)
        {
            parts.Add("SET " + string.Join(", ", _set));
        }

        if (_add.Count > 0)
        {
            parts.Add("ADD " + string.Join(", ", _add));
        }

        if (_remove.Count > 0)
        {
            parts.Add("REMOVE " + string.Join(", ", _remove));
        }

        return string.Join(" ", parts);
    }

    internal string Name(string attribute)
    {
        foreach (var (placeholder, existing) in Names)
        {
            if (existing == attribute)
            {
                return placeholder;
            }
        }

        var name = "#u" + Names.Count;
        Names[name] = attribute;
        return name;
    }

    internal string Value(AttributeValue value)
    {
        var name = ":u" + Values.Count;
        Values[name] = value;
        return name;
    }
}
