using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Data.Wire;

/// <summary>Reads one value of the kind the caller expects, the reader on the value's <c>{</c>, leaving it after its <c>}</c>.</summary>
public delegate T DynamoValueReader<out T>(ref DynamoItemReader reader);

/// <summary>
/// A forward-only reader of DynamoDB's typed JSON for generated item readers (the fast path). Where
/// <see cref="Utf8JsonReader"/> reads whatever token comes and its caller then checks it, this reader is told what comes
/// next (<c>{"S":"…"}</c>, an attribute's name, the end of a map) and checks only that, so a canonical item costs one
/// pass over its bytes. Anything it does not expect (an escaped name, another tag, NULL for a value, a number out of
/// range) declines: <see cref="ReadItem{T}"/> then reads that item again as attribute values and maps it with
/// <c>FromItem</c>, which accepts every form and names what is wrong. The values are read in exactly the formats of
/// <see cref="DynamoValue"/>, as <see cref="DynamoJson"/> writes them.
/// </summary>
public ref struct DynamoItemReader
{
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    /// <summary>What ends a string's plain text: its closing quote, an escape, or a control character (not allowed in JSON).</summary>
    private static readonly SearchValues<byte> PlainTextEnd = SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

    /// <summary>UTF-8 that throws on invalid bytes, where <see cref="Encoding.UTF8"/> would put U+FFFD in their place.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Room for any time this format writes.</summary>
    private const int TimeBuffer = 64;

    private readonly ReadOnlySpan<byte> _json;
    private int _position;

    // Just after a '{' or '[': the next member or element has no comma before it.
    private bool _opened;

    /// <summary>A reader at the start of <paramref name="json"/>.</summary>
    public DynamoItemReader(ReadOnlySpan<byte> json) => _json = json;

    /// <summary>How many bytes have been read.</summary>
    public readonly int Position => _position;

    /// <summary>
    /// Reads an item with <paramref name="fast"/> (the generated reader of the canonical form); when it declines, reads
    /// the same item again as attribute values and maps it with <paramref name="exact"/> (<c>FromItem</c>), which accepts
    /// every form FromItem accepts and throws FromItem's <see cref="DynamoMappingException"/>.
    /// </summary>
    public static T ReadItem<T>(ref DynamoItemReader reader, DynamoValueReader<T> fast, Func<IReadOnlyDictionary<string, AttributeValue>, T> exact)
    {
        ArgumentNullException.ThrowIfNull(fast);
        ArgumentNullException.ThrowIfNull(exact);
        var start = reader._position;
        var opened = reader._opened;
        try
        {
            return fast(ref reader);
        }
        catch (DynamoJson.FastPathDeclinedException)
        {
            reader._position = start;
            reader._opened = opened;
            return exact(reader.ReadAttributes());
        }
    }

    // Structure ----------------------------------------------------------------------------------------------

    /// <summary>Enters an object (an item, a response): the reader moves past its <c>{</c>.</summary>
    public void EnterObject()
    {
        Expect((byte)'{');
        _opened = true;
    }

    /// <summary>Enters an array: the reader moves past its <c>[</c>.</summary>
    public void EnterArray()
    {
        Expect((byte)'[');
        _opened = true;
    }

    /// <summary>Moves to the next member of the object entered last; <c>false</c>, past its <c>}</c>, when there is none.</summary>
    public bool NextMember() => Next((byte)'}');

    /// <summary>Moves to the next element of the array entered last; <c>false</c>, past its <c>]</c>, when there is none.</summary>
    public bool NextElement() => Next((byte)']');

    /// <summary>The member's name as it stands in the JSON, the reader moved to its value; an escaped name declines.</summary>
    public ReadOnlySpan<byte> ReadName()
    {
        var name = ReadPlainText();
        Expect((byte)':');
        return name;
    }

    /// <summary>
    /// Skips the value the reader is on, whatever JSON it is (a member of a response this SDK does not read). JSON that
    /// is broken declines, so that the exact path names what is wrong.
    /// </summary>
    public void SkipValue()
    {
        try
        {
            var reader = ExactReader();
            reader.Skip();
            _position += (int)reader.BytesConsumed;
        }
        catch (JsonException)
        {
            throw DynamoJson.Decline();
        }
    }

    /// <summary>
    /// Skips an attribute this type does not store, checking that it is an attribute value FromItem would accept, without
    /// building it; anything else declines, so that the exact path names what is wrong.
    /// </summary>
    public void SkipAttributeValue()
    {
        try
        {
            var reader = ExactReader();
            DynamoJson.SkipValue(ref reader);
            _position += (int)reader.BytesConsumed;
        }
        catch (JsonException)
        {
            throw DynamoJson.Decline();
        }
    }

    // Typed values -------------------------------------------------------------------------------------------

    /// <summary>Reads S.</summary>
    public string ReadString()
    {
        if (!TryEnterCompact("{\"S\":"u8))
        {
            EnterValue("\"S\""u8);
        }

        var value = ReadStringContent();
        LeaveValue();
        return value;
    }

    /// <summary>Whether the S here is <paramref name="expected"/> (the entity type of a shared table).</summary>
    public bool IsString(ReadOnlySpan<byte> expected)
    {
        var equal = ReadScalar("{\"S\":"u8, "\"S\""u8).SequenceEqual(expected);
        LeaveValue();
        return equal;
    }

    /// <summary>Reads a one-character S.</summary>
    public char ReadChar()
    {
        var text = ReadString();
        return text.Length == 1 ? text[0] : throw DynamoJson.Decline();
    }

    /// <summary>Reads N.</summary>
    public T ReadNumber<T>()
        where T : INumberBase<T>
    {
        var number = ParseNumber<T>(ReadScalar("{\"N\":"u8, "\"N\""u8));
        LeaveValue();
        return number;
    }

    /// <summary>Reads N 1/0.</summary>
    public bool ReadBoolean()
    {
        var text = ReadScalar("{\"N\":"u8, "\"N\""u8);
        var value = text.SequenceEqual("1"u8) || (text.SequenceEqual("0"u8) ? false : throw DynamoJson.Decline());
        LeaveValue();
        return value;
    }

    /// <summary>Reads a GUID in the 8-4-4-4-12 form.</summary>
    public Guid ReadGuid()
    {
        var text = ReadScalar("{\"S\":"u8, "\"S\""u8);
        if (!Utf8Parser.TryParse(text, out Guid value, out var consumed, 'D') || consumed != text.Length)
        {
            throw DynamoJson.Decline();
        }

        LeaveValue();
        return value;
    }

    /// <summary>Reads a UTC DateTime written in the canonical format.</summary>
    public DateTime ReadDateTime()
    {
        var text = ReadScalar("{\"S\":"u8, "\"S\""u8);
        if (!DynamoTime.TryParse(text, DynamoTime.Milliseconds, out var utc))
        {
            Span<char> chars = stackalloc char[TimeBuffer];
            utc = DateTime.TryParseExact(Widen(text, chars), DynamoValue.DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw DynamoJson.Decline();
        }

        LeaveValue();
        return utc;
    }

    /// <summary>Reads a DateTimeOffset (offset zero) written in the canonical format.</summary>
    public DateTimeOffset ReadDateTimeOffset()
    {
        var text = ReadScalar("{\"S\":"u8, "\"S\""u8);
        DateTimeOffset value;
        if (DynamoTime.TryParse(text, DynamoTime.Ticks, out var utc))
        {
            value = new DateTimeOffset(utc);
        }
        else
        {
            Span<char> chars = stackalloc char[TimeBuffer];
            value = DateTimeOffset.TryParseExact(Widen(text, chars), DynamoValue.DateTimeOffsetFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUniversalTime()
                : throw DynamoJson.Decline();
        }

        LeaveValue();
        return value;
    }

    /// <summary>Reads N ticks.</summary>
    public TimeSpan ReadTimeSpan() => TimeSpan.FromTicks(ReadNumber<long>());

    /// <summary>Reads N Unix epoch seconds.</summary>
    public DateTimeOffset ReadEpochSeconds()
    {
        var seconds = ReadNumber<long>();
        return seconds is >= -62_135_596_800 and <= 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : throw DynamoJson.Decline();
    }

    /// <summary>Reads B.</summary>
    public byte[] ReadBytes()
    {
        EnterValue("\"B\""u8);
        var bytes = DecodeBase64(ReadPlainText());
        LeaveValue();
        return bytes;
    }

    /// <summary>Reads SS.</summary>
    public List<string> ReadStringList()
    {
        EnterSet("\"SS\""u8);
        var list = new List<string>();
        while (NextElement())
        {
            list.Add(ReadStringContent());
        }

        EndSet(list.Count);
        return list;
    }

    /// <summary>Reads SS straight into a set.</summary>
    public HashSet<string> ReadStringSet()
    {
        EnterSet("\"SS\""u8);
        var set = new HashSet<string>();
        while (NextElement())
        {
            set.Add(ReadStringContent());
        }

        EndSet(set.Count);
        return set;
    }

    /// <summary>Reads NS.</summary>
    public List<T> ReadNumberList<T>()
        where T : INumberBase<T>
    {
        EnterSet("\"NS\""u8);
        var list = new List<T>();
        while (NextElement())
        {
            list.Add(ParseNumber<T>(ReadPlainText()));
        }

        EndSet(list.Count);
        return list;
    }

    /// <summary>Reads NS straight into a set.</summary>
    public HashSet<T> ReadNumberSet<T>()
        where T : INumberBase<T>
    {
        EnterSet("\"NS\""u8);
        var set = new HashSet<T>();
        while (NextElement())
        {
            set.Add(ParseNumber<T>(ReadPlainText()));
        }

        EndSet(set.Count);
        return set;
    }

    /// <summary>Reads BS.</summary>
    public List<byte[]> ReadBinaryList()
    {
        EnterSet("\"BS\""u8);
        var list = new List<byte[]>();
        while (NextElement())
        {
            list.Add(DecodeBase64(ReadPlainText()));
        }

        EndSet(list.Count);
        return list;
    }

    /// <summary>Reads L, each element with <paramref name="readElement"/>.</summary>
    public List<T> ReadList<T>(DynamoValueReader<T> readElement)
    {
        ArgumentNullException.ThrowIfNull(readElement);
        EnterValue("\"L\""u8);
        EnterArray();
        var list = new List<T>();
        while (NextElement())
        {
            list.Add(readElement(ref this));
        }

        LeaveValue();
        return list;
    }

    /// <summary>Reads M, each value with <paramref name="readValue"/>.</summary>
    public Dictionary<string, T> ReadMap<T>(DynamoValueReader<T> readValue)
    {
        ArgumentNullException.ThrowIfNull(readValue);
        EnterMap();
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (NextMember())
        {
            var key = ReadStringContent();
            Expect((byte)':');
            map[key] = readValue(ref this);
        }

        LeaveValue();
        return map;
    }

    /// <summary>Enters M: the reader moves past the <c>{</c> of the nested attributes, which <see cref="NextMember"/> then walks.</summary>
    public void EnterMap()
    {
        EnterValue("\"M\""u8);
        EnterObject();
    }

    /// <summary>Leaves a typed value after its content: the reader moves past the value's <c>}</c>.</summary>
    public void LeaveValue() => Expect((byte)'}');

    /// <summary>Reads through a converter of the user's; a value it refuses goes to the exact path, which names it.</summary>
    public T ReadConverted<T>(IDynamoConverter<T> converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        var value = ReadAttributeValue();
        try
        {
            return converter.FromAttributeValue(value);
        }
        catch (FormatException)
        {
            throw DynamoJson.Decline();
        }
    }

    // Any value, read exactly ----------------------------------------------------------------------------------

    /// <summary>Reads any attribute value, as <see cref="DynamoJson.ReadValue"/> does.</summary>
    public AttributeValue ReadAttributeValue()
    {
        var reader = ExactReader();
        var value = DynamoJson.ReadValue(ref reader);
        _position += (int)reader.BytesConsumed;
        return value;
    }

    /// <summary>Reads an item or key, a JSON object of attribute values, as <see cref="DynamoJson.ReadAttributes"/> does.</summary>
    public Dictionary<string, AttributeValue> ReadAttributes()
    {
        var reader = ExactReader();
        var attributes = DynamoJson.ReadAttributes(ref reader);
        _position += (int)reader.BytesConsumed;
        return attributes;
    }

    // ---------------------------------------------------------------------------------------------------------

    /// <summary>A <see cref="Utf8JsonReader"/> on the value here, which it validates as JSON and reports on.</summary>
    private readonly Utf8JsonReader ExactReader()
    {
        var reader = new Utf8JsonReader(_json[_position..]);
        if (!reader.Read())
        {
            throw new JsonException("The response is not in DynamoDB's JSON format: it ends where a value was expected.");
        }

        return reader;
    }

    private bool Next(byte close)
    {
        if (!_opened && (uint)_position < (uint)_json.Length && _json[_position] == (byte)',')
        {
            _position++;
            return true;
        }

        SkipWhitespace();
        if (_position < _json.Length && _json[_position] == close)
        {
            _position++;
            _opened = false;
            return false;
        }

        if (!_opened)
        {
            Expect((byte)',');
        }

        _opened = false;
        return true;
    }

    /// <summary>
    /// Moves past <paramref name="compact"/> (<c>{"S":</c>), the start of a value as DynamoDB writes it, without
    /// whitespace; <c>false</c>, the reader not moved, when the value starts any other way.
    /// </summary>
    private bool TryEnterCompact(ReadOnlySpan<byte> compact)
    {
        if (!_json[_position..].StartsWith(compact))
        {
            return false;
        }

        _position += compact.Length;
        return true;
    }

    /// <summary>The plain text of a scalar value tagged <paramref name="quotedTag"/> (<paramref name="compact"/> its start as DynamoDB writes it).</summary>
    private ReadOnlySpan<byte> ReadScalar(ReadOnlySpan<byte> compact, ReadOnlySpan<byte> quotedTag)
    {
        if (!TryEnterCompact(compact))
        {
            EnterValue(quotedTag);
        }

        return ReadPlainText();
    }

    private void EnterValue(ReadOnlySpan<byte> quotedTag)
    {
        Expect((byte)'{');
        SkipWhitespace();
        if (!_json[_position..].StartsWith(quotedTag))
        {
            throw DynamoJson.Decline();
        }

        _position += quotedTag.Length;
        Expect((byte)':');
    }

    private void EnterSet(ReadOnlySpan<byte> quotedTag)
    {
        EnterValue(quotedTag);
        EnterArray();
    }

    private void EndSet(int count)
    {
        // DynamoDB has no empty set; an empty one is FromItem's to judge.
        if (count == 0)
        {
            throw DynamoJson.Decline();
        }

        LeaveValue();
    }

    /// <summary>A string's text as it stands in the JSON: no escapes (those decline), no control characters, valid UTF-8.</summary>
    private ReadOnlySpan<byte> ReadPlainText()
    {
        Expect((byte)'"');
        var rest = _json[_position..];
        var end = rest.IndexOfAny(PlainTextEnd);
        if (end < 0 || rest[end] != (byte)'"')
        {
            throw DynamoJson.Decline();
        }

        _position += end + 1;
        return rest[..end];
    }

    /// <summary>A string value, unescaped where it has escapes.</summary>
    private string ReadStringContent()
    {
        SkipWhitespace();
        var start = _position;
        Expect((byte)'"');
        var rest = _json[_position..];
        var end = rest.IndexOfAny(PlainTextEnd);
        if (end >= 0 && rest[end] == (byte)'"')
        {
            _position += end + 1;
            try
            {
                return StrictUtf8.GetString(rest[..end]);
            }
            catch (DecoderFallbackException)
            {
                throw DynamoJson.Decline();
            }
        }

        if (end >= 0 && rest[end] < 0x20)
        {
            throw DynamoJson.Decline();
        }

        // Escapes: System.Text.Json unescapes and validates the whole string token.
        SkipStringRest();
        var token = new Utf8JsonReader(_json[start.._position]);
        try
        {
            token.Read();
            return token.GetString()!;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw DynamoJson.Decline();
        }
    }

    /// <summary>Moves past the rest of a string whose opening quote has been read.</summary>
    private void SkipStringRest()
    {
        while (true)
        {
            // A backslash as the last byte leaves the position past the end: broken JSON, which the exact path names.
            var end = _position < _json.Length ? _json[_position..].IndexOfAny(StringEnd) : -1;
            if (end < 0)
            {
                throw DynamoJson.Decline();
            }

            _position += end + 1;
            if (_json[_position - 1] == (byte)'"')
            {
                return;
            }

            // A backslash: the byte after it is escaped, whatever it is.
            _position++;
        }
    }

    private void Expect(byte expected)
    {
        // DynamoDB writes no whitespace: the byte is nearly always right here.
        if ((uint)_position < (uint)_json.Length && _json[_position] == expected)
        {
            _position++;
            return;
        }

        SkipWhitespace();
        if (_position >= _json.Length || _json[_position] != expected)
        {
            throw DynamoJson.Decline();
        }

        _position++;
    }

    private void SkipWhitespace()
    {
        while (_position < _json.Length && _json[_position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            _position++;
        }
    }

    private static T ParseNumber<T>(ReadOnlySpan<byte> text)
        where T : INumberBase<T> =>
        DynamoValue.TryParseNumber<T>(text, out var number) ? number : throw DynamoJson.Decline();

    private static ReadOnlySpan<char> Widen(ReadOnlySpan<byte> text, Span<char> chars)
    {
        if (text.Length > chars.Length || !Ascii.IsValid(text))
        {
            throw DynamoJson.Decline();
        }

        Ascii.ToUtf16(text, chars, out var written);
        return chars[..written];
    }

    private static byte[] DecodeBase64(ReadOnlySpan<byte> text)
    {
        if (text.Length % 4 != 0)
        {
            throw DynamoJson.Decline();
        }

        var padding = text.EndsWith("=="u8) ? 2 : text.EndsWith("="u8) ? 1 : 0;
        var bytes = new byte[(text.Length / 4 * 3) - padding];
        if (Base64.DecodeFromUtf8(text, bytes, out var consumed, out var written) != OperationStatus.Done || consumed != text.Length || written != bytes.Length)
        {
            throw DynamoJson.Decline();
        }

        return bytes;
    }
}
