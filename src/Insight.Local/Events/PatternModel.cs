using System.Text.Json;

namespace Insight.Local.Events;

/// <summary>
/// One object level of a pattern: every field test must hold, and each <c>$or</c> group needs one alternative
/// that holds, all against the same event object, so fields of one pattern object never match across two
/// elements of an event array (aws/event-ruler's rulesForJSONEvent semantics).
/// </summary>
internal sealed class PatternObject(IReadOnlyList<FieldTest> fields, IReadOnlyList<IReadOnlyList<PatternObject>> orGroups)
{
    /// <summary>Matches the event value found where this pattern object sits (absent when <paramref name="value"/> is null).</summary>
    public bool Matches(JsonElement? value)
    {
        if (value is { ValueKind: JsonValueKind.Array } array)
        {
            // Arrays of arrays are flattened; any one object element must match the whole pattern object.
            var sawObject = false;
            foreach (var element in EventValues.Flatten(array))
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                sawObject = true;
                if (MatchesObject(element))
                {
                    return true;
                }
            }

            return !sawObject && MatchesObject(null);
        }

        return MatchesObject(value is { ValueKind: JsonValueKind.Object } obj ? obj : null);
    }

    private bool MatchesObject(JsonElement? obj)
    {
        foreach (var field in fields)
        {
            JsonElement? value = obj is { } o && o.TryGetProperty(field.Name, out var found) ? found : null;
            if (!field.Matches(value))
            {
                return false;
            }
        }

        foreach (var alternatives in orGroups)
        {
            var any = false;
            foreach (var alternative in alternatives)
            {
                if (alternative.MatchesObject(obj))
                {
                    any = true;
                    break;
                }
            }

            if (!any)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A field of a pattern object: either a nested pattern object or a list of match values (any may match).</summary>
internal sealed class FieldTest
{
    private readonly PatternObject? _nested;
    private readonly IReadOnlyList<ValueMatcher> _values;

    private FieldTest(string name, PatternObject? nested, IReadOnlyList<ValueMatcher> values)
    {
        Name = name;
        _nested = nested;
        _values = values;
    }

    public string Name { get; }

    public static FieldTest Nested(string name, PatternObject nested) => new(name, nested, []);

    public static FieldTest Leaf(string name, IReadOnlyList<ValueMatcher> values) => new(name, null, values);

    public bool Matches(JsonElement? value)
    {
        if (_nested is not null)
        {
            return _nested.Matches(value);
        }

        // Only leaves count: a field holding an object, an empty array or only objects has no value here, so
        // "exists": true fails and "exists": false holds (as AWS documents for intermediate nodes).
        var leaves = EventValues.Leaves(value);
        foreach (var matcher in _values)
        {
            if (matcher is ExistsMatcher exists)
            {
                if (exists.ShouldExist == leaves.Count > 0)
                {
                    return true;
                }

                continue;
            }

            foreach (var leaf in leaves)
            {
                if (matcher.Matches(leaf))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>How the matcher reads an event: leaf values of a field, with arrays (of arrays) flattened.</summary>
internal static class EventValues
{
    public static IEnumerable<JsonElement> Flatten(JsonElement array)
    {
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var inner in Flatten(element))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return element;
            }
        }
    }

    public static List<JsonElement> Leaves(JsonElement? value)
    {
        var leaves = new List<JsonElement>();
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Undefined or JsonValueKind.Object:
                break;
            case JsonValueKind.Array:
                foreach (var element in Flatten(value.Value))
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        leaves.Add(element);
                    }
                }

                break;
            default:
                leaves.Add(value.Value);
                break;
        }

        return leaves;
    }
}
