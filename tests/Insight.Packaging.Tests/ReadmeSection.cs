using System.Text.RegularExpressions;

namespace Insight.Packaging.Tests;

/// <summary>The commands of a README section, taken from between its markers, so a test runs exactly what the README says.</summary>
public static partial class ReadmeSection
{
    /// <summary>The bash block between <c>&lt;!-- name:begin --&gt;</c> and <c>&lt;!-- name:end --&gt;</c> in <paramref name="readme"/>.</summary>
    public static string Commands(string readme, string name)
    {
        var text = File.ReadAllText(readme);
        var begin = $"<!-- {name}:begin -->";
        var end = $"<!-- {name}:end -->";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"{readme} has no section between {begin} and {end}.");
        var block = BashBlock().Match(text[(from + begin.Length)..to]);
        Assert.True(block.Success, $"The section {name} of {readme} holds no ```bash block.");
        return block.Groups[1].Value;
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
