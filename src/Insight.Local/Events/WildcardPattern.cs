namespace Insight.Local.Events;

/// <summary>
/// A <c>wildcard</c> value: <c>*</c> matches any run of characters (none included), <c>\*</c> a literal
/// asterisk and <c>\\</c> a literal backslash; two <c>*</c> in a row and any other escape are refused.
/// </summary>
internal sealed class WildcardPattern
{
    private readonly string _literals;
    private readonly bool[] _isStar;

    private WildcardPattern(string literals, bool[] isStar)
    {
        _literals = literals;
        _isStar = isStar;
    }

    /// <summary>Parses the value; returns the reason it is refused, or null with the pattern.</summary>
    public static string? TryParse(string value, out WildcardPattern? pattern)
    {
        pattern = null;
        var literals = new System.Text.StringBuilder(value.Length);
        var stars = new List<bool>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '*')
            {
                if (i + 1 < value.Length && value[i + 1] == '*')
                {
                    return $"consecutive '*' at position {i} are not allowed";
                }

                literals.Append('*');
                stars.Add(true);
            }
            else if (c == '\\')
            {
                if (i + 1 >= value.Length || value[i + 1] is not ('*' or '\\'))
                {
                    return $"invalid escape at position {i}: only \\* and \\\\ are allowed";
                }

                literals.Append(value[++i]);
                stars.Add(false);
            }
            else
            {
                literals.Append(c);
                stars.Add(false);
            }
        }

        pattern = new WildcardPattern(literals.ToString(), [.. stars]);
        return null;
    }

    public bool Matches(string text)
    {
        // Greedy matching with backtracking to the last star: linear in practice, no regex engine needed.
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < _isStar.Length && !_isStar[p] && _literals[p] == text[t])
            {
                p++;
                t++;
            }
            else if (p < _isStar.Length && _isStar[p])
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < _isStar.Length && _isStar[p])
        {
            p++;
        }

        return p == _isStar.Length;
    }
}
