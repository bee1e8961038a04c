using Insight.Analyzers.Tests.Infrastructure;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Insight.Analyzers.Tests;

/// <summary>INS102: code that singles out a tenant by a literal id; using the tenant id as data is fine.</summary>
public sealed class TenantSpecificBehaviourTests
{
    [Fact]
    public async Task Comparisons_of_the_tenant_id_with_literals_are_reported()
    {
        await DriftVerifier.AnalyzeAsync<TenantSpecificBehaviourAnalyzer>(Sources.Service + """
            public static class Rules
            {
                public static bool Strict(TenantContext tenant) => {|INS102:tenant.TenantId == "acme"|};

                public static bool Lenient(TenantContext tenant) => {|INS102:"globex" != tenant.TenantId|};

                public static bool Legacy(TenantContext tenant) => {|INS102:string.Equals(tenant.TenantId, "initech", StringComparison.OrdinalIgnoreCase)|};

                public static bool Pilot(TenantContext tenant) => {|INS102:tenant.TenantId.StartsWith("pilot-")|};

                public static bool Isolated(InvocationContext invocation) => {|INS102:invocation.InvocationTenantId == "acme"|};

                public static bool ThroughALocal(TenantContext tenant)
                {
                    var id = tenant.TenantId;
                    return {|INS102:id == "acme"|};
                }
            }
            """);
    }

    [Fact]
    public async Task Switches_and_patterns_on_the_tenant_id_are_reported()
    {
        await DriftVerifier.AnalyzeAsync<TenantSpecificBehaviourAnalyzer>(Sources.Service + """
            public static class Limits
            {
                public static int Batch(TenantContext tenant) => {|INS102:tenant.TenantId switch
                {
                    "acme" => 500,
                    _ => 100,
                }|};

                public static bool Beta(TenantContext tenant) => {|INS102:tenant.TenantId is "acme" or "globex"|};

                public static int Retries(TenantContext tenant)
                {
                    {|INS102:switch (tenant.TenantId)
                    {
                        case "acme":
                            return 5;
                        default:
                            return 3;
                    }|}
                }
            }
            """);
    }

    [Fact]
    public async Task Settings_keyed_by_literal_tenant_ids_are_reported_where_they_are_looked_up()
    {
        await DriftVerifier.AnalyzeAsync<TenantSpecificBehaviourAnalyzer>(Sources.Service + """
            public static class TenantSettings
            {
                private static readonly Dictionary<string, int> BatchSizes = new()
                {
                    ["acme"] = 500,
                    ["globex"] = 50,
                };

                private static readonly Dictionary<string, string> Labels = new() { { "acme", "ACME Corp" } };

                private static readonly HashSet<string> BetaTenants = ["initech"];

                public static int Batch(TenantContext tenant) => {|INS102:BatchSizes[tenant.TenantId]|};

                public static string Label(TenantContext tenant) => {|INS102:Labels.TryGetValue(tenant.TenantId, out var label)|} ? label : "";

                public static bool Beta(TenantContext tenant) => {|INS102:BetaTenants.Contains(tenant.TenantId)|};

                public static int Fallback(TenantContext tenant) => {|INS102:BatchSizes.GetValueOrDefault(tenant.TenantId)|};
            }
            """);
    }

    [Fact]
    public async Task Logging_passing_on_and_storing_the_tenant_id_are_left_alone()
    {
        await DriftVerifier.AnalyzeAsync<TenantSpecificBehaviourAnalyzer>(Sources.Service + """
            public static class Fine
            {
                private static readonly Dictionary<string, DateTimeOffset> LastSeen = new();

                public static void Log(ILogger log, TenantContext tenant) => log.LogInformation("Scan for tenant {Tenant}", tenant.TenantId);

                public static string Key(TenantContext tenant, string id) => $"{tenant.TenantId}#{id}";

                public static void Touch(TenantContext tenant) => LastSeen[tenant.TenantId] = DateTimeOffset.UtcNow;

                public static bool Known(TenantContext tenant) => LastSeen.ContainsKey(tenant.TenantId);

                public static bool Missing(TenantContext tenant) => tenant.TenantId == "" || tenant.TenantId is null;

                public static bool SameTenant(TenantContext tenant, string other) => tenant.TenantId == other;

                public static bool Station(string station) => station == "acme";

                public static string Pass(TenantContext tenant) => Describe(tenant.TenantId);

                private static string Describe(string id) => id;
            }
            """);
    }

    [Fact]
    public async Task The_message_names_the_comparison_and_the_tenant()
    {
        await DriftVerifier.AnalyzeAsync<TenantSpecificBehaviourAnalyzer>(Sources.Service + """
            public static class Rules
            {
                public static bool Strict(TenantContext tenant) => {|#0:tenant.TenantId == "acme"|};
            }
            """,
            expected: new DiagnosticResult(DriftRuleIds.TenantSpecificBehaviour, DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("The comparison with 'tenant.TenantId'", "acme"));
    }

    [Fact]
    public async Task A_literal_collection_searched_with_linq_for_the_tenant_is_a_lookup()
    {
        await DriftVerifier.AnalyzeAsync<TenantSpecificBehaviourAnalyzer>(Sources.Service + """
            public sealed class Holidays(TenantContext tenant)
            {
                private static readonly string[] Tenants = ["acme", "globex"];
                private readonly List<string> _seen = [];

                public bool Skip() => Tenants.Any(t => {|INS102:t == tenant.TenantId|});

                public bool SkipToo() => Tenants.Any(t => {|INS102:string.Equals(t, tenant.TenantId, StringComparison.Ordinal)|});

                // Filled at run time: data, not a list of special tenants.
                public bool Seen() => _seen.Any(t => t == tenant.TenantId);
            }
            """);
    }

    [Fact]
    public async Task A_helper_comparing_with_a_string_comparison_is_followed_and_path_checks_and_nested_objects_are_left_alone()
    {
        await DriftVerifier.AnalyzeAsync<TenantSpecificBehaviourAnalyzer>(Sources.Service + """
            public static class TenantChecks
            {
                public static bool Is(this TenantContext tenant, string id) => tenant.TenantId.Equals(id, StringComparison.OrdinalIgnoreCase);
            }

            public sealed record Limit(string Tier);

            public sealed record Rule(string TenantId, Limit Limit);

            public static class Uses
            {
                private static readonly Rule[] Rules = [new Rule(null!, new Limit("gold"))];

                public static bool Acme(TenantContext tenant) => {|INS102:tenant.Is("acme")|};

                public static bool Safe(TenantContext tenant) => tenant.TenantId.Contains("/") || tenant.TenantId.Contains("..");

                public static bool Listed(TenantContext tenant) => Rules.Any(r => r.TenantId == tenant.TenantId);

                public static bool Demo(TenantContext tenant) => {|INS102:tenant.TenantId.Contains("demo")|};
            }
            """);
    }
}
