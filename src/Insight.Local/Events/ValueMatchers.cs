using System.Text.Json;

namespace Insight.Local.Events;

/// <summary>One match value of a pattern field, tested against one leaf value of the event.</summary>
internal abstract class ValueMatcher
{
    public abstract bool Matches(JsonElement leaf);
}

/// <summary><c>{"exists": true|false}</c>: decided by the field test from whether the field has any leaf value.</summary>
internal sealed class ExistsMatcher(bool shouldExist) : ValueMatcher
{
    public bool ShouldExist { get; } = shouldExist;

    public override bool Matches(JsonElement leaf) => ShouldExist;
}

/// <summary>An exact string; a pattern string that is an IP address also matches other spellings of that address.</summary>
internal sealed class ExactStringMatcher(string value) : ValueMatcher
{
    private readonly byte[]? _address = IpAddressRange.TryParseAddress(value);

    public override bool Matches(JsonElement leaf)
    {
        if (leaf.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = leaf.GetString()!;
        return string.Equals(text, value, StringComparison.Ordinal)
            || (_address is not null && IpAddressRange.TryParseAddress(text) is { } other && other.AsSpan().SequenceEqual(_address));
    }
}

/// <summary>An exact number: compared numerically (300 matches 3.0e2) when both sides are exact doubles, else by text.</summary>
internal sealed class ExactNumberMatcher(string text) : ValueMatcher
{
    private readonly double? _value = PatternNumber.TryGetExact(text);

    public override bool Matches(JsonElement leaf)
    {
        if (leaf.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        var leafText = leaf.GetRawText();
        return _value is { } expected && PatternNumber.TryGetExact(leafText) is { } actual
            ? expected == actual
            : string.Equals(leafText, text, StringComparison.Ordinal);
    }
}

/// <summary><c>true</c>, <c>false</c> or <c>null</c> in the pattern: matches only that JSON literal (never a string).</summary>
internal sealed class ExactLiteralMatcher(JsonValueKind kind) : ValueMatcher
{
    public override bool Matches(JsonElement leaf) => leaf.ValueKind == kind;
}

/// <summary>A test on string values only: prefix, suffix, equals-ignore-case or wildcard.</summary>
internal abstract class StringMatcher : ValueMatcher
{
    public sealed override bool Matches(JsonElement leaf) =>
        leaf.ValueKind == JsonValueKind.String && MatchesText(leaf.GetString()!);

    public abstract bool MatchesText(string text);
}

internal sealed class PrefixMatcher(string prefix, bool ignoreCase) : StringMatcher
{
    public override bool MatchesText(string text) =>
        text.StartsWith(prefix, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

internal sealed class SuffixMatcher(string suffix, bool ignoreCase) : StringMatcher
{
    public override bool MatchesText(string text) =>
        text.EndsWith(suffix, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

internal sealed class EqualsIgnoreCaseMatcher(string value) : StringMatcher
{
    public override bool MatchesText(string text) => string.Equals(text, value, StringComparison.OrdinalIgnoreCase);
}

internal sealed class WildcardMatcher(WildcardPattern pattern) : StringMatcher
{
    public override bool MatchesText(string text) => pattern.Matches(text);
}

/// <summary><c>{"cidr": "10.0.0.0/24"}</c>: string values that are IP addresses inside the block.</summary>
internal sealed class CidrMatcher(IpAddressRange range) : StringMatcher
{
    public override bool MatchesText(string text) => range.Contains(text);
}

/// <summary><c>{"numeric": [...]}</c>: JSON numbers within the bounds (an exact double on both sides).</summary>
internal sealed class NumericMatcher(double lower, bool lowerInclusive, double upper, bool upperInclusive) : ValueMatcher
{
    public override bool Matches(JsonElement leaf)
    {
        if (leaf.ValueKind != JsonValueKind.Number || PatternNumber.TryGetExact(leaf.GetRawText()) is not { } value)
        {
            return false;
        }

        var aboveLower = lowerInclusive ? value >= lower : value > lower;
        var belowUpper = upperInclusive ? value <= upper : value < upper;
        return aboveLower && belowUpper;
    }
}

/// <summary>
/// <c>{"anything-but": value or list}</c>: any value that is not one of the strings (or numbers) listed; values of
/// another type always match.
/// </summary>
internal sealed class AnythingButValuesMatcher(IReadOnlySet<string> strings, IReadOnlyList<double> numbers) : ValueMatcher
{
    public override bool Matches(JsonElement leaf) => leaf.ValueKind switch
    {
        JsonValueKind.String => !strings.Contains(leaf.GetString()!),
        JsonValueKind.Number => PatternNumber.TryGetExact(leaf.GetRawText()) is not { } value || !numbers.Contains(value),
        _ => true,
    };
}

/// <summary>
/// <c>{"anything-but": {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": ...}}</c>: strings none of the tests
/// match; values that are not strings match.
/// </summary>
internal sealed class AnythingButStringsMatcher(IReadOnlyList<StringMatcher> excluded) : ValueMatcher
{
    public override bool Matches(JsonElement leaf)
    {
        if (leaf.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        var text = leaf.GetString()!;
        foreach (var matcher in excluded)
        {
            if (matcher.MatchesText(text))
            {
                return false;
            }
        }

        return true;
    }
}
