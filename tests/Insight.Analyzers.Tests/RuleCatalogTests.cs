using System.Collections.Immutable;
using Insight.Analyzers.Tests.Infrastructure;
using Insight.CodeFixes;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Analyzers.Tests;

/// <summary>What holds for every drift rule: its page, its release entry, its id range, where it runs and where not.</summary>
public sealed class RuleCatalogTests
{
    private static readonly DiagnosticAnalyzer[] Analyzers = DriftAnalyzers.All();

    private static readonly CodeFixProvider[] Fixes =
    [
        new TenantValueCodeFixProvider(),
        new InjectClientCodeFixProvider(),
        new OnDemandBillingCodeFixProvider(),
    ];

    private static ImmutableArray<DiagnosticDescriptor> Descriptors => [.. Analyzers.SelectMany(a => a.SupportedDiagnostics)];

    /// <summary>Every rule the SDK reports, usage and drift: the whole catalogue, as its analyzers declare it.</summary>
    private static ImmutableArray<DiagnosticDescriptor> Catalogue =>
    [
        .. Analyzers.Append(new Insight.Generators.Diagnostics.HandlerUsageAnalyzer()).Append(new Insight.Generators.Diagnostics.DynamoEntityAnalyzer())
            .SelectMany(a => a.SupportedDiagnostics)
            .DistinctBy(d => d.Id),
    ];

    /// <summary>Pages under docs/rules that describe no single rule.</summary>
    private static readonly string[] PagesWithoutARule = ["corpus.md"];

    /// <summary>The build's InsightRulesHelpBaseUrl (Directory.Build.props), which this project records as assembly metadata.</summary>
    private static string HelpBaseUrl =>
        typeof(RuleCatalogTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "InsightRulesHelpBaseUrl").Value!;

    [Fact]
    public void The_rules_are_INS100_to_INS111_each_once()
    {
        Assert.Equal(Enumerable.Range(100, 12).Select(n => $"INS{n}"), Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_rule_has_a_help_page_a_release_entry_and_its_category()
    {
        var root = DotnetBuild.RepositoryRoot;
        var releases = File.ReadAllLines(Path.Combine(root, "src", "Insight.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Descriptors)
        {
            var page = Path.Combine(root, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{page} is missing");
            Assert.StartsWith($"# {descriptor.Id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);
            Assert.Contains($"{descriptor.Id} | Insight.Drift | {descriptor.DefaultSeverity} | {descriptor.Title}", releases);
            Assert.Equal("Insight.Drift", descriptor.Category);
            Assert.True(descriptor.IsEnabledByDefault);
        }
    }

    [Fact]
    public void Every_help_link_is_an_absolute_URL_under_the_configured_base_that_ends_at_the_rules_page()
    {
        var baseUrl = HelpBaseUrl;
        Assert.True(Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps, $"'{baseUrl}' is not an absolute https URL");
        Assert.EndsWith("/", baseUrl, StringComparison.Ordinal);

        var catalogue = Catalogue;
        Assert.Contains(catalogue, d => d.Id == "INS001");
        Assert.Contains(catalogue, d => d.Id == "INS111");
        var rulesFolder = Path.Combine(DotnetBuild.RepositoryRoot, "docs", "rules");
        foreach (var descriptor in catalogue)
        {
            Assert.StartsWith(baseUrl, descriptor.HelpLinkUri, StringComparison.Ordinal);
            var page = descriptor.HelpLinkUri[baseUrl.Length..];
            Assert.Equal($"{descriptor.Id}.md", page);
            Assert.True(File.Exists(Path.Combine(rulesFolder, page)), $"{descriptor.Id}'s help link {descriptor.HelpLinkUri} ends at docs/rules/{page}, which does not exist");
        }

        // And the other way: no page under docs/rules describes a rule that no longer exists.
        var ids = catalogue.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var page in Directory.EnumerateFiles(rulesFolder).Select(Path.GetFileName))
        {
            if (!PagesWithoutARule.Contains(page))
            {
                Assert.True(page!.EndsWith(".md", StringComparison.Ordinal) && ids.Contains(page[..^3]), $"docs/rules/{page} describes no rule of the catalogue");
            }
        }
    }

    [Fact]
    public void Usage_rules_are_errors_of_their_own_category_with_a_release_entry()
    {
        var releases = File.ReadAllLines(Path.Combine(DotnetBuild.RepositoryRoot, "src", "Insight.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Catalogue.Where(d => d.Id.StartsWith("INS0", StringComparison.Ordinal)))
        {
            Assert.Equal("Insight.Usage", descriptor.Category);
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.Contains($"{descriptor.Id} | Insight.Usage | Error | {descriptor.Title}", releases);
        }
    }

    [Fact]
    public void The_identity_rules_are_one_analyzer_each()
    {
        // INS100–INS102 were one analyzer of three rules; each is now its own, so it can be configured and profiled alone.
        Assert.All(Analyzers.Take(3), a => Assert.Single(a.SupportedDiagnostics));
    }

    [Fact]
    public void Payload_tenant_ids_are_errors_and_everything_else_warns()
    {
        Assert.All(Descriptors, d => Assert.Equal(d.Id == DriftRuleIds.PayloadTenantId ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, d.DefaultSeverity));
    }

    [Fact]
    public void At_least_four_rules_have_fixes_and_every_fix_supports_fix_all()
    {
        var fixable = Fixes.SelectMany(f => f.FixableDiagnosticIds).Distinct().ToList();
        Assert.True(fixable.Count >= 4, string.Join(", ", fixable));
        Assert.All(fixable, id => Assert.Contains(id, Descriptors.Select(d => d.Id)));
        Assert.All(Fixes, f => Assert.NotNull(f.GetFixAllProvider()));
    }

    [Fact]
    public async Task Test_projects_and_projects_without_the_SDK_or_CDK_are_not_analyzed()
    {
        const string drifting = """
            public static class Fixture
            {
                public static string Role() => "arn:aws:iam::123456789012:role/test";
                public static object Client() => new Amazon.DynamoDBv2.AmazonDynamoDBClient();
            }
            """;

        // A test project (it references xunit.core) pins accounts on purpose.
        var testProject = DriftVerifier.References(TestProject.Service).Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));
        Assert.Empty(await AnalyzeAsync(drifting, testProject));

        // A library that references neither Insight.Sdk nor Amazon.CDK.Lib is none of these rules' business.
        var plainLibrary = DriftVerifier.References(TestProject.Service).RemoveAll(r => r.Display?.EndsWith("Insight.Sdk.dll", StringComparison.Ordinal) == true);
        Assert.Empty(await AnalyzeAsync(drifting, plainLibrary));

        // The same code in a service is reported, so the two checks above are not vacuous.
        Assert.NotEmpty(await AnalyzeAsync(drifting, DriftVerifier.References(TestProject.Service)));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source, ImmutableArray<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create("Fixture", [CSharpSyntaxTree.ParseText(source)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return await compilation.WithAnalyzers([.. Analyzers]).GetAnalyzerDiagnosticsAsync();
    }
}
