using System.Text.Json;

namespace Insight.Local.Events;

/// <summary>
/// Reads a pattern's JSON into <see cref="PatternObject"/>s, refusing what EventBridge refuses (the checks of
/// aws/event-ruler's JsonRuleCompiler), with errors that name the JSON path of the bad part.
/// </summary>
internal static class EventPatternParser
{
    private const string Or = "$or";

    // Names aws/event-ruler reserves inside "$or" objects (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP).
    private static readonly HashSet<string> ReservedInsideOr = new(StringComparer.Ordinal)
    {
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=",
    };

    private const string SupportedOperators =
        "prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, cidr, exists";

    public static PatternObject Parse(string patternJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(patternJson);
        }
        catch (JsonException ex)
        {
            throw new EventPatternException($"pattern: not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Error(string.Empty, $"a pattern must be a JSON object, not {Describe(document.RootElement)}");
            }

            return ParseObject(document.RootElement, string.Empty, insideOr: false);
        }
    }

    private static PatternObject ParseObject(JsonElement obj, string path, bool insideOr)
    {
        // Later duplicates of a key replace earlier ones, as in aws/event-ruler.
        var fields = new List<FieldTest>();
        var orGroups = new List<IReadOnlyList<PatternObject>>();
        var any = false;
        foreach (var property in obj.EnumerateObject())
        {
            any = true;
            var name = property.Name;
            if (name == Or)
            {
                orGroups.Add(ParseOr(property.Value, Join(path, Or)));
                continue;
            }

            var fieldPath = Join(path, name);
            if (insideOr && ReservedInsideOr.Contains(name))
            {
                throw Error(fieldPath, $"\"{name}\" is an operator name and cannot be a field name inside \"$or\"");
            }

            var field = property.Value.ValueKind switch
            {
                JsonValueKind.Object => FieldTest.Nested(name, ParseObject(property.Value, fieldPath, insideOr)),
                JsonValueKind.Array => FieldTest.Leaf(name, ParseValues(property.Value, fieldPath)),
                _ => throw Error(
                    fieldPath,
                    $"must be an array of match values (e.g. [{property.Value.GetRawText()}]) or a nested object, not {Describe(property.Value)}"),
            };
            fields.RemoveAll(existing => existing.Name == name);
            fields.Add(field);
        }

        if (!any)
        {
            throw Error(path, "empty objects are not allowed");
        }

        return new PatternObject(fields, orGroups);
    }

    private static List<PatternObject> ParseOr(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() < 2)
        {
            throw Error(path, "\"$or\" must be an array of at least two pattern objects");
        }

        var alternatives = new List<PatternObject>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var elementPath = $"{path}[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(elementPath, $"\"$or\" holds pattern objects only, not {Describe(element)}");
            }

            alternatives.Add(ParseObject(element, elementPath, insideOr: true));
        }

        return alternatives;
    }

    private static List<ValueMatcher> ParseValues(JsonElement array, string path)
    {
        if (array.GetArrayLength() == 0)
        {
            throw Error(path, "empty arrays are not allowed");
        }

        var matchers = new List<ValueMatcher>();
        foreach (var element in array.EnumerateArray())
        {
            matchers.Add(element.ValueKind switch
            {
                JsonValueKind.String => new ExactStringMatcher(element.GetString()!),
                JsonValueKind.Number => new ExactNumberMatcher(element.GetRawText()),
                JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => new ExactLiteralMatcher(element.ValueKind),
                JsonValueKind.Object => ParseOperator(element, path),
                _ => throw Error(path, $"match values must be strings, numbers, true, false, null or operator objects, not {Describe(element)}"),
            });
        }

        return matchers;
    }

    private static ValueMatcher ParseOperator(JsonElement obj, string path)
    {
        var (name, value) = SingleProperty(obj, path, "an operator object");
        return name switch
        {
            "prefix" => ParsePrefixOrSuffix(name, value, path, prefix: true),
            "suffix" => ParsePrefixOrSuffix(name, value, path, prefix: false),
            "equals-ignore-case" => new EqualsIgnoreCaseMatcher(RequireString(name, value, path)),
            "wildcard" => new WildcardMatcher(ParseWildcard(RequireString(name, value, path), path)),
            "numeric" => ParseNumeric(value, path),
            "cidr" => ParseCidr(value, path),
            "exists" => value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? new ExistsMatcher(value.GetBoolean())
                : throw Error(path, $"\"exists\" must be true or false, not {Describe(value)}"),
            "anything-but" => ParseAnythingBut(value, path),
            _ => throw Error(path, $"unknown operator \"{name}\" (supported: {SupportedOperators})"),
        };
    }

    private static ValueMatcher ParsePrefixOrSuffix(string name, JsonElement value, string path, bool prefix)
    {
        string text;
        bool ignoreCase;
        if (value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString()!;
            ignoreCase = false;
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            var (inner, innerValue) = SingleProperty(value, path, $"\"{name}\"'s object");
            if (inner != "equals-ignore-case")
            {
                throw Error(path, $"\"{name}\" takes a string or {{\"equals-ignore-case\": string}}, not \"{inner}\"");
            }

            text = RequireString($"{name}.equals-ignore-case", innerValue, path);
            ignoreCase = true;
        }
        else
        {
            throw Error(path, $"\"{name}\" takes a string or {{\"equals-ignore-case\": string}}, not {Describe(value)}");
        }

        return prefix ? new PrefixMatcher(text, ignoreCase) : new SuffixMatcher(text, ignoreCase);
    }

    private static NumericMatcher ParseNumeric(JsonElement value, string path)
    {
        const string Needs = "\"numeric\" needs an operator and a number";
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() < 2)
        {
            throw Error(path, Needs);
        }

        var terms = value.EnumerateArray().ToArray();
        var first = Operator(terms[0], path, Needs);
        var firstValue = Number(terms[1], first, path);
        switch (first)
        {
            case "=" or "<" or "<=":
                if (terms.Length != 2)
                {
                    throw Error(path, $"\"numeric\" with \"{first}\" takes exactly one number");
                }

                return first switch
                {
                    "=" => new NumericMatcher(firstValue, true, firstValue, true),
                    "<" => new NumericMatcher(double.NegativeInfinity, true, firstValue, false),
                    _ => new NumericMatcher(double.NegativeInfinity, true, firstValue, true),
                };
            default:
                if (terms.Length == 2)
                {
                    return new NumericMatcher(firstValue, first == ">=", double.PositiveInfinity, true);
                }

                if (terms.Length != 4)
                {
                    throw Error(path, "\"numeric\" takes one comparison or a lower bound (\">\" or \">=\") and an upper bound (\"<\" or \"<=\")");
                }

                var second = Operator(terms[2], path, Needs);
                if (second is not ("<" or "<="))
                {
                    throw Error(path, $"\"numeric\" range needs an upper bound (\"<\" or \"<=\") after its lower bound, not \"{second}\"");
                }

                var secondValue = Number(terms[3], second, path);
                if (firstValue >= secondValue)
                {
                    throw Error(path, "\"numeric\" range's lower bound must be less than its upper bound");
                }

                return new NumericMatcher(firstValue, first == ">=", secondValue, second == "<=");
        }

        static string Operator(JsonElement term, string path, string needs)
        {
            if (term.ValueKind != JsonValueKind.String)
            {
                throw Error(path, needs);
            }

            var op = term.GetString()!;
            return op is "=" or "<" or "<=" or ">" or ">="
                ? op
                : throw Error(path, $"\"numeric\" has unknown operator \"{op}\" (supported: =, <, <=, >, >=)");
        }

        static double Number(JsonElement term, string op, string path)
        {
            if (term.ValueKind != JsonValueKind.Number)
            {
                throw Error(path, $"\"numeric\" needs a number after \"{op}\", not {Describe(term)}");
            }

            return PatternNumber.TryGetExact(term.GetRawText())
                ?? throw Error(path, $"\"numeric\" cannot compare {term.GetRawText()}: it is not exactly a 64-bit floating-point number");
        }
    }

    private static CidrMatcher ParseCidr(JsonElement value, string path)
    {
        var text = RequireString("cidr", value, path);
        var problem = IpAddressRange.TryParse(text, out var range);
        return problem is null ? new CidrMatcher(range!) : throw Error(path, $"\"cidr\" \"{text}\": {problem}");
    }

    private static WildcardPattern ParseWildcard(string text, string path)
    {
        var problem = WildcardPattern.TryParse(text, out var pattern);
        return problem is null ? pattern! : throw Error(path, $"\"wildcard\" \"{text}\": {problem}");
    }

    private static ValueMatcher ParseAnythingBut(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new AnythingButValuesMatcher(new HashSet<string>(StringComparer.Ordinal) { value.GetString()! }, []);
            case JsonValueKind.Number:
                return new AnythingButValuesMatcher(new HashSet<string>(), [AnythingButNumber(value, path)]);
            case JsonValueKind.Array:
                var elements = value.EnumerateArray().ToArray();
                if (elements.All(e => e.ValueKind == JsonValueKind.String) && elements.Length > 0)
                {
                    return new AnythingButValuesMatcher(elements.Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal), []);
                }

                if (elements.All(e => e.ValueKind == JsonValueKind.Number) && elements.Length > 0)
                {
                    return new AnythingButValuesMatcher(new HashSet<string>(), [.. elements.Select(e => AnythingButNumber(e, path))]);
                }

                throw Error(path, "\"anything-but\" needs a non-empty list of strings only or of numbers only");
            case JsonValueKind.Object:
                var (name, inner) = SingleProperty(value, path, "\"anything-but\"'s object");
                var texts = inner.ValueKind switch
                {
                    JsonValueKind.String => [inner.GetString()!],
                    JsonValueKind.Array when inner.GetArrayLength() > 0 && inner.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                        => inner.EnumerateArray().Select(e => e.GetString()!).ToArray(),
                    _ => throw Error(path, $"\"anything-but\" \"{name}\" needs a string or a non-empty list of strings, not {Describe(inner)}"),
                };
                var excluded = new List<StringMatcher>();
                foreach (var text in texts)
                {
                    if (name is "prefix" or "suffix" && text.Length == 0)
                    {
                        throw Error(path, $"\"anything-but\" \"{name}\" cannot be empty");
                    }

                    excluded.Add(name switch
                    {
                        "prefix" => new PrefixMatcher(text, ignoreCase: false),
                        "suffix" => new SuffixMatcher(text, ignoreCase: false),
                        "equals-ignore-case" => new EqualsIgnoreCaseMatcher(text),
                        "wildcard" => new WildcardMatcher(ParseWildcard(text, path)),
                        _ => throw Error(path, $"\"anything-but\" supports prefix, suffix, equals-ignore-case and wildcard objects, not \"{name}\""),
                    });
                }

                return new AnythingButStringsMatcher(excluded);
            default:
                throw Error(path, $"\"anything-but\" needs a string, a number, a list, or a prefix/suffix/equals-ignore-case/wildcard object, not {Describe(value)}");
        }
    }

    private static double AnythingButNumber(JsonElement number, string path) =>
        PatternNumber.TryGetExact(number.GetRawText())
        ?? throw Error(path, $"\"anything-but\" cannot compare {number.GetRawText()}: it is not exactly a 64-bit floating-point number");

    private static (string Name, JsonElement Value) SingleProperty(JsonElement obj, string path, string what)
    {
        var properties = obj.EnumerateObject().ToArray();
        return properties.Length switch
        {
            1 => (properties[0].Name, properties[0].Value),
            0 => throw Error(path, $"{what} needs exactly one operator, found none"),
            _ => throw Error(path, $"{what} holds exactly one operator, found {string.Join(", ", properties.Select(p => $"\"{p.Name}\""))}"),
        };
    }

    private static string RequireString(string name, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Error(path, $"\"{name}\" needs a string, not {Describe(value)}");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static EventPatternException Error(string path, string reason) =>
        new($"{(path.Length == 0 ? "pattern" : path)}: {reason}");
}
