using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Data;

/// <summary>
/// Conversions between .NET values and DynamoDB attribute values, in the format DynamoDBContext (AWS SDK v4, its
/// default conversion) uses — so items written here read there, and back: numbers as N, bool as N 1/0, enums as
/// their number, DateTime as ISO-8601 UTC with milliseconds, scalar collections as sets, empty collections left out.
/// Generated mappers call these; the formats live in this one place.
/// </summary>
public static class DynamoValue
{
    internal const string DateTimeFormat = "yyyy-MM-dd\\THH:mm:ss.fff\\Z";
    internal const string DateTimeOffsetFormat = "yyyy-MM-dd\\THH:mm:ss.fffffff\\Z";

    // Strings ---------------------------------------------------------------------------------------------

    /// <summary>S, or <c>null</c> (left out) for a null string.</summary>
    public static AttributeValue? FromString(string? value) => value is null ? null : new AttributeValue { S = value };

    /// <summary>Reads S.</summary>
    public static string ToString(AttributeValue value, DynamoReadContext context) =>
        value.S ?? throw context.Fail($"must be a string (S) but is {Kind(value)}");

    /// <summary>S of one character.</summary>
    public static AttributeValue FromChar(char value) => new() { S = value.ToString() };

    /// <summary>Reads a one-character S.</summary>
    public static char ToChar(AttributeValue value, DynamoReadContext context) =>
        value.S is { Length: 1 } s ? s[0] : throw context.Fail($"must be a one-character string but is {Describe(value)}");

    // Numbers ---------------------------------------------------------------------------------------------

    /// <summary>N, formatted invariantly.</summary>
    public static AttributeValue FromNumber<T>(T value)
        where T : INumber<T> => new() { N = value.ToString(null, CultureInfo.InvariantCulture) };

    /// <summary>Reads N.</summary>
    public static T ToNumber<T>(AttributeValue value, DynamoReadContext context)
        where T : INumber<T>
    {
        if (value.N is null)
        {
            throw context.Fail($"must be a number (N) but is {Kind(value)}");
        }

        return TryParseNumber<T>(value.N, out var number)
            ? number
            : throw context.Fail($"holds {value.N}, which is not a valid {typeof(T).Name}");
    }

    /// <summary>
    /// Parses N as DynamoDBContext does (<see cref="NumberStyles.Float"/>). An integer type tries the integer parser first:
    /// it accepts a subset of what Float does, with the same result, at a tenth of the cost; "4.2E1" still parses.
    /// </summary>
    internal static bool TryParseNumber<T>(ReadOnlySpan<char> text, [MaybeNullWhen(false)] out T number)
        where T : INumberBase<T> =>
        TryParsePlainInteger(text, out number)
        || (IsInteger<T>() && T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        || T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    /// <summary><see cref="TryParseNumber{T}(ReadOnlySpan{char}, out T)"/> for UTF-8 text.</summary>
    internal static bool TryParseNumber<T>(ReadOnlySpan<byte> utf8, [MaybeNullWhen(false)] out T number)
        where T : INumberBase<T> =>
        TryParsePlainInteger(utf8, out number)
        || (IsInteger<T>() && T.TryParse(utf8, NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        || T.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    /// <summary>
    /// An int or long written as up to 18 digits with an optional minus, as nearly every stored one is, read digit by
    /// digit at a fraction of the general parser's cost. The general parse accepts all of these with the same result;
    /// anything else (a sign, spaces, an exponent, a value out of range) is left to it.
    /// </summary>
    private static bool TryParsePlainInteger<T, TChar>(ReadOnlySpan<TChar> text, [MaybeNullWhen(false)] out T number)
        where T : INumberBase<T>
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        number = default;
        if (typeof(T) != typeof(int) && typeof(T) != typeof(long))
        {
            return false;
        }

        var negative = !text.IsEmpty && text[0] == TChar.CreateTruncating('-');
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.Length > 18)
        {
            return false;
        }

        var value = 0L;
        foreach (var c in digits)
        {
            var digit = int.CreateTruncating(c) - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        value = negative ? -value : value;
        if (typeof(T) == typeof(int) && value is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        number = T.CreateTruncating(value);
        return true;
    }

    // Constant for each T once compiled, so the check costs nothing.
    private static bool IsInteger<T>() =>
        typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short) || typeof(T) == typeof(sbyte)
        || typeof(T) == typeof(uint) || typeof(T) == typeof(ulong) || typeof(T) == typeof(ushort) || typeof(T) == typeof(byte)
        || typeof(T) == typeof(Int128) || typeof(T) == typeof(UInt128) || typeof(T) == typeof(nint) || typeof(T) == typeof(nuint);

    /// <summary>N 1 or 0, as DynamoDBContext stores bool.</summary>
    public static AttributeValue FromBoolean(bool value) => new() { N = value ? "1" : "0" };

    /// <summary>Reads N 1/0 (or BOOL, which other writers use).</summary>
    public static bool ToBoolean(AttributeValue value, DynamoReadContext context) => value switch
    {
        { N: "1" } => true,
        { N: "0" } => false,
        { BOOL: { } b } => b,
        _ => throw context.Fail($"must be a boolean (N 1 or 0) but is {Describe(value)}"),
    };

    // Identifiers and time --------------------------------------------------------------------------------

    /// <summary>S in the 8-4-4-4-12 form.</summary>
    public static AttributeValue FromGuid(Guid value) => new() { S = value.ToString("D") };

    /// <summary>Reads a GUID from S.</summary>
    public static Guid ToGuid(AttributeValue value, DynamoReadContext context)
    {
        // The stored 8-4-4-4-12 form first: the general parser tries every form in turn.
        var text = ToString(value, context);
        return Guid.TryParseExact(text, "D", out var guid) || Guid.TryParse(text, out guid)
            ? guid
            : throw context.Fail($"holds {Describe(value)}, which is not a GUID");
    }

    /// <summary>S, ISO-8601 in UTC with milliseconds (DynamoDBContext's format; it sorts as time does).</summary>
    public static AttributeValue FromDateTime(DateTime value) =>
        new() { S = DynamoTime.ToString(value.ToUniversalTime(), DynamoTime.Milliseconds) };

    /// <summary>Reads a UTC DateTime from S.</summary>
    public static DateTime ToDateTime(AttributeValue value, DynamoReadContext context)
    {
        var text = ToString(value, context);
        return DynamoTime.TryParse(text.AsSpan(), DynamoTime.Milliseconds, out var time)
            || DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time)
            ? time
            : throw context.Fail($"holds {Describe(value)}, which is not an ISO-8601 time");
    }

    /// <summary>
    /// S, ISO-8601 in UTC with full precision: one fixed width, so sort keys order by instant whatever the offset was.
    /// The offset itself is not kept; the instant is.
    /// </summary>
    public static AttributeValue FromDateTimeOffset(DateTimeOffset value) =>
        new() { S = DynamoTime.ToString(value.UtcDateTime, DynamoTime.Ticks) };

    /// <summary>Reads a DateTimeOffset (offset zero) from S.</summary>
    public static DateTimeOffset ToDateTimeOffset(AttributeValue value, DynamoReadContext context)
    {
        var text = ToString(value, context);
        if (DynamoTime.TryParse(text.AsSpan(), DynamoTime.Ticks, out var utc))
        {
            return new DateTimeOffset(utc);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw context.Fail($"holds {Describe(value)}, which is not an ISO-8601 time");
    }

    /// <summary>N of ticks: exact, and sorts as durations do.</summary>
    public static AttributeValue FromTimeSpan(TimeSpan value) => FromNumber(value.Ticks);

    /// <summary>Reads a TimeSpan from N ticks.</summary>
    public static TimeSpan ToTimeSpan(AttributeValue value, DynamoReadContext context) => TimeSpan.FromTicks(ToNumber<long>(value, context));

    /// <summary>N of Unix epoch seconds, the form DynamoDB's time to live reads.</summary>
    public static AttributeValue FromEpochSeconds(DateTimeOffset value) => FromNumber(value.ToUnixTimeSeconds());

    /// <summary>Reads Unix epoch seconds.</summary>
    public static DateTimeOffset ToEpochSeconds(AttributeValue value, DynamoReadContext context) =>
        DateTimeOffset.FromUnixTimeSeconds(ToNumber<long>(value, context));

    // Binary ----------------------------------------------------------------------------------------------

    /// <summary>B, or left out for null.</summary>
    public static AttributeValue? FromBytes(byte[]? value) => value is null ? null : new AttributeValue { B = new MemoryStream(value, writable: false) };

    /// <summary>Reads B.</summary>
    public static byte[] ToBytes(AttributeValue value, DynamoReadContext context) =>
        value.B is { } stream ? stream.ToArray() : throw context.Fail($"must be binary (B) but is {Kind(value)}");

    // Collections -----------------------------------------------------------------------------------------

    /// <summary>SS; null or empty is left out (DynamoDB has no empty set).</summary>
    public static AttributeValue? FromStringSet(IEnumerable<string>? values)
    {
        var list = values is null ? null : new List<string>(values);
        return list is { Count: > 0 } ? new AttributeValue { SS = list } : null;
    }

    /// <summary>Reads SS (or a list of S).</summary>
    public static List<string> ToStringList(AttributeValue value, DynamoReadContext context)
    {
        if (value.SS is { Count: > 0 } set)
        {
            return set;
        }

        if (value.L is not { } list)
        {
            throw context.Fail($"must be a string set (SS) but is {Kind(value)}");
        }

        var result = new List<string>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            result.Add(ToString(list[i], context.At(i)));
        }

        return result;
    }

    /// <summary>NS; null or empty is left out.</summary>
    public static AttributeValue? FromNumberSet<T>(IEnumerable<T>? values)
        where T : INumber<T>
    {
        if (values is null)
        {
            return null;
        }

        using var enumerator = values.GetEnumerator();
        return NumberSet<T, IEnumerator<T>>(values.TryGetNonEnumeratedCount(out var count) ? count : 0, enumerator);
    }

    /// <summary>NS of a list (enumerated without boxing its enumerator); null or empty is left out.</summary>
    public static AttributeValue? FromNumberSet<T>(List<T>? values)
        where T : INumber<T> => values is null ? null : NumberSet<T, List<T>.Enumerator>(values.Count, values.GetEnumerator());

    /// <summary>NS of a set (enumerated without boxing its enumerator); null or empty is left out.</summary>
    public static AttributeValue? FromNumberSet<T>(HashSet<T>? values)
        where T : INumber<T> => values is null ? null : NumberSet<T, HashSet<T>.Enumerator>(values.Count, values.GetEnumerator());

    /// <summary>Reads NS (or a list of N).</summary>
    public static List<T> ToNumberList<T>(AttributeValue value, DynamoReadContext context)
        where T : INumber<T>
    {
        if (value.NS is { Count: > 0 } set)
        {
            var numbers = new List<T>(set.Count);
            for (var i = 0; i < set.Count; i++)
            {
                // The element's context (its path text) is made only when the element does not parse.
                numbers.Add(TryParseNumber<T>(set[i], out var number)
                    ? number
                    : throw context.At(i).Fail($"holds {set[i]}, which is not a valid {typeof(T).Name}"));
            }

            return numbers;
        }

        if (value.L is not { } list)
        {
            throw context.Fail($"must be a number set (NS) but is {Kind(value)}");
        }

        var result = new List<T>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            result.Add(ToNumber<T>(list[i], context.At(i)));
        }

        return result;
    }

    /// <summary>BS; null or empty is left out.</summary>
    public static AttributeValue? FromBinarySet(IEnumerable<byte[]>? values)
    {
        if (values is null)
        {
            return null;
        }

        var list = new List<MemoryStream>();
        foreach (var value in values)
        {
            list.Add(new MemoryStream(value, writable: false));
        }

        return list.Count == 0 ? null : new AttributeValue { BS = list };
    }

    /// <summary>Reads BS.</summary>
    public static List<byte[]> ToBinaryList(AttributeValue value, DynamoReadContext context) =>
        value.BS is { Count: > 0 } set ? [.. set.Select(s => s.ToArray())] : throw context.Fail($"must be a binary set (BS) but is {Kind(value)}");

    /// <summary>L of converted elements; null or empty is left out.</summary>
    public static AttributeValue? FromList<T>(IEnumerable<T>? values, Func<T, AttributeValue?> convert)
    {
        if (values is null)
        {
            return null;
        }

        var list = values.TryGetNonEnumeratedCount(out var count) ? new List<AttributeValue>(count) : [];
        foreach (var value in values)
        {
            list.Add(convert(value) ?? new AttributeValue { NULL = true });
        }

        return list.Count == 0 ? null : new AttributeValue { L = list };
    }

    /// <summary>Reads L.</summary>
    public static List<T> ToList<T>(AttributeValue value, DynamoReadContext context, Func<AttributeValue, DynamoReadContext, T> convert)
    {
        if (value.L is null)
        {
            throw context.Fail($"must be a list (L) but is {Kind(value)}");
        }

        var result = new List<T>(value.L.Count);
        for (var i = 0; i < value.L.Count; i++)
        {
            result.Add(convert(value.L[i], context.At(i)));
        }

        return result;
    }

    /// <summary>M of converted values; null or empty is left out.</summary>
    public static AttributeValue? FromMap<T>(IEnumerable<KeyValuePair<string, T>>? values, Func<T, AttributeValue?> convert)
    {
        if (values is null)
        {
            return null;
        }

        using var enumerator = values.GetEnumerator();
        return Map(values.TryGetNonEnumeratedCount(out var count) ? count : 0, enumerator, convert);
    }

    /// <summary>M of a dictionary's converted values (enumerated without boxing its enumerator); null or empty is left out.</summary>
    public static AttributeValue? FromMap<T>(Dictionary<string, T>? values, Func<T, AttributeValue?> convert) =>
        values is null ? null : Map(values.Count, values.GetEnumerator(), convert);

    /// <summary>Reads M.</summary>
    public static Dictionary<string, T> ToMap<T>(AttributeValue value, DynamoReadContext context, Func<AttributeValue, DynamoReadContext, T> convert)
    {
        if (value.M is null)
        {
            throw context.Fail($"must be a map (M) but is {Kind(value)}");
        }

        var result = new Dictionary<string, T>(value.M.Count, StringComparer.Ordinal);
        foreach (var (key, item) in value.M)
        {
            result[key] = convert(item, context.At(key));
        }

        return result;
    }

    /// <summary>M of a nested object's attributes.</summary>
    public static AttributeValue FromObject(Dictionary<string, AttributeValue> attributes) => new() { M = attributes };

    /// <summary>The attributes of a nested object.</summary>
    public static Dictionary<string, AttributeValue> ToObject(AttributeValue value, DynamoReadContext context) =>
        value.M ?? throw context.Fail($"must be a map (M) but is {Kind(value)}");

    /// <summary>Reads through a converter of the user's, naming the attribute when the value does not fit.</summary>
    public static T FromConverter<T>(IDynamoConverter<T> converter, AttributeValue value, DynamoReadContext context)
    {
        try
        {
            return converter.FromAttributeValue(value);
        }
        catch (FormatException exception)
        {
            throw context.Fail($"could not be converted by {converter.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>The text of a key value, for composite keys such as <c>DEVICE#{DeviceId}</c>.</summary>
    public static string KeyText(AttributeValue? value) =>
        value?.S ?? value?.N ?? throw new ArgumentException("A key part has no value.");

    // A concrete collection's struct enumerator passed as TEnumerator is called directly, not boxed behind IEnumerator<T>.
    private static AttributeValue? NumberSet<T, TEnumerator>(int count, TEnumerator values)
        where T : INumber<T>
        where TEnumerator : IEnumerator<T>
    {
        var list = new List<string>(count);
        while (values.MoveNext())
        {
            list.Add(values.Current.ToString(null, CultureInfo.InvariantCulture));
        }

        return list.Count == 0 ? null : new AttributeValue { NS = list };
    }

    private static AttributeValue? Map<T, TEnumerator>(int count, TEnumerator values, Func<T, AttributeValue?> convert)
        where TEnumerator : IEnumerator<KeyValuePair<string, T>>
    {
        var map = new Dictionary<string, AttributeValue>(count, StringComparer.Ordinal);
        while (values.MoveNext())
        {
            var (key, item) = values.Current;
            map[key] = convert(item) ?? new AttributeValue { NULL = true };
        }

        return map.Count == 0 ? null : new AttributeValue { M = map };
    }

    // Items -----------------------------------------------------------------------------------------------

    /// <summary>Adds an attribute unless its value is left out.</summary>
    public static void Add(Dictionary<string, AttributeValue> item, string name, AttributeValue? value)
    {
        if (value is not null)
        {
            item[name] = value;
        }
    }

    /// <summary>The attribute <paramref name="name"/>, which must be present.</summary>
    public static AttributeValue Required(IReadOnlyDictionary<string, AttributeValue> item, string name, DynamoReadContext context) =>
        item.TryGetValue(name, out var value) && value.NULL != true ? value : throw context.At(name).Fail("is missing");

    /// <summary>The attribute <paramref name="name"/>, or <c>null</c> when absent or NULL.</summary>
    public static AttributeValue? Optional(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.NULL != true ? value : null;

    /// <summary>A short description of a value, for messages.</summary>
    public static string Describe(AttributeValue value) => value switch
    {
        { S: { } s } => $"\"{(s.Length > 40 ? s[..40] + "…" : s)}\"",
        { N: { } n } => n,
        _ => Kind(value),
    };

    /// <summary>The DynamoDB type of a value.</summary>
    public static string Kind(AttributeValue value) => value switch
    {
        { S: not null } => "a string (S)",
        { N: not null } => "a number (N)",
        { B: not null } => "binary (B)",
        { BOOL: not null } => "a boolean (BOOL)",
        { NULL: true } => "NULL",
        { SS.Count: > 0 } => "a string set (SS)",
        { NS.Count: > 0 } => "a number set (NS)",
        { BS.Count: > 0 } => "a binary set (BS)",
        { L: not null } => "a list (L)",
        { M: not null } => "a map (M)",
        _ => "empty",
    };
}
