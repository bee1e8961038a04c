using System.Globalization;

namespace Insight.Local.Events;

/// <summary>
/// Numbers as EventBridge compares them: as IEEE-754 doubles, and only when the JSON text is exactly a double
/// (aws/event-ruler refuses <c>0.1000000000000000000001</c> or <c>1e400</c> in a numeric pattern rather than round it).
/// </summary>
internal static class PatternNumber
{
    /// <summary>The double the JSON number text denotes exactly, or null when it has none.</summary>
    public static double? TryGetExact(string jsonNumber)
    {
        if (!double.TryParse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            return null;
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        return Normalize(jsonNumber) == Normalize(shortest) ? value : null;
    }

    /// <summary>Sign, significant digits and exponent, so "3.0e2", "300" and "3E+2" compare equal.</summary>
    private static (bool Negative, string Digits, long Exponent) Normalize(string number)
    {
        var span = number.AsSpan().Trim();
        var negative = span.StartsWith("-");
        if (negative || span.StartsWith("+"))
        {
            span = span[1..];
        }

        long exponent = 0;
        var e = span.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            exponent = long.Parse(span[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            span = span[..e];
        }

        var dot = span.IndexOf('.');
        string digits;
        if (dot >= 0)
        {
            digits = string.Concat(span[..dot], span[(dot + 1)..]);
            exponent += dot;
        }
        else
        {
            digits = span.ToString();
            exponent += span.Length;
        }

        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        exponent -= leading;
        if (digits.Length == 0)
        {
            return (false, string.Empty, 0);
        }

        return (negative, digits, exponent);
    }
}
