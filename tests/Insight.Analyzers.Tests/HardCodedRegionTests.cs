using Insight.Analyzers.Tests.Infrastructure;
using Insight.CodeFixes;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Insight.Analyzers.Tests;

/// <summary>INS101: regions and resource names the deployment provides, written into code instead.</summary>
public sealed class HardCodedRegionTests
{
    [Fact]
    public async Task A_region_given_to_the_AWS_SDK_becomes_the_tenants_region()
    {
        await DriftVerifier.FixAsync<IdentityAnalyzers, TenantValueCodeFixProvider>(
            Sources.Service + """
            public sealed class Clients(TenantContext tenant)
            {
                public Amazon.RegionEndpoint Endpoint() => Amazon.RegionEndpoint.GetBySystemName({|INS101:"eu-central-1"|});

                public Amazon.DynamoDBv2.AmazonDynamoDBConfig Config() => new() { AuthenticationRegion = {|INS101:"eu-central-1"|} };

                public AmazonDynamoDBConfig Pinned() => new() { RegionEndpoint = {|INS101:Amazon.RegionEndpoint.EUCentral1|} };
            }
            """,
            Sources.Service + """
            public sealed class Clients(TenantContext tenant)
            {
                public Amazon.RegionEndpoint Endpoint() => Amazon.RegionEndpoint.GetBySystemName(tenant.Region);

                public Amazon.DynamoDBv2.AmazonDynamoDBConfig Config() => new() { AuthenticationRegion = tenant.Region };

                public AmazonDynamoDBConfig Pinned() => new() { RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(tenant.Region) };
            }
            """);
    }

    [Fact]
    public async Task Fix_all_gives_a_handler_one_tenant_parameter_for_every_region()
    {
        await DriftVerifier.FixAsync<IdentityAnalyzers, TenantValueCodeFixProvider>(
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Forward
            {
                public Task HandleAsync(ScanEvent scan, CancellationToken cancellationToken)
                {
                    var region = {|INS101:"eu-central-1"|};
                    var endpoint = Amazon.RegionEndpoint.GetBySystemName({|INS101:"eu-central-1"|});
                    var queue = {|INS101:"arn:aws:sqs:eu-central-1::scans"|};
                    return Task.CompletedTask;
                }
            }
            """,
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Forward
            {
                public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
                {
                    var region = tenant.Region;
                    var endpoint = Amazon.RegionEndpoint.GetBySystemName(tenant.Region);
                    var queue = $"arn:aws:sqs:{tenant.Region}::scans";
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task A_literal_table_name_in_a_DynamoDB_request_is_reported()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Requests
            {
                public static Amazon.DynamoDBv2.Model.GetItemRequest Get() => new() { TableName = {|INS101:"Scans"|} };

                public static Amazon.DynamoDBv2.Model.DeleteItemRequest Delete() =>
                    new({|INS101:"Scans"|}, new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>());
            }
            """);
    }

    [Fact]
    public async Task Behaviour_that_depends_on_the_region_is_reported()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Residency
            {
                public static bool InEurope(TenantContext tenant) => {|INS101:tenant.Region == "eu-central-1"|} || {|INS101:tenant.Region.Equals("eu-west-1")|};
            }
            """);
    }

    [Fact]
    public async Task The_CDK_environment_region_is_reported_without_a_fix()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Infrastructure + """
            public static class Deployment
            {
                public static StackProps Props() => new StackProps { Env = new Amazon.CDK.Environment { Region = {|INS101:"eu-central-1"|} } };
            }
            """, TestProject.Infrastructure);
    }

    [Fact]
    public async Task Regions_from_the_tenant_context_log_messages_and_other_names_are_left_alone()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Fine
            {
                public static Amazon.RegionEndpoint Endpoint(TenantContext tenant) => Amazon.RegionEndpoint.GetBySystemName(tenant.Region);

                public static void Log(ILogger log) => log.LogInformation("moved from eu-central-1 to {Region}", "eu-west-1");

                public static string Label(string name) => name;

                public static string Station() => Label("us-east-1");

                public static string Table(Insight.Sdk.Data.DynamoTableNames names) => names.Resolve("Scans");
            }
            """);
    }

    [Fact]
    public async Task Regions_listed_in_editorconfig_are_allowed()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Certificates
            {
                // CloudFront only takes certificates from us-east-1.
                public static Amazon.RegionEndpoint Endpoint() => Amazon.RegionEndpoint.GetBySystemName("us-east-1");

                public static Amazon.RegionEndpoint Other() => Amazon.RegionEndpoint.GetBySystemName({|INS101:"eu-west-1"|});
            }
            """, editorConfig: "insight_drift.allowed_regions = us-east-1");
    }

    [Fact]
    public async Task The_message_names_the_place_and_the_region()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Clients
            {
                public static Amazon.RegionEndpoint Endpoint() => Amazon.RegionEndpoint.GetBySystemName({|#0:"eu-central-1"|});
            }
            """,
            expected: new DiagnosticResult(DriftRuleIds.HardCodedRegionOrName, DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("Argument 'systemName' of 'RegionEndpoint.GetBySystemName'", "region", "eu-central-1", "use TenantContext.Region, the region the function is deployed in"));
    }

    [Fact]
    public async Task A_table_name_constant_named_for_a_table_is_reported_once_at_its_literal()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public sealed class AuditLog(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo)
            {
                private const string AuditTableName = {|INS101:"AuditTrail"|};

                public Task WriteAsync(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item) => dynamo.PutItemAsync(AuditTableName, item);

                public Task DeleteAsync(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> key) => dynamo.DeleteItemAsync(AuditTableName, key);
            }
            """);
    }
}
