namespace Insight.Generators.Diagnostics;

/// <summary>
/// Where a rule's help page is. The base comes from the MSBuild property <c>InsightRulesHelpBaseUrl</c>
/// (Directory.Build.props; by default the repository's <c>docs/rules/</c> folder), written into a constant at build
/// time by RuleHelp.targets, so the IDE opens an absolute URL and nothing is read at analysis time.
/// </summary>
internal static partial class RuleHelp
{
    /// <summary>The absolute URL of the page for rule <paramref name="id"/>: the base, the id, <c>.md</c>.</summary>
    public static string Link(string id) => BaseUrl + id + ".md";
}
