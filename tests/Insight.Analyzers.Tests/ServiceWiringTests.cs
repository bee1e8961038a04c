using Insight.Analyzers.Tests.Infrastructure;
using Insight.CodeFixes;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Insight.Analyzers.Tests;

/// <summary>INS104 (AWS clients built by hand) and INS105 (handlers reading environment variables).</summary>
public sealed class ServiceWiringTests
{
    private const string Handler = """
        [ScanEventHandler]
        public sealed partial class RecordScan
        {
            public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
        }


        """;

    [Fact]
    public async Task A_client_built_in_a_handler_becomes_a_constructor_parameter()
    {
        await DriftVerifier.FixAsync<ServiceWiringAnalyzer, InjectClientCodeFixProvider>(
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Archive(ILogger<Archive> log)
            {
                public async Task HandleAsync(ScanEvent scan, CancellationToken cancellationToken)
                {
                    using var client = {|INS104:new AmazonDynamoDBClient()|};
                    await client.DescribeLimitsAsync(new Amazon.DynamoDBv2.Model.DescribeLimitsRequest(), cancellationToken);
                }
            }
            """,
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Archive(ILogger<Archive> log, IAmazonDynamoDB dynamoDB)
            {
                public async Task HandleAsync(ScanEvent scan, CancellationToken cancellationToken)
                {
                    using var client = dynamoDB;
                    await client.DescribeLimitsAsync(new Amazon.DynamoDBv2.Model.DescribeLimitsRequest(), cancellationToken);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_all_shares_one_parameter_and_reuses_one_the_type_already_takes()
    {
        await DriftVerifier.FixAsync<ServiceWiringAnalyzer, InjectClientCodeFixProvider>(
            Sources.Service + Handler + """
            public sealed class Ledger
            {
                private readonly IAmazonDynamoDB _reads = {|INS104:new AmazonDynamoDBClient()|};
                private readonly IAmazonDynamoDB _writes = {|INS104:new AmazonDynamoDBClient(new AmazonDynamoDBConfig())|};

                public IAmazonDynamoDB Audit() => {|INS104:new AmazonDynamoDBClient()|};
            }

            public sealed class Counters
            {
                private readonly IAmazonDynamoDB _client;

                public Counters(IAmazonDynamoDB dynamo, ILogger<Counters> log)
                {
                    _client = {|INS104:new AmazonDynamoDBClient()|};
                }
            }
            """,
            Sources.Service + Handler + """
            public sealed class Ledger(IAmazonDynamoDB dynamoDB)
            {
                private readonly IAmazonDynamoDB _reads = dynamoDB;
                private readonly IAmazonDynamoDB _writes = dynamoDB;

                public IAmazonDynamoDB Audit() => dynamoDB;
            }

            public sealed class Counters
            {
                private readonly IAmazonDynamoDB _client;

                public Counters(IAmazonDynamoDB dynamo, ILogger<Counters> log)
                {
                    _client = dynamo;
                }
            }
            """);
    }

    [Fact]
    public async Task Clients_built_in_the_startup_class_or_a_DI_factory_and_projects_without_handlers_are_left_alone()
    {
        await DriftVerifier.AnalyzeAsync<ServiceWiringAnalyzer>(Sources.Service + Handler + """
            [FunctionStartup]
            public static class Startup
            {
                public static void ConfigureServices(IServiceCollection services) =>
                    services.AddSingleton<IAmazonDynamoDB>(new AmazonDynamoDBClient());
            }

            public static class Registrations
            {
                public static IServiceCollection AddArchive(this IServiceCollection services) =>
                    services.AddSingleton<IAmazonDynamoDB>(provider => new AmazonDynamoDBClient());
            }
            """);
        await DriftVerifier.AnalyzeAsync<ServiceWiringAnalyzer>(Sources.Service + """
            public static class Tool
            {
                public static Amazon.DynamoDBv2.IAmazonDynamoDB Client() => new Amazon.DynamoDBv2.AmazonDynamoDBClient();
            }
            """);
    }

    [Fact]
    public async Task The_client_message_names_the_client_the_type_and_the_interface()
    {
        await DriftVerifier.AnalyzeAsync<ServiceWiringAnalyzer>(Sources.Service + Handler + """
            public sealed class Ledger
            {
                public Amazon.DynamoDBv2.IAmazonDynamoDB Client() => {|#0:new Amazon.DynamoDBv2.AmazonDynamoDBClient()|};
            }
            """,
            expected: new DiagnosticResult(DriftRuleIds.HandBuiltClient, DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("AmazonDynamoDBClient", "Ledger", "IAmazonDynamoDB"));
    }

    [Fact]
    public async Task Deployment_variables_read_in_a_handler_become_tenant_context_members()
    {
        await DriftVerifier.FixAsync<ServiceWiringAnalyzer, TenantValueCodeFixProvider>(
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class RecordScan(ILogger<RecordScan> log)
            {
                public Task HandleAsync(ScanEvent scan, CancellationToken cancellationToken)
                {
                    var tenantId = {|INS105:Environment.GetEnvironmentVariable("INSIGHT_TENANT_ID")|};
                    var account = {|INS105:Environment.GetEnvironmentVariable("INSIGHT_ACCOUNT_ID")|} ?? "unknown";
                    var region = {|INS105:Environment.GetEnvironmentVariable(TenantContext.RegionVariable)|};
                    log.LogInformation("{Tenant} {Account} {Region}", tenantId, account, region);
                    return Task.CompletedTask;
                }
            }
            """,
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class RecordScan(ILogger<RecordScan> log)
            {
                public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
                {
                    var tenantId = tenant.TenantId;
                    var account = tenant.AccountId ?? "unknown";
                    var region = tenant.Region;
                    log.LogInformation("{Tenant} {Account} {Region}", tenantId, account, region);
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task Other_variables_are_reported_without_a_fix_and_code_outside_handlers_is_left_alone()
    {
        await DriftVerifier.AnalyzeAsync<ServiceWiringAnalyzer>(Sources.Service + """
            [ScanEventHandler]
            public sealed partial class RecordScan
            {
                private readonly bool _verbose = {|#0:Environment.GetEnvironmentVariable("VERBOSE")|} == "1";

                public Task HandleAsync(ScanEvent scan, TenantContext tenant) => Task.CompletedTask;
            }

            public static class Settings
            {
                public static string? Verbose() => Environment.GetEnvironmentVariable("VERBOSE");
            }
            """,
            expected: new DiagnosticResult(DriftRuleIds.EnvironmentVariableInHandler, DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("RecordScan", "'VERBOSE'", "take FunctionEnvironment or an options class through the constructor, so tests and the local runner can supply it"));
    }
}
