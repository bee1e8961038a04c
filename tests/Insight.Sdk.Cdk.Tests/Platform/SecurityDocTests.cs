using System.Text.RegularExpressions;
using Insight.Sdk.Cdk.Platform;

namespace Insight.Sdk.Cdk.Tests.Platform;

/// <summary>docs/security.md's lists of service control policies and roles match the synthesized platform, both ways.</summary>
[Collection(SynthCollection.Name)]
public sealed partial class SecurityDocTests(SynthesizedFleet fleet)
{
    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    private static string Document { get; } = File.ReadAllText(Path.Combine(SynthesizedPlatform.InfraProjectDirectory, "..", "..", "docs", "security.md"));

    [Fact]
    public void The_scp_list_names_each_policy_and_statement_of_the_template()
    {
        var documented = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in Section("scps"))
        {
            if (PolicyLine().Match(line) is { Success: true } policy)
            {
                documented[policy.Groups[1].Value] = current = [];
            }
            else if (StatementLine().Match(line) is { Success: true } statement)
            {
                Assert.NotNull(current);
                current.Add(statement.Groups[1].Value);
            }
        }

        var synthesized = Platform.Template.Resources("AWS::Organizations::Policy")
            .Where(p => p.Properties.GetProperty("Type").GetString() == GuardrailPolicies.ServiceControlPolicy)
            .ToDictionary(
                p => p.Properties.GetProperty("Name").GetString()!,
                p => p.Properties.GetProperty("Content").GetProperty("Statement").EnumerateArray().Select(s => s.GetProperty("Sid").GetString()!).ToList());

        Assert.Equal(synthesized.Keys.Order(), documented.Keys.Order());
        foreach (var (policy, statements) in synthesized)
        {
            Assert.Equal(statements.Order(), documented[policy].Order());
        }
    }

    [Fact]
    public void The_role_list_names_each_role_of_the_template()
    {
        var documented = Section("roles").Select(l => PolicyLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        var synthesized = Platform.Template.Resources("AWS::IAM::Role").Select(r => LogicalIdHash().Replace(r.Id, string.Empty)).ToList();

        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(synthesized.Order(), documented.Order());
    }

    [Fact]
    public void The_routes_list_names_each_route_of_the_service_templates_with_its_scopes_or_reason()
    {
        var documented = Section("routes").Select(l => RouteLine().Match(l)).Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value}").Order().ToList();

        var synthesized = new List<string>();
        foreach (var path in fleet.Result.Templates.Where(p => p.EndsWith(".template.json", StringComparison.Ordinal)))
        {
            var service = Path.GetFileName(path).Replace(".template.json", "", StringComparison.Ordinal);
            var template = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)).RootElement;
            var manifest = ServiceManifests.Value.Single(m => m.Service == service);
            foreach (var (_, route) in template.Resources("AWS::ApiGatewayV2::Route"))
            {
                var key = route.GetProperty("RouteKey").GetString()!;
                var access = route.GetProperty("AuthorizationType").GetString() == "NONE"
                    ? "anonymous, " + manifest.Functions.Single(f => f.Route == key).Anonymous
                    : "scopes " + string.Join(", ", route.GetProperty("AuthorizationScopes").EnumerateArray().Select(x => $"`{x.GetString()}`"));
                synthesized.Add($"{service} {key}: {access}");
            }
        }

        Assert.NotEmpty(synthesized);
        Assert.Equal(synthesized.Order(), documented);
    }

    private static readonly Lazy<IReadOnlyList<Insight.Sdk.Manifest.ServiceManifest>> ServiceManifests = new(() =>
        [.. new[] { typeof(ScanIngest.InsightService), typeof(Productivity.InsightService), typeof(Ergonomics.InsightService) }
            .Select(t => Insight.Sdk.Manifest.ServiceManifest.FromAssembly(t.Assembly)!)]);

    [GeneratedRegex(@"^- `([^`]+)`: (.+)$")]
    private static partial Regex RouteLine();

    /// <summary>The lines between <c>&lt;!-- {name}:begin --&gt;</c> and <c>&lt;!-- {name}:end --&gt;</c>.</summary>
    private static IReadOnlyList<string> Section(string name)
    {
        var begin = Document.IndexOf($"<!-- {name}:begin -->", StringComparison.Ordinal);
        var end = Document.IndexOf($"<!-- {name}:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"docs/security.md has no {name} section");
        return Document[begin..end].Split('\n').Skip(1).ToList();
    }

    [GeneratedRegex(@"^- `([^`]+)`")]
    private static partial Regex PolicyLine();

    [GeneratedRegex(@"^  - `([^`]+)`")]
    private static partial Regex StatementLine();

    // CloudFormation logical ids end in an eight-digit hex hash of the construct path.
    [GeneratedRegex("[0-9A-F]{8}$")]
    private static partial Regex LogicalIdHash();
}
