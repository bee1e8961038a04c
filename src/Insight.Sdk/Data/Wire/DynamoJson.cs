using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Data.Wire;

/// <summary>
/// DynamoDB's typed JSON (<c>{"S":"…"}</c>, <c>{"N":"12"}</c>, …) written and read directly, in exactly the formats of
/// <see cref="DynamoValue"/>, so an item written here is the item <c>ToItem</c> (and DynamoDBContext) would store.
/// Generated <c>WriteItem</c> calls these; generated <c>ReadItem</c> reads through <see cref="DynamoItemReader"/>, and
/// what that declines is read here as attribute values (<see cref="ReadValue"/>, <see cref="ReadAttributes"/>) and
/// mapped by <c>FromItem</c>, so validation and messages stay <c>FromItem</c>'s, in one place.
/// </summary>
public static class DynamoJson
{
    private static readonly JsonEncodedText S = JsonEncodedText.Encode("S");
    private static readonly JsonEncodedText N = JsonEncodedText.Encode("N");
    private static readonly JsonEncodedText B = JsonEncodedText.Encode("B");
    private static readonly JsonEncodedText Bool = JsonEncodedText.Encode("BOOL");
    private static readonly JsonEncodedText Null = JsonEncodedText.Encode("NULL");
    private static readonly JsonEncodedText StringSetTag = JsonEncodedText.Encode("SS");
    private static readonly JsonEncodedText NumberSetTag = JsonEncodedText.Encode("NS");
    private static readonly JsonEncodedText BinarySetTag = JsonEncodedText.Encode("BS");
    private static readonly JsonEncodedText ListTag = JsonEncodedText.Encode("L");
    private static readonly JsonEncodedText MapTag = JsonEncodedText.Encode("M");

    /// <summary>Room for any number DynamoDB stores (38 digits) or time this format writes.</summary>
    private const int ScalarBuffer = 64;

    /// <summary>The longest string written as one raw value; longer ones go through the writer.</summary>
    private const int PlainStringLimit = 128;

    /// <summary>Printable ASCII but the quote and the backslash: text JSON writes as it is, without escapes.</summary>
    private static readonly SearchValues<char> PlainText =
        SearchValues.Create([.. Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).Where(c => c is not ('"' or '\\'))]);

    /// <summary>
    /// The options the direct path writes requests with: nothing but control characters, quotes and backslashes escaped
    /// (the request is JSON for DynamoDB, never HTML), and no structural checks, which cost an eighth of writing an item:
    /// requests are written only by generated and SDK code whose shape the tests check against DynamoDB Local.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // Writing -------------------------------------------------------------------------------------------------

    /// <summary><c>{"S":value}</c>.</summary>
    public static void WriteString(Utf8JsonWriter writer, string value)
    {
        // Short plain text (keys, codes, names) needs no escaping: the whole value is one raw write, not three checked ones.
        if (value.Length <= PlainStringLimit && !value.AsSpan().ContainsAnyExcept(PlainText))
        {
            Span<byte> json = stackalloc byte[ValueStart + PlainStringLimit + ValueEnd];
            StringStart.CopyTo(json);
            WriteRaw(writer, json, Encoding.ASCII.GetBytes(value, json[ValueStart..]));
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(S, value);
        writer.WriteEndObject();
    }

    // Members: a property's name and its value as one raw write. A writer that checks its structure (SkipValidation off)
    // refuses a raw value where a name belongs, and an indenting one would not indent it: both get the name and the value
    // in two writes. Generated WriteItem calls these for scalars; the direct path's writer takes the one-write form.

    /// <summary><c>"name":{"S":value}</c>.</summary>
    public static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string value)
    {
        if (value.Length <= PlainStringLimit && CanWriteMember(writer, name) && !value.AsSpan().ContainsAnyExcept(PlainText))
        {
            Span<byte> json = stackalloc byte[MemberBuffer];
            var at = BeginMember(json, name, StringStart);
            WriteMember(writer, json, at, Encoding.ASCII.GetBytes(value, json[at..]));
            return;
        }

        writer.WritePropertyName(name);
        WriteString(writer, value);
    }

    /// <summary><c>"name":{"N":"…"}</c>.</summary>
    public static void WriteNumber<T>(Utf8JsonWriter writer, JsonEncodedText name, T value)
        where T : IUtf8SpanFormattable
    {
        if (!CanWriteMember(writer, name))
        {
            writer.WritePropertyName(name);
            WriteNumber(writer, value);
            return;
        }

        Span<byte> json = stackalloc byte[MemberBuffer];
        var at = BeginMember(json, name, NumberStart);
        WriteMember(writer, json, at, FormatNumber(value, json[at..]));
    }

    /// <summary><c>"name":{"N":"1"}</c> or <c>"name":{"N":"0"}</c>.</summary>
    public static void WriteBoolean(Utf8JsonWriter writer, JsonEncodedText name, bool value)
    {
        if (!CanWriteMember(writer, name))
        {
            writer.WritePropertyName(name);
            WriteBoolean(writer, value);
            return;
        }

        Span<byte> json = stackalloc byte[MemberBuffer];
        var at = BeginMember(json, name, NumberStart);
        json[at] = value ? (byte)'1' : (byte)'0';
        WriteMember(writer, json, at, 1);
    }

    /// <summary><c>"name":{"S":"8-4-4-4-12"}</c>.</summary>
    public static void WriteGuid(Utf8JsonWriter writer, JsonEncodedText name, Guid value)
    {
        if (!CanWriteMember(writer, name))
        {
            writer.WritePropertyName(name);
            WriteGuid(writer, value);
            return;
        }

        Span<byte> json = stackalloc byte[MemberBuffer];
        var at = BeginMember(json, name, StringStart);
        value.TryFormat(json[at..], out var length, "D");
        WriteMember(writer, json, at, length);
    }

    /// <summary><c>"name":{"S":time}</c>, as <see cref="WriteDateTime(Utf8JsonWriter, DateTime)"/> writes the time.</summary>
    public static void WriteDateTime(Utf8JsonWriter writer, JsonEncodedText name, DateTime value) =>
        WriteTimeMember(writer, name, value.ToUniversalTime(), DynamoTime.Milliseconds);

    /// <summary><c>"name":{"S":time}</c>, as <see cref="WriteDateTimeOffset(Utf8JsonWriter, DateTimeOffset)"/> writes the time.</summary>
    public static void WriteDateTimeOffset(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset value) =>
        WriteTimeMember(writer, name, value.UtcDateTime, DynamoTime.Ticks);

    /// <summary><c>{"S":"c"}</c>.</summary>
    public static void WriteChar(Utf8JsonWriter writer, char value)
    {
        writer.WriteStartObject();
        writer.WriteString(S, [value]);
        writer.WriteEndObject();
    }

    /// <summary><c>{"N":"…"}</c>, formatted invariantly as <see cref="DynamoValue.FromNumber{T}"/> does, without a string.</summary>
    public static void WriteNumber<T>(Utf8JsonWriter writer, T value)
        where T : IUtf8SpanFormattable
    {
        Span<byte> json = stackalloc byte[ValueStart + ScalarBuffer + ValueEnd];
        NumberStart.CopyTo(json);
        WriteRaw(writer, json, FormatNumber(value, json[ValueStart..]));
    }

    /// <summary><c>{"N":"1"}</c> or <c>{"N":"0"}</c>, as DynamoDBContext stores bool.</summary>
    public static void WriteBoolean(Utf8JsonWriter writer, bool value) =>
        writer.WriteRawValue(value ? """{"N":"1"}"""u8 : """{"N":"0"}"""u8, skipInputValidation: true);

    /// <summary>S in the 8-4-4-4-12 form.</summary>
    public static void WriteGuid(Utf8JsonWriter writer, Guid value)
    {
        Span<byte> json = stackalloc byte[ValueStart + 36 + ValueEnd];
        StringStart.CopyTo(json);
        value.TryFormat(json[ValueStart..], out var length, "D");
        WriteRaw(writer, json, length);
    }

    /// <summary>S, ISO-8601 in UTC with milliseconds.</summary>
    public static void WriteDateTime(Utf8JsonWriter writer, DateTime value) =>
        WriteTime(writer, value.ToUniversalTime(), DynamoTime.Milliseconds);

    /// <summary>S, ISO-8601 in UTC with full precision.</summary>
    public static void WriteDateTimeOffset(Utf8JsonWriter writer, DateTimeOffset value) =>
        WriteTime(writer, value.UtcDateTime, DynamoTime.Ticks);

    /// <summary>N of ticks.</summary>
    public static void WriteTimeSpan(Utf8JsonWriter writer, TimeSpan value) => WriteNumber(writer, value.Ticks);

    /// <summary>N of Unix epoch seconds (time to live).</summary>
    public static void WriteEpochSeconds(Utf8JsonWriter writer, DateTimeOffset value) => WriteNumber(writer, value.ToUnixTimeSeconds());

    /// <summary>B, base64.</summary>
    public static void WriteBytes(Utf8JsonWriter writer, byte[] value)
    {
        writer.WriteStartObject();
        writer.WriteBase64String(B, value);
        writer.WriteEndObject();
    }

    /// <summary>SS; call only when <see cref="HasElements{T}"/>.</summary>
    public static void WriteStringSet(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        using var enumerator = values.GetEnumerator();
        WriteStringSet(writer, enumerator);
    }

    /// <summary>SS of a list, enumerated without boxing its enumerator; call only when it has elements.</summary>
    public static void WriteStringSet(Utf8JsonWriter writer, List<string> values)
    {
        if (!TryWriteRawStringSet(writer, values.GetEnumerator(), values.GetEnumerator()))
        {
            WriteStringSet(writer, values.GetEnumerator());
        }
    }

    /// <summary>SS of a set, enumerated without boxing its enumerator; call only when it has elements.</summary>
    public static void WriteStringSet(Utf8JsonWriter writer, HashSet<string> values)
    {
        if (!TryWriteRawStringSet(writer, values.GetEnumerator(), values.GetEnumerator()))
        {
            WriteStringSet(writer, values.GetEnumerator());
        }
    }

    /// <summary>NS; call only when <see cref="HasElements{T}"/>.</summary>
    public static void WriteNumberSet<T>(Utf8JsonWriter writer, IEnumerable<T> values)
        where T : IUtf8SpanFormattable
    {
        using var enumerator = values.GetEnumerator();
        WriteNumberSet<T, IEnumerator<T>>(writer, values.TryGetNonEnumeratedCount(out var count) ? count : -1, enumerator);
    }

    /// <summary>NS of a list, enumerated without boxing its enumerator; call only when it has elements.</summary>
    public static void WriteNumberSet<T>(Utf8JsonWriter writer, List<T> values)
        where T : IUtf8SpanFormattable => WriteNumberSet<T, List<T>.Enumerator>(writer, values.Count, values.GetEnumerator());

    /// <summary>NS of a set, enumerated without boxing its enumerator; call only when it has elements.</summary>
    public static void WriteNumberSet<T>(Utf8JsonWriter writer, HashSet<T> values)
        where T : IUtf8SpanFormattable => WriteNumberSet<T, HashSet<T>.Enumerator>(writer, values.Count, values.GetEnumerator());

    /// <summary>BS; call only when <see cref="HasElements{T}"/>.</summary>
    public static void WriteBinarySet(Utf8JsonWriter writer, IEnumerable<byte[]> values)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(BinarySetTag);
        foreach (var value in values)
        {
            writer.WriteBase64StringValue(value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>L; <paramref name="writeElement"/> writes one element (NULL for a left-out one).</summary>
    public static void WriteList<T>(Utf8JsonWriter writer, IEnumerable<T> values, Action<Utf8JsonWriter, T> writeElement)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(ListTag);
        foreach (var value in values)
        {
            writeElement(writer, value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>M; <paramref name="writeValue"/> writes one value (NULL for a left-out one).</summary>
    public static void WriteMap<T>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>> values, Action<Utf8JsonWriter, T> writeValue)
    {
        using var enumerator = values.GetEnumerator();
        WriteMap(writer, enumerator, writeValue);
    }

    /// <summary>M of a dictionary, enumerated without boxing its enumerator.</summary>
    public static void WriteMap<T>(Utf8JsonWriter writer, Dictionary<string, T> values, Action<Utf8JsonWriter, T> writeValue) =>
        WriteMap(writer, values.GetEnumerator(), writeValue);

    /// <summary>Opens <c>{"M":{</c> for a nested object's attributes; <see cref="EndMap"/> closes it.</summary>
    public static void BeginMap(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(MapTag);
    }

    /// <summary>Closes what <see cref="BeginMap"/> opened.</summary>
    public static void EndMap(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary><c>{"NULL":true}</c>: a left-out element of a list or map, as <see cref="DynamoValue.FromList{T}"/> stores it.</summary>
    public static void WriteNull(Utf8JsonWriter writer) => writer.WriteRawValue("""{"NULL":true}"""u8, skipInputValidation: true);

    /// <summary>Whether a collection has elements: null and empty collections are left out, as DynamoDBContext does.</summary>
    public static bool HasElements<T>(IEnumerable<T>? values)
    {
        if (values is null)
        {
            return false;
        }

        if (values.TryGetNonEnumeratedCount(out var count))
        {
            return count > 0;
        }

        using var enumerator = values.GetEnumerator();
        return enumerator.MoveNext();
    }

    /// <summary>Any attribute value, in the wire's form (keys, expression values, converters' values).</summary>
    public static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case { S: { } s }:
                writer.WriteString(S, s);
                break;
            case { N: { } n }:
                writer.WriteString(N, n);
                break;
            case { B: { } b }:
                writer.WriteBase64String(B, Bytes(b));
                break;
            case { BOOL: { } flag }:
                writer.WriteBoolean(Bool, flag);
                break;
            case { NULL: true }:
                writer.WriteBoolean(Null, true);
                break;
            case { SS: { Count: > 0 } ss }:
                writer.WriteStartArray(StringSetTag);
                foreach (var item in ss)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            case { NS: { Count: > 0 } ns }:
                writer.WriteStartArray(NumberSetTag);
                foreach (var item in ns)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            case { BS: { Count: > 0 } bs }:
                writer.WriteStartArray(BinarySetTag);
                foreach (var item in bs)
                {
                    writer.WriteBase64StringValue(Bytes(item));
                }

                writer.WriteEndArray();
                break;
            case { L: { } list }:
                writer.WriteStartArray(ListTag);
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case { M: { } map }:
                writer.WritePropertyName(MapTag);
                WriteAttributes(writer, map);
                break;
            default:
                throw new ArgumentException("The attribute value has no value set.", nameof(value));
        }

        writer.WriteEndObject();
    }

    /// <summary>A request's <c>ExpressionAttributeNames</c> and <c>ExpressionAttributeValues</c>, as the SDK's request objects hold them.</summary>
    internal static void WriteExpressionAttributes(
        Utf8JsonWriter writer, IReadOnlyDictionary<string, string> names, IReadOnlyDictionary<string, AttributeValue> values)
    {
        writer.WriteStartObject("ExpressionAttributeNames"u8);
        foreach (var (name, attribute) in names)
        {
            writer.WriteString(name, attribute);
        }

        writer.WriteEndObject();
        writer.WritePropertyName("ExpressionAttributeValues"u8);
        WriteAttributes(writer, values);
    }

    /// <summary>An item or key as a JSON object of attribute values.</summary>
    public static void WriteAttributes(Utf8JsonWriter writer, IReadOnlyDictionary<string, AttributeValue> attributes)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in attributes)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>What a generated fast reader throws when the item is not in the canonical form it reads.</summary>
    public static Exception Decline() => new FastPathDeclinedException();

    // Reading: any attribute value -----------------------------------------------------------------------------

    /// <summary>
    /// Reads any attribute value (the reader on its <c>StartObject</c>, left on its <c>EndObject</c>). A value that is JSON
    /// but not an attribute value — a set that is not an array, a BOOL that is a string, B that is not base64 — fails
    /// with a <see cref="JsonException"/> naming its type, before the reader moves past the value.
    /// </summary>
    public static AttributeValue ReadValue(ref Utf8JsonReader reader) => ReadOrSkipValue(ref reader, keep: true)!;

    /// <summary>
    /// Moves past an attribute value, checking it as <see cref="ReadValue(ref Utf8JsonReader)"/> does but building
    /// nothing: an attribute a reader does not store must still be one FromItem would accept.
    /// </summary>
    public static void SkipValue(ref Utf8JsonReader reader) => ReadOrSkipValue(ref reader, keep: false);

    /// <summary>Reads an item or key: a JSON object of attribute values (the reader on its <c>StartObject</c>).</summary>
    public static Dictionary<string, AttributeValue> ReadAttributes(ref Utf8JsonReader reader) => ReadOrSkipAttributes(ref reader, keep: true)!;

    private static AttributeValue? ReadOrSkipValue(ref Utf8JsonReader reader, bool keep)
    {
        Require(reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType == JsonTokenType.PropertyName);
        // A tag written escaped ("\u0053" for S) is still the tag.
        ReadOnlySpan<byte> tag = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(GetString(ref reader, "an attribute value's type")) : reader.ValueSpan;
        Require(reader.Read());
        AttributeValue? value = null;
        if (tag.SequenceEqual("S"u8))
        {
            var text = ReadText(ref reader, "S", keep);
            value = keep ? new AttributeValue { S = text } : null;
        }
        else if (tag.SequenceEqual("N"u8))
        {
            var text = ReadText(ref reader, "N", keep);
            value = keep ? new AttributeValue { N = text } : null;
        }
        else if (tag.SequenceEqual("B"u8))
        {
            var bytes = ReadBase64(ref reader, "B", keep);
            value = keep ? new AttributeValue { B = new MemoryStream(bytes!, writable: false) } : null;
        }
        else if (tag.SequenceEqual("BOOL"u8))
        {
            var flag = ReadBoolean(ref reader, "BOOL");
            value = keep ? new AttributeValue { BOOL = flag } : null;
        }
        else if (tag.SequenceEqual("NULL"u8))
        {
            var flag = ReadBoolean(ref reader, "NULL");
            value = keep ? new AttributeValue { NULL = flag } : null;
        }
        else if (tag.SequenceEqual("SS"u8) || tag.SequenceEqual("NS"u8))
        {
            var name = tag[0] == (byte)'S' ? "SS" : "NS";
            var strings = keep ? new List<string>() : null;
            EnterArray(ref reader, name);
            while (NextElement(ref reader))
            {
                var text = ReadText(ref reader, name, keep);
                strings?.Add(text!);
            }

            value = strings is null ? null : name == "SS" ? new AttributeValue { SS = strings } : new AttributeValue { NS = strings };
        }
        else if (tag.SequenceEqual("BS"u8))
        {
            var streams = keep ? new List<MemoryStream>() : null;
            EnterArray(ref reader, "BS");
            while (NextElement(ref reader))
            {
                var bytes = ReadBase64(ref reader, "BS", keep);
                streams?.Add(new MemoryStream(bytes!, writable: false));
            }

            value = streams is null ? null : new AttributeValue { BS = streams };
        }
        else if (tag.SequenceEqual("L"u8))
        {
            var list = keep ? new List<AttributeValue>() : null;
            EnterArray(ref reader, "L");
            while (NextElement(ref reader))
            {
                var element = ReadOrSkipValue(ref reader, keep);
                list?.Add(element!);
            }

            value = list is null ? null : new AttributeValue { L = list };
        }
        else if (tag.SequenceEqual("M"u8))
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw NotAttributeValue("M", "an object of attribute values");
            }

            var map = ReadOrSkipAttributes(ref reader, keep);
            value = map is null ? null : new AttributeValue { M = map };
        }
        else
        {
            throw new JsonException($"DynamoDB attribute type {Encoding.UTF8.GetString(tag)} is not one this SDK reads.");
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("The response is not in DynamoDB's JSON format: an attribute value has more than its one type.");
        }

        return value;
    }

    private static Dictionary<string, AttributeValue>? ReadOrSkipAttributes(ref Utf8JsonReader reader, bool keep)
    {
        Require(reader.TokenType == JsonTokenType.StartObject);
        var attributes = keep ? new Dictionary<string, AttributeValue>(StringComparer.Ordinal) : null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = GetString(ref reader, "an attribute's name");
            Require(reader.Read());
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"The response is not in DynamoDB's JSON format: attribute '{name}' is not an attribute value.");
            }

            var value = ReadOrSkipValue(ref reader, keep);
            if (attributes is not null)
            {
                attributes[name] = value!;
            }
        }

        Require(reader.TokenType == JsonTokenType.EndObject);
        return attributes;
    }

    private static string? ReadText(ref Utf8JsonReader reader, string tag, bool keep)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw NotAttributeValue(tag, tag.Length == 1 ? "a string" : "an array of strings");
        }

        // Unescaping is where an escaped half of a surrogate pair shows: an escaped string is read even when skipped.
        return keep || reader.ValueIsEscaped ? GetString(ref reader, $"a value of type {tag}") : null;
    }

    /// <summary>
    /// The string the reader is on, <paramref name="what"/> for the error. Utf8JsonReader takes an escaped half of a
    /// surrogate pair as JSON and refuses it only when asked for the string, with an InvalidOperationException.
    /// </summary>
    private static string GetString(ref Utf8JsonReader reader, string what)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException($"The response is not in DynamoDB's JSON format: {what} has an escape that is half of a surrogate pair.");
        }
    }

    private static bool ReadBoolean(ref Utf8JsonReader reader, string tag) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw NotAttributeValue(tag, "true or false"),
    };

    private static byte[]? ReadBase64(ref Utf8JsonReader reader, string tag, bool keep)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!keep && !reader.ValueIsEscaped && !reader.HasValueSequence && Base64.IsValid(reader.ValueSpan))
            {
                return null;
            }

            if (reader.TryGetBytesFromBase64(out var bytes))
            {
                return bytes;
            }
        }

        throw NotAttributeValue(tag, tag == "B" ? "base64 text" : "an array of base64 texts");
    }

    private static void EnterArray(ref Utf8JsonReader reader, string tag)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw NotAttributeValue(tag, tag switch { "L" => "an array of attribute values", "BS" => "an array of base64 texts", _ => "an array of strings" });
        }
    }

    /// <summary>Moves to the next element of an array the reader is in; <c>false</c> on its end.</summary>
    private static bool NextElement(ref Utf8JsonReader reader)
    {
        Require(reader.Read());
        return reader.TokenType != JsonTokenType.EndArray;
    }

    private static JsonException NotAttributeValue(string tag, string expected) =>
        new($"The response is not in DynamoDB's JSON format: a value of type {tag} must be {expected}.");

    // -----------------------------------------------------------------------------------------------------------

    // A concrete collection's struct enumerator passed as TEnumerator is called directly, not boxed behind IEnumerator<T>.
    private static void WriteStringSet<TEnumerator>(Utf8JsonWriter writer, TEnumerator values)
        where TEnumerator : IEnumerator<string>
    {
        writer.WriteStartObject();
        writer.WriteStartArray(StringSetTag);
        while (values.MoveNext())
        {
            writer.WriteStringValue(values.Current);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a set of short plain strings whole as one raw value, {"SS":["gs1","zebra"]}, measuring it with
    /// <paramref name="measure"/> and writing it with <paramref name="values"/> (two enumerators of the same set);
    /// <c>false</c>, nothing written, for a set that does not fit or has text to escape.
    /// </summary>
    private static bool TryWriteRawStringSet<TEnumerator>(Utf8JsonWriter writer, TEnumerator measure, TEnumerator values)
        where TEnumerator : IEnumerator<string>
    {
        var length = RawStringSetStart.Length + 2;
        while (measure.MoveNext())
        {
            length += measure.Current.Length + 3;
            if (length > RawStringSetBuffer || measure.Current.AsSpan().ContainsAnyExcept(PlainText))
            {
                return false;
            }
        }

        Span<byte> json = stackalloc byte[RawStringSetBuffer];
        RawStringSetStart.CopyTo(json);
        var written = RawStringSetStart.Length;
        while (values.MoveNext())
        {
            if (written > RawStringSetStart.Length)
            {
                json[written++] = (byte)',';
            }

            json[written++] = (byte)'"';
            written += Encoding.ASCII.GetBytes(values.Current, json[written..]);
            json[written++] = (byte)'"';
        }

        json[written++] = (byte)']';
        json[written++] = (byte)'}';
        writer.WriteRawValue(json[..written], skipInputValidation: true);
        return true;
    }

    private static void WriteNumberSet<T, TEnumerator>(Utf8JsonWriter writer, int count, TEnumerator values)
        where T : IUtf8SpanFormattable
        where TEnumerator : IEnumerator<T>
    {
        Span<byte> json = stackalloc byte[RawNumberSetStart.Length + (RawSetLimit * RawSetElement) + 2];
        if (count is > 0 and <= RawSetLimit)
        {
            // A small set is written whole as one raw value, {"NS":["3","5","8"]}: numbers need no escapes.
            RawNumberSetStart.CopyTo(json);
            var length = RawNumberSetStart.Length;
            while (values.MoveNext())
            {
                if (json.Length - length < RawSetElement + 2)
                {
                    throw new InvalidOperationException("The set changed while it was being written.");
                }

                if (length > RawNumberSetStart.Length)
                {
                    json[length++] = (byte)',';
                }

                json[length++] = (byte)'"';
                length += FormatNumber(values.Current, json[length..]);
                json[length++] = (byte)'"';
            }

            json[length++] = (byte)']';
            json[length++] = (byte)'}';
            writer.WriteRawValue(json[..length], skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        writer.WriteStartArray(NumberSetTag);
        while (values.MoveNext())
        {
            writer.WriteStringValue(json[..FormatNumber(values.Current, json)]);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Sets of up to RawSetLimit numbers are written as one raw value; RawSetElement is room for one: quotes, comma, digits.
    private const int RawSetLimit = 8;
    private const int RawSetElement = ScalarBuffer + 3;

    private static ReadOnlySpan<byte> RawNumberSetStart => "{\"NS\":["u8;

    // String sets up to RawStringSetBuffer bytes of JSON are written as one raw value.
    private const int RawStringSetBuffer = 256;

    private static ReadOnlySpan<byte> RawStringSetStart => "{\"SS\":["u8;

    /// <summary>The number's invariant text, as <see cref="DynamoValue.FromNumber{T}"/> writes it, in <paramref name="utf8"/>; its length.</summary>
    private static int FormatNumber<T>(T value, Span<byte> utf8)
        where T : IUtf8SpanFormattable =>
        value.TryFormat(utf8[..Math.Min(utf8.Length, ScalarBuffer)], out var length, default, CultureInfo.InvariantCulture)
            ? length
            : throw new FormatException($"{value} does not fit DynamoDB's number format.");

    private static void WriteMap<T, TEnumerator>(Utf8JsonWriter writer, TEnumerator values, Action<Utf8JsonWriter, T> writeValue)
        where TEnumerator : IEnumerator<KeyValuePair<string, T>>
    {
        writer.WriteStartObject();
        writer.WriteStartObject(MapTag);
        while (values.MoveNext())
        {
            var (key, value) = values.Current;
            writer.WritePropertyName(key);
            writeValue(writer, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTimeMember(Utf8JsonWriter writer, JsonEncodedText name, DateTime utc, int fractionDigits)
    {
        if (!CanWriteMember(writer, name))
        {
            writer.WritePropertyName(name);
            WriteTime(writer, utc, fractionDigits);
            return;
        }

        Span<byte> json = stackalloc byte[MemberBuffer];
        var at = BeginMember(json, name, StringStart);
        WriteMember(writer, json, at, DynamoTime.Format(utc, fractionDigits, json[at..]));
    }

    /// <summary>The longest encoded name written in one piece with its value.</summary>
    private const int MemberNameLimit = 128;

    /// <summary>Room for <c>"name":</c> and the longest scalar value written raw.</summary>
    private const int MemberBuffer = 1 + MemberNameLimit + 2 + ValueStart + PlainStringLimit + ValueEnd;

    private static bool CanWriteMember(Utf8JsonWriter writer, JsonEncodedText name)
    {
        var options = writer.Options;
        return options.SkipValidation && !options.Indented && name.EncodedUtf8Bytes.Length <= MemberNameLimit;
    }

    /// <summary>Writes <c>"name":</c> and the value's start into <paramref name="json"/>; where the value's text goes.</summary>
    private static int BeginMember(Span<byte> json, JsonEncodedText name, ReadOnlySpan<byte> valueStart)
    {
        var encoded = name.EncodedUtf8Bytes;
        json[0] = (byte)'"';
        encoded.CopyTo(json[1..]);
        var at = 1 + encoded.Length;
        json[at++] = (byte)'"';
        json[at++] = (byte)':';
        valueStart.CopyTo(json[at..]);
        return at + valueStart.Length;
    }

    /// <summary>Closes the value whose text of <paramref name="length"/> bytes starts at <paramref name="at"/> and writes the member.</summary>
    private static void WriteMember(Utf8JsonWriter writer, Span<byte> json, int at, int length)
    {
        json[at + length] = (byte)'"';
        json[at + length + 1] = (byte)'}';
        writer.WriteRawValue(json[..(at + length + 2)], skipInputValidation: true);
    }

    private static void WriteTime(Utf8JsonWriter writer, DateTime utc, int fractionDigits)
    {
        Span<byte> json = stackalloc byte[ValueStart + ScalarBuffer + ValueEnd];
        StringStart.CopyTo(json);
        WriteRaw(writer, json, DynamoTime.Format(utc, fractionDigits, json[ValueStart..]));
    }

    // A scalar whose text needs no escaping (a number, a time, a GUID, plain ASCII) is written whole as one raw value,
    // {"N":"42"}, which the writer copies without checking: three writer calls and their checks become one copy.
    private const int ValueStart = 6;
    private const int ValueEnd = 2;

    private static ReadOnlySpan<byte> NumberStart => "{\"N\":\""u8;

    private static ReadOnlySpan<byte> StringStart => "{\"S\":\""u8;

    /// <summary>Closes the value begun with <see cref="NumberStart"/> or <see cref="StringStart"/> (text of <paramref name="length"/> bytes) and writes it.</summary>
    private static void WriteRaw(Utf8JsonWriter writer, Span<byte> json, int length)
    {
        json[ValueStart + length] = (byte)'"';
        json[ValueStart + length + 1] = (byte)'}';
        writer.WriteRawValue(json[..(ValueStart + length + ValueEnd)], skipInputValidation: true);
    }

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new JsonException("The response is not in DynamoDB's JSON format.");
        }
    }

    private static byte[] Bytes(MemoryStream stream) => stream.ToArray();

    /// <summary>The fast reader declines an item; <see cref="DynamoItemReader.ReadItem{T}"/> reads it the exact way.</summary>
    internal sealed class FastPathDeclinedException() : Exception("The item is not in the canonical form; it is read attribute by attribute.");
}
