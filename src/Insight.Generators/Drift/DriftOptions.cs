using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Generators.Drift;

/// <summary>
/// The drift rules' .editorconfig options. Severity is the standard <c>dotnet_diagnostic.INS1xx.severity</c>; these
/// keys list values a team has decided are not drift (a shared tooling account, the region CloudFront certificates
/// must live in). Lists are separated by commas, semicolons or spaces.
/// </summary>
internal static class DriftOptions
{
    /// <summary>Account ids INS100 accepts, such as the organization's central deployment or monitoring account.</summary>
    public const string AllowedAccountIds = "insight_drift.allowed_account_ids";

    /// <summary>Regions INS101 accepts, such as us-east-1 for resources AWS only offers there.</summary>
    public const string AllowedRegions = "insight_drift.allowed_regions";

    /// <summary>
    /// Whether <paramref name="value"/> is listed under <paramref name="key"/> for the file, or globally. Read only
    /// when a rule is about to report, so files without findings never parse the option.
    /// </summary>
    public static bool Lists(AnalyzerOptions options, SyntaxTree tree, string key, string value)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        if (!provider.GetOptions(tree).TryGetValue(key, out var list) && !provider.GlobalOptions.TryGetValue(key, out list))
        {
            return false;
        }

        var start = 0;
        while (start < list.Length)
        {
            var end = list.IndexOfAny(Separators, start);
            if (end < 0)
            {
                end = list.Length;
            }

            if (end - start == value.Length && string.CompareOrdinal(list, start, value, 0, value.Length) == 0)
            {
                return true;
            }

            start = end + 1;
        }

        return false;
    }

    private static readonly char[] Separators = [',', ';', ' ', '\t'];
}

/// <summary>Short source excerpts for diagnostic messages, so a message names the offending code without quoting a page of it.</summary>
internal static class Excerpt
{
    private const int MaxLength = 80;

    public static string Of(SyntaxNode node) => Of(node.ToString());

    public static string Of(string text)
    {
        var singleLine = text.IndexOfAny(LineBreaks) >= 0 ? CollapseLines(text) : text;
        return singleLine.Length <= MaxLength ? singleLine : singleLine.Substring(0, MaxLength - 1) + "…";
    }

    private static string CollapseLines(string text)
    {
        var parts = text.Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Trim();
        }

        return string.Join(" ", parts);
    }

    private static readonly char[] LineBreaks = ['\r', '\n'];
}
