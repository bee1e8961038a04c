using Insight.Analyzers.Tests.Infrastructure;
using Insight.CodeFixes;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Insight.Analyzers.Tests;

/// <summary>INS100: twelve-digit account ids where the code means an account, never where it means an order number.</summary>
public sealed class HardCodedAccountTests
{
    [Fact]
    public async Task An_account_in_a_handlers_ARN_is_built_from_the_tenant_context()
    {
        await DriftVerifier.FixAsync<IdentityAnalyzers, TenantValueCodeFixProvider>(
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Alert
            {
                public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
                {
                    var topic = {|INS100:"arn:aws:sns:eu-central-1:123456789012:scan-alerts"|};
                    return Task.CompletedTask;
                }
            }
            """,
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Alert
            {
                public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
                {
                    var topic = $"arn:aws:sns:{tenant.Region}:{tenant.AccountId}:scan-alerts";
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task A_handler_without_a_tenant_parameter_gets_one_before_the_cancellation_token()
    {
        await DriftVerifier.FixAsync<IdentityAnalyzers, TenantValueCodeFixProvider>(
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Alert
            {
                public Task HandleAsync(ScanEvent scan, CancellationToken cancellationToken)
                {
                    var awsAccountId = {|INS100:"123456789012"|};
                    return Task.CompletedTask;
                }
            }
            """,
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Alert
            {
                public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
                {
                    var awsAccountId = tenant.AccountId;
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_all_adds_the_tenant_parameter_once_and_replaces_every_account()
    {
        await DriftVerifier.FixAsync<IdentityAnalyzers, TenantValueCodeFixProvider>(
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Alert
            {
                public Task HandleAsync(ScanEvent scan)
                {
                    var queue = {|INS100:"arn:aws:sqs:eu-central-1:123456789012:scans"|};
                    var role = {|INS100:"arn:aws:iam::123456789012:role/ingest"|};
                    var ownerAwsAccount = {|INS100:"123456789012"|};
                    return Task.CompletedTask;
                }
            }
            """,
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Alert
            {
                public Task HandleAsync(ScanEvent scan, TenantContext tenant)
                {
                    var queue = $"arn:aws:sqs:{tenant.Region}:{tenant.AccountId}:scans";
                    var role = $"arn:aws:iam::{tenant.AccountId}:role/ingest";
                    var ownerAwsAccount = tenant.AccountId;
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task The_tenant_is_found_in_an_invocation_context_or_a_constructor_parameter()
    {
        await DriftVerifier.FixAsync<IdentityAnalyzers, TenantValueCodeFixProvider>(
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Alert
            {
                public Task HandleAsync(ScanEvent scan, InvocationContext invocation)
                {
                    var topic = {|INS100:"arn:aws:sns:eu-central-1:123456789012:alerts"|};
                    return Task.CompletedTask;
                }
            }

            public sealed class Notifier(TenantContext tenant)
            {
                public string Topic() => {|INS100:"arn:aws:sns:eu-central-1:123456789012:alerts"|};
            }
            """,
            Sources.Service + """
            [ScanEventHandler]
            public sealed partial class Alert
            {
                public Task HandleAsync(ScanEvent scan, InvocationContext invocation)
                {
                    var topic = $"arn:aws:sns:{invocation.Tenant.Region}:{invocation.Tenant.AccountId}:alerts";
                    return Task.CompletedTask;
                }
            }

            public sealed class Notifier(TenantContext tenant)
            {
                public string Topic() => $"arn:aws:sns:{tenant.Region}:{tenant.AccountId}:alerts";
            }
            """);
    }

    [Fact]
    public async Task An_interpolated_ARN_keeps_its_holes()
    {
        await DriftVerifier.FixAsync<IdentityAnalyzers, TenantValueCodeFixProvider>(
            Sources.Service + """
            public sealed class Topics(TenantContext tenant)
            {
                public string For(string name) => {|INS100:$"arn:aws:sns:eu-central-1:123456789012:{name}-alerts"|};
            }
            """,
            Sources.Service + """
            public sealed class Topics(TenantContext tenant)
            {
                public string For(string name) => $"arn:aws:sns:{tenant.Region}:{tenant.AccountId}:{name}-alerts";
            }
            """);
    }

    [Fact]
    public async Task In_CDK_code_the_ARN_uses_the_deploying_account_and_region()
    {
        await DriftVerifier.FixAsync<IdentityAnalyzers, TenantValueCodeFixProvider>(
            Sources.Infrastructure + """
            public sealed class Alerts : Stack
            {
                public Alerts(Construct scope) : base(scope, "Alerts")
                {
                    var topic = Topic.FromTopicArn(this, "Topic", {|INS100:"arn:aws:sns:eu-central-1:123456789012:alerts"|});
                    var role = new Role(this, "Reader", new RoleProps { AssumedBy = new AccountPrincipal({|INS100:"123456789012"|}) });
                }
            }
            """,
            Sources.Infrastructure + """
            public sealed class Alerts : Stack
            {
                public Alerts(Construct scope) : base(scope, "Alerts")
                {
                    var topic = Topic.FromTopicArn(this, "Topic", $"arn:aws:sns:{Aws.REGION}:{Aws.ACCOUNT_ID}:alerts");
                    var role = new Role(this, "Reader", new RoleProps { AssumedBy = new AccountPrincipal(Aws.ACCOUNT_ID) });
                }
            }
            """,
            TestProject.Infrastructure);
    }

    [Fact]
    public async Task Constants_and_code_without_a_tenant_in_reach_are_reported_without_a_fix()
    {
        var diagnostics = await DriftVerifier.DiagnosticsAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Topics
            {
                public const string Alerts = "arn:aws:sns:eu-central-1:123456789012:alerts";

                public static string Audit() => "arn:aws:sns:eu-central-1:123456789012:audit";
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.False(d.Properties.ContainsKey(DriftFixProperties.TenantMember), d.ToString()));
    }

    [Fact]
    public async Task Comparing_the_current_account_with_a_literal_is_reported_without_a_fix()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Pricing
            {
                public static decimal Discount(TenantContext tenant) => {|INS100:tenant.AccountId == "123456789012"|} ? 0.2m : 0m;

                public static string Tier(TenantContext tenant) => {|INS100:tenant.AccountId switch
                {
                    "210987654321" => "gold",
                    _ => "standard",
                }|};
            }
            """);
    }

    [Fact]
    public async Task The_CDK_environment_account_is_reported()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Infrastructure + """
            public static class Deployment
            {
                public static StackProps Props() => new StackProps { Env = new Amazon.CDK.Environment { Account = {|INS100:"123456789012"|} } };
            }
            """, TestProject.Infrastructure);
    }

    [Fact]
    public async Task Twelve_digit_numbers_that_are_not_accounts_are_left_alone()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public sealed record Order(string Number);

            public static class Orders
            {
                private const string FirstOrder = "100000000042";

                public static Order Load(string orderNumber) => new(orderNumber);

                public static bool IsFirst(Order order) => order.Number == "100000000042";

                public static Order First() => Load("100000000042");

                public static string Describe() => "order 100000000042 shipped";

                public static string Policy() => "arn:aws:iam::aws:policy/ReadOnlyAccess";

                public static string Bucket() => "arn:aws:s3:::scan-archive/100000000042";

                public static string Topic(TenantContext tenant) => $"arn:aws:sns:{tenant.Region}:{tenant.AccountId}:alerts";
            }
            """);
    }

    [Fact]
    public async Task Accounts_listed_in_editorconfig_are_allowed()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Monitoring
            {
                public const string CentralAccountId = "999999999999";

                public static string Role() => "arn:aws:iam::999999999999:role/fleet-monitor";

                public static string Other() => {|INS100:"arn:aws:iam::123456789012:role/fleet-monitor"|};
            }
            """, editorConfig: "insight_drift.allowed_account_ids = 111111111111, 999999999999");
    }

    [Fact]
    public async Task The_rule_is_switched_off_in_editorconfig()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Monitoring
            {
                public static string Role() => "arn:aws:iam::123456789012:role/fleet-monitor";
            }
            """, editorConfig: "dotnet_diagnostic.INS100.severity = none");
    }

    [Fact]
    public async Task The_message_names_the_ARN_and_the_account()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Monitoring
            {
                public static string Role() => {|#0:"arn:aws:iam::123456789012:role/fleet-monitor"|};
            }
            """,
            expected: new DiagnosticResult(DriftRuleIds.HardCodedAccount, DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("The ARN \"arn:aws:iam::123456789012:role/fleet-monitor\"", "123456789012", "use TenantContext.AccountId, the account the function is deployed in"));
    }

    [Fact]
    public async Task A_concatenated_ARN_is_read_as_one_string_and_its_account_constant_reported_at_the_literal()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Outbox
            {
                private const string Account = {|INS100:"123456789012"|};
                public const string QueueArn = {|INS101:"arn:aws:sqs:eu-central-1:" + Account + ":outbox"|};
                public const string Alerts = {|INS100:"arn:aws:sns:eu-west-1:" + "210987654321:alerts"|};

                public static string Topic(TenantContext tenant, string name) => "arn:aws:sns:" + tenant.Region + ":" + tenant.AccountId + ":" + name;

                public static string Fallback(Func<string, string?> read)
                {
                    var awsAccountId = read("ACCOUNT") ?? {|INS100:"345678901234"|};
                    var region = read("AWS_REGION") ?? {|INS101:"eu-central-1"|};
                    return awsAccountId + region;
                }

                // Ledger numbers concatenated into text are not accounts.
                public static string Ledger(string entry) => "ledger 400100000000:" + entry;
            }
            """);
    }

    [Fact]
    public async Task An_ARN_built_by_string_Format_or_Concat_is_reported_once()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public static class Arns
            {
                // The literal alone is an ARN with an account: reported as that literal, not again as the call.
                public static string Queue(string name) => string.Format(System.Globalization.CultureInfo.InvariantCulture, {|INS100:"arn:aws:sqs:eu-central-1:123456789012:{0}"|}, name);

                // Only the call builds one: reported as the call.
                public static string Topic(string region) => {|INS100:string.Concat("arn:aws:sns:", region, ":123456789012:alerts")|};

                public static string Bus(string region) => {|INS100:string.Format(System.Globalization.CultureInfo.InvariantCulture, "arn:aws:events:{0}:{1}:event-bus/{2}", region, "123456789012", "audit")|};
            }
            """);
    }

    [Fact]
    public async Task Deconstruction_into_fields_and_properties_is_checked_like_two_assignments()
    {
        await DriftVerifier.AnalyzeAsync<IdentityAnalyzers>(Sources.Service + """
            public sealed class Replicator
            {
                private string _awsAccountId = "";

                public string Region { get; private set; } = "";

                public int Retries { get; private set; }

                public void Configure()
                {
                    (_awsAccountId, Region) = ({|INS100:"123456789012"|}, {|INS101:"eu-central-1"|});

                    // A twelve-digit order number into a member that is not an account is left alone.
                    (Retries, _) = (3, "400100000000");
                }
            }
            """);
    }
}
