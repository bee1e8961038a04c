using System.Numerics;

namespace Insight.Sdk.Data;

/// <summary>
/// The two fixed ISO-8601 UTC shapes times are stored in (<see cref="DynamoValue.DateTimeFormat"/>, three fraction
/// digits, and <see cref="DynamoValue.DateTimeOffsetFormat"/>, seven), written and read digit by digit in UTF-16 or UTF-8.
/// DateTime's custom-format machinery costs about ten times as much for this one shape; the results are the same
/// (fractions truncated as "fff" truncates), and text in any other shape is left to the general parsers.
/// </summary>
internal static class DynamoTime
{
    /// <summary>Fraction digits of a DateTime: milliseconds, as DynamoDBContext stores them.</summary>
    public const int Milliseconds = 3;

    /// <summary>Fraction digits of a DateTimeOffset: ticks, so the instant is kept exactly.</summary>
    public const int Ticks = 7;

    /// <summary>The length of the text: "yyyy-MM-ddTHH:mm:ss." (20), the fraction and "Z".</summary>
    public static int Length(int fractionDigits) => 21 + fractionDigits;

    /// <summary>Writes <paramref name="utc"/> into <paramref name="text"/> (at least <see cref="Length"/> long); returns the length.</summary>
    public static int Format<TChar>(DateTime utc, int fractionDigits, Span<TChar> text)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        Digits(text, 0, 4, utc.Year);
        text[4] = TChar.CreateTruncating('-');
        Digits(text, 5, 2, utc.Month);
        text[7] = TChar.CreateTruncating('-');
        Digits(text, 8, 2, utc.Day);
        text[10] = TChar.CreateTruncating('T');
        Digits(text, 11, 2, utc.Hour);
        text[13] = TChar.CreateTruncating(':');
        Digits(text, 14, 2, utc.Minute);
        text[16] = TChar.CreateTruncating(':');
        Digits(text, 17, 2, utc.Second);
        text[19] = TChar.CreateTruncating('.');
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond / Scale(fractionDigits);
        Digits(text, 20, fractionDigits, (int)fraction);
        text[20 + fractionDigits] = TChar.CreateTruncating('Z');
        return Length(fractionDigits);
    }

    /// <summary>The stored text of <paramref name="utc"/>.</summary>
    public static string ToString(DateTime utc, int fractionDigits)
    {
        Span<char> text = stackalloc char[Length(Ticks)];
        return new string(text[..Format(utc, fractionDigits, text)]);
    }

    /// <summary>Reads text of exactly the stored shape as a UTC DateTime; <c>false</c> for anything else.</summary>
    public static bool TryParse<TChar>(ReadOnlySpan<TChar> text, int fractionDigits, out DateTime utc)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        utc = default;
        if (text.Length != Length(fractionDigits)
            || !Is(text[4], '-') || !Is(text[7], '-') || !Is(text[10], 'T') || !Is(text[13], ':') || !Is(text[16], ':')
            || !Is(text[19], '.') || !Is(text[20 + fractionDigits], 'Z')
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second)
            || !TryDigits(text, 20, fractionDigits, out var fraction)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction * Scale(fractionDigits));
        return true;
    }

    private static long Scale(int fractionDigits) => fractionDigits == Milliseconds ? TimeSpan.TicksPerMillisecond : 1;

    private static bool Is<TChar>(TChar c, char expected)
        where TChar : unmanaged, IBinaryInteger<TChar> => c == TChar.CreateTruncating(expected);

    private static void Digits<TChar>(Span<TChar> text, int start, int count, int value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        for (var i = start + count - 1; i >= start; i--)
        {
            text[i] = TChar.CreateTruncating('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool TryDigits<TChar>(ReadOnlySpan<TChar> text, int start, int count, out int value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = int.CreateTruncating(text[i]) - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
