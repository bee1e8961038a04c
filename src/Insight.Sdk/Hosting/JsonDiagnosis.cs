using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Insight.Sdk.Events;

namespace Insight.Sdk.Hosting;

/// <summary>
/// Explains a failed read in the sender's terms. It runs only after the serializer has refused a payload: the bytes are
/// walked again beside the target type's metadata until the first value that does not fit, and that value's path, what
/// the type expects there and what the payload has are reported — never a .NET type name. Invalid UTF-8 and escaped lone
/// surrogates are named as such, with where they are.
/// </summary>
internal static partial class JsonDiagnosis
{
    private const int MaxShown = 48;

    public static (string Path, string Problem) Explain(ReadOnlySpan<byte> json, JsonTypeInfo type, Exception failure, string root, int offset)
    {
        if (FirstInvalidUtf8(json) is { } bad)
        {
            return (PathAt(json, bad, root), InvalidUtf8(json, bad, offset));
        }

        var walk = new Walk(root);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = type.Options.ReadCommentHandling, AllowTrailingCommas = type.Options.AllowTrailingCommas, MaxDepth = type.Options.MaxDepth == 0 ? 64 : type.Options.MaxDepth });
        try
        {
            if (!reader.Read())
            {
                return (root, $"expected {Expected(type, null)}, found nothing: the payload is empty");
            }

            if (walk.Check(ref reader, type, root, null) is { } problem)
            {
                return problem;
            }

            if (reader.Read())
            {
                return (root, "unexpected content after the JSON value");
            }
        }
        catch (JsonException syntax)
        {
            return (walk.Current, NotWellFormed(syntax, offset + (int)reader.BytesConsumed));
        }

        // The walk accepted what the serializer refused (a custom converter's own rule, say): report the serializer's
        // reason, with type names put in the sender's terms.
        var path = failure is JsonException { Path: { Length: > 0 } p } ? root + p.TrimStart('$') : root;
        return (path, Sanitize(Innermost(failure)));
    }

    /// <summary>
    /// Explains a failure of a hand-written reader (an envelope): invalid UTF-8 anywhere, a lone surrogate in the string
    /// at <paramref name="path"/>, or JSON that is not well-formed, at the path of byte <paramref name="consumed"/>.
    /// </summary>
    public static (string Path, string Problem) ExplainUnreadable(ReadOnlySpan<byte> json, Exception failure, string path, int consumed)
    {
        if (FirstInvalidUtf8(json) is { } bad)
        {
            return (PathAt(json, bad, "$"), InvalidUtf8(json, bad, 0));
        }

        return failure switch
        {
            JsonException syntax => (path == "$" ? PathAt(json, consumed, "$") : path, NotWellFormed(syntax, consumed)),
            _ => (path, LoneSurrogateProblem),
        };
    }

    /// <summary>The reason of a failure without System.Text.Json's position suffix and without .NET type names.</summary>
    public static string Sanitize(string message) =>
        TypeName().Replace(WithoutPosition(message), match => FriendlyName(match.Value)).TrimEnd('.');

    /// <summary>The JSON path of the value that contains byte <paramref name="offset"/>.</summary>
    public static string PathAt(ReadOnlySpan<byte> json, int offset, string root)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var containers = new List<(bool IsArray, string Path, int Index)>();
        var current = root;
        try
        {
            while (reader.Read())
            {
                var inArray = containers.Count > 0 && containers[^1].IsArray;
                if (inArray && reader.TokenType != JsonTokenType.EndArray)
                {
                    var (isArray, path, index) = containers[^1];
                    containers[^1] = (isArray, path, index + 1);
                    current = $"{path}[{index}]";
                }

                if (reader.TokenStartIndex <= offset && offset < reader.BytesConsumed && reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray)
                {
                    return current;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        current = Member(containers.Count > 0 ? containers[^1].Path : root, NameOf(ref reader));
                        break;
                    case JsonTokenType.StartObject:
                        containers.Add((false, current, 0));
                        break;
                    case JsonTokenType.StartArray:
                        containers.Add((true, current, 0));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        current = containers[^1].Path;
                        containers.RemoveAt(containers.Count - 1);
                        break;
                }

                if (reader.BytesConsumed > offset)
                {
                    return current;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed before the offset: the last path reached is the best there is.
        }

        return current;
    }

    /// <summary>The path of member <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Member(string parent, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>What was found at the reader's token, in words: <c>the string "soon"</c>, <c>an array</c>.</summary>
    public static string Found(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "the string " + Quote(ref reader),
        JsonTokenType.Number => "the number " + Raw(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => "nothing",
    };

    private static string Innermost(Exception failure)
    {
        // The serializer's outer message names the target type; the inner one, where there is one, says what was wrong.
        var message = failure.InnerException is { } inner and not JsonException ? inner.Message : failure.Message;
        return failure is JsonException && failure.Message.Contains("missing required properties", StringComparison.Ordinal)
            ? "required fields are missing: " + failure.Message[(failure.Message.IndexOf("including: ", StringComparison.Ordinal) + 11)..].Replace("'", "", StringComparison.Ordinal)
            : message;
    }

    private static string WithoutPosition(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd('.', ' ');
    }

    private static string FriendlyName(string typeName) => typeName switch
    {
        "System.Int64" or "System.Int32" or "System.Int16" or "System.Byte" or "System.SByte" or "System.UInt16" or "System.UInt32" or "System.UInt64" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.String" or "System.Char" => "a string",
        "System.Boolean" => "true or false",
        "System.DateTimeOffset" or "System.DateTime" => "a date and time (ISO 8601)",
        "System.Guid" => "a UUID",
        _ => "the expected value",
    };

    [GeneratedRegex(@"(?:System|Insight|Amazon|Microsoft)(?:\.[A-Za-z_][\w`]*)+(?:\[[^\]]*\])?")]
    private static partial Regex TypeName();

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> json)
    {
        if (System.Text.Unicode.Utf8.IsValid(json))
        {
            return null;
        }

        for (var i = 0; i < json.Length;)
        {
            if (Rune.DecodeFromUtf8(json[i..], out _, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return null;
    }

    /// <summary>The reader's complaint, placed by the offset of the last byte it could read (from the payload's start).</summary>
    private static string NotWellFormed(JsonException syntax, int consumed) =>
        $"not well-formed JSON after byte offset {consumed}: {WithoutPosition(syntax.Message)}";

    private static string InvalidUtf8(ReadOnlySpan<byte> json, int bad, int offset)
    {
        // The decoder says how long the invalid sequence is: a stray continuation byte, or a lead byte cut short.
        Rune.DecodeFromUtf8(json[bad..], out _, out var length);
        var shown = string.Join(" ", json.Slice(bad, Math.Max(1, length)).ToArray().Select(b => $"0x{b:X2}"));
        return $"the payload is not valid UTF-8: {shown} at byte offset {offset + bad} is not a UTF-8 character; send JSON encoded as UTF-8";
    }

    private const string LoneSurrogateProblem =
        "the string holds a lone surrogate (half of a UTF-16 pair, escaped as \\uD800-\\uDFFF, without its other half): not valid Unicode text";

    private static string NameOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    private static string Raw(ref Utf8JsonReader reader)
    {
        var text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        return text.Length > MaxShown ? text[..MaxShown] + "…" : text;
    }

    private static string Quote(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            // Not decodable (a lone surrogate): show it as sent, still escaped.
            return "\"" + Raw(ref reader) + "\"";
        }

        var shown = text.Length > MaxShown ? text[..MaxShown] + "…" : text;
        var builder = new StringBuilder(shown.Length + 2).Append('"');
        foreach (var c in shown)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>What a value of <paramref name="type"/> must be, in words: <c>a whole number (Unix ms)</c>.</summary>
    private static string Expected(JsonTypeInfo type, string? field)
    {
        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        var what = type.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            JsonTypeInfoKind.Enumerable => "an array",
            _ when clr.IsEnum => "one of " + string.Join(", ", EnumNames(type, clr)),
            _ => FriendlyName(clr.FullName ?? ""),
        };

        return field is not null && WireHints.For(field) is { } hint ? $"{what} ({hint})" : what;
    }

    private static IEnumerable<string> EnumNames(JsonTypeInfo type, Type clr)
    {
        var info = Nullable.GetUnderlyingType(type.Type) is null ? type : type.Options.GetTypeInfo(clr);
        foreach (var value in Enum.GetValuesAsUnderlyingType(clr))
        {
            // Written by the type's own converter, so the names are the wire names, whatever attributes chose them.
            yield return JsonSerializer.Serialize(Enum.ToObject(clr, value), info);
        }
    }

    /// <summary>One walk of the payload beside the type; <see cref="Current"/> is where it got to.</summary>
    private sealed class Walk(string root)
    {
        public string Current { get; private set; } = root;

        public (string Path, string Problem)? Check(ref Utf8JsonReader reader, JsonTypeInfo type, string path, string? field)
        {
            Current = path;
            var nullable = Nullable.GetUnderlyingType(type.Type);
            if (reader.TokenType == JsonTokenType.Null)
            {
                // Null where a reference may be is the contract's business (a required field then says "is required").
                return nullable is not null || !type.Type.IsValueType ? null : Mismatch(ref reader, type, path, field);
            }

            if (nullable is not null)
            {
                type = type.Options.GetTypeInfo(nullable);
            }

            switch (type.Kind)
            {
                case JsonTypeInfoKind.Object:
                    return reader.TokenType == JsonTokenType.StartObject ? CheckObject(ref reader, type, path) : Mismatch(ref reader, type, path, field);
                case JsonTypeInfoKind.Dictionary:
                    return reader.TokenType == JsonTokenType.StartObject ? CheckDictionary(ref reader, type, path) : Mismatch(ref reader, type, path, field);
                case JsonTypeInfoKind.Enumerable:
                    return reader.TokenType == JsonTokenType.StartArray ? CheckArray(ref reader, type, path) : Mismatch(ref reader, type, path, field);
                default:
                    return CheckValue(ref reader, type, path, field);
            }
        }

        private (string, string)? CheckObject(ref Utf8JsonReader reader, JsonTypeInfo type, string path)
        {
            var comparison = type.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var seen = new HashSet<JsonPropertyInfo>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = NameOf(ref reader);
                var member = Member(path, name);
                Current = member;
                var property = type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison));
                reader.Read();
                if (property is null || (property.Set is null && !property.IsRequired) || property.CustomConverter is not null)
                {
                    // Unknown fields are tolerated, as the contracts promise; a custom converter has its own rules.
                    reader.Skip();
                    continue;
                }

                seen.Add(property);
                if (Check(ref reader, type.Options.GetTypeInfo(property.PropertyType), member, property.Name) is { } problem)
                {
                    return problem;
                }
            }

            Current = path;
            var missing = type.Properties.FirstOrDefault(p => p.IsRequired && !seen.Contains(p));
            return missing is null
                ? null
                : (Member(path, missing.Name), $"expected {Expected(type.Options.GetTypeInfo(missing.PropertyType), missing.Name)}, found nothing: the field is required");
        }

        private (string, string)? CheckDictionary(ref Utf8JsonReader reader, JsonTypeInfo type, string path)
        {
            var values = type.Options.GetTypeInfo(type.ElementType!);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = Member(path, NameOf(ref reader));
                Current = member;
                reader.Read();
                if (Check(ref reader, values, member, null) is { } problem)
                {
                    return problem;
                }
            }

            Current = path;
            return null;
        }

        private (string, string)? CheckArray(ref Utf8JsonReader reader, JsonTypeInfo type, string path)
        {
            var elements = type.Options.GetTypeInfo(type.ElementType!);
            for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
            {
                if (Check(ref reader, elements, $"{path}[{index}]", null) is { } problem)
                {
                    return problem;
                }
            }

            Current = path;
            return null;
        }

        private static (string, string)? CheckValue(ref Utf8JsonReader reader, JsonTypeInfo type, string path, string? field)
        {
            var clr = type.Type;
            var token = reader.TokenType;
            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (clr == typeof(object) || clr == typeof(JsonElement) || clr == typeof(JsonDocument))
                {
                    reader.Skip();
                    return null;
                }

                return Mismatch(ref reader, type, path, field);
            }

            if (clr == typeof(string))
            {
                return token != JsonTokenType.String ? Mismatch(ref reader, type, path, field) : LoneSurrogate(ref reader, path);
            }

            if (clr == typeof(bool))
            {
                return token is JsonTokenType.True or JsonTokenType.False ? null : Mismatch(ref reader, type, path, field);
            }

            if (clr.IsEnum)
            {
                if (token == JsonTokenType.Number)
                {
                    return null;
                }

                if (token != JsonTokenType.String)
                {
                    return Mismatch(ref reader, type, path, field);
                }

                if (LoneSurrogate(ref reader, path) is { } notText)
                {
                    return notText;
                }

                var text = "\"" + (reader.GetString() ?? "") + "\"";
                return EnumNames(type, clr).Any(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) ? null : Mismatch(ref reader, type, path, field);
            }

            if (WholeNumberRange(clr) is { } range)
            {
                return token == JsonTokenType.Number ? WholeNumber(ref reader, type, path, field, range) : Mismatch(ref reader, type, path, field);
            }

            if (clr == typeof(double) || clr == typeof(float) || clr == typeof(decimal))
            {
                if (token != JsonTokenType.Number)
                {
                    return Mismatch(ref reader, type, path, field);
                }

                var fits = clr == typeof(decimal) ? reader.TryGetDecimal(out _) : clr == typeof(float) ? reader.TryGetSingle(out _) : reader.TryGetDouble(out _);
                return fits ? null : (path, $"expected {Expected(type, field)}, found {Found(ref reader)}, which is out of range for a number here");
            }

            if (clr == typeof(DateTimeOffset) || clr == typeof(DateTime))
            {
                return token == JsonTokenType.String && reader.TryGetDateTimeOffset(out _) ? null : Mismatch(ref reader, type, path, field);
            }

            if (clr == typeof(Guid))
            {
                return token == JsonTokenType.String && reader.TryGetGuid(out _) ? null : Mismatch(ref reader, type, path, field);
            }

            // A type this walk does not know: the serializer's own reason is reported.
            reader.Skip();
            return null;
        }

        private static (string, string)? WholeNumber(ref Utf8JsonReader reader, JsonTypeInfo type, string path, string? field, (decimal Min, decimal Max) range)
        {
            if (decimal.TryParse(Raw(ref reader), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) is var parsed && parsed && value >= range.Min && value <= range.Max)
            {
                if (value == decimal.Truncate(value) && !HasFractionOrExponent(ref reader))
                {
                    return null;
                }

                return value == decimal.Truncate(value)
                    ? (path, $"expected {Expected(type, field)}, found {Found(ref reader)}; write whole numbers as plain digits, without a fraction or exponent")
                    : (path, $"expected {Expected(type, field)}, found {Found(ref reader)}, which has a fraction");
            }

            return (path, $"expected {Expected(type, field)}, found {Found(ref reader)}, which is out of range ({range.Min.ToString(CultureInfo.InvariantCulture)} to {range.Max.ToString(CultureInfo.InvariantCulture)})");
        }

        private static bool HasFractionOrExponent(ref Utf8JsonReader reader) =>
            (reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()).Any(b => b is (byte)'.' or (byte)'e' or (byte)'E');

        private static (decimal, decimal)? WholeNumberRange(Type clr) =>
            clr == typeof(long) ? (long.MinValue, long.MaxValue)
            : clr == typeof(int) ? (int.MinValue, int.MaxValue)
            : clr == typeof(short) ? (short.MinValue, short.MaxValue)
            : clr == typeof(byte) ? (byte.MinValue, byte.MaxValue)
            : clr == typeof(sbyte) ? (sbyte.MinValue, sbyte.MaxValue)
            : clr == typeof(ushort) ? (ushort.MinValue, ushort.MaxValue)
            : clr == typeof(uint) ? (uint.MinValue, uint.MaxValue)
            : clr == typeof(ulong) ? (ulong.MinValue, ulong.MaxValue)
            : null;

        private static (string, string)? LoneSurrogate(ref Utf8JsonReader reader, string path)
        {
            try
            {
                _ = reader.GetString();
                return null;
            }
            catch (InvalidOperationException)
            {
                return (path, $"found the string {Quote(ref reader)}: {LoneSurrogateProblem}");
            }
        }

        private static (string, string) Mismatch(ref Utf8JsonReader reader, JsonTypeInfo type, string path, string? field)
        {
            return (path, $"expected {Expected(type, field)}, found {Found(ref reader)}");
        }
    }
}
