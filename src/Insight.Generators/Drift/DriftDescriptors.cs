using Microsoft.CodeAnalysis;

namespace Insight.Generators.Drift;

/// <summary>
/// The drift rules: code that makes one tenant's deployment differ from another's, or that costs money in every idle
/// tenant account. Ids are stable; each has a page under docs/rules.
/// </summary>
internal static class DriftDescriptors
{
    private const string Drift = "Insight.Drift";

    public static readonly DiagnosticDescriptor HardCodedAccount = Rule(
        DriftRuleIds.HardCodedAccount, "Hard-coded AWS account id",
        "{0} hard-codes the AWS account '{1}'; {2}");

    public static readonly DiagnosticDescriptor HardCodedRegionOrName = Rule(
        DriftRuleIds.HardCodedRegionOrName, "Hard-coded region or resource name",
        "{0} hard-codes the {1} '{2}'; {3}");

    public static readonly DiagnosticDescriptor TenantSpecificBehaviour = Rule(
        DriftRuleIds.TenantSpecificBehaviour, "Behaviour depends on a literal tenant id",
        "{0} singles out the tenant '{1}'; every tenant runs the same code, so put the difference into the tenant's settings");

    public static readonly DiagnosticDescriptor PayloadTenantId = Rule(
        DriftRuleIds.PayloadTenantId, "Tenant id taken from the event payload",
        "'{0}' takes the tenant from the event payload, which can name any tenant; the tenant is the deployment's, use TenantContext.TenantId",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor HandBuiltClient = Rule(
        DriftRuleIds.HandBuiltClient, "AWS client built by hand",
        "'new {0}(...)' builds an AWS client by hand in '{1}'; take {2} through the constructor, registered once in the [FunctionStartup] class (for DynamoDB, use the generated tables)");

    public static readonly DiagnosticDescriptor EnvironmentVariableInHandler = Rule(
        DriftRuleIds.EnvironmentVariableInHandler, "Handler reads an environment variable directly",
        "Handler '{0}' reads the environment variable {1} directly; {2}");

    public static readonly DiagnosticDescriptor ProvisionedBilling = Rule(
        DriftRuleIds.ProvisionedBilling, "DynamoDB table with provisioned capacity",
        "{0} gives a DynamoDB table provisioned capacity, paid by the hour in every tenant account even when idle; use BillingMode.PAY_PER_REQUEST");

    public static readonly DiagnosticDescriptor ProvisionedConcurrency = Rule(
        DriftRuleIds.ProvisionedConcurrency, "Lambda function with provisioned concurrency",
        "{0} keeps Lambda environments warm in every tenant account, paid whether invoked or not; rely on the native-AOT cold start instead");

    public static readonly DiagnosticDescriptor NatGateway = Rule(
        DriftRuleIds.NatGateway, "NAT gateway in a tenant stack",
        "{0} creates NAT gateways, charged by the hour in every tenant account; use no VPC, or VPC endpoints and NatGateways = 0");

    public static readonly DiagnosticDescriptor ScheduleWithoutJitter = Rule(
        DriftRuleIds.ScheduleWithoutJitter, "Schedule fires at the same moment in every account",
        "{0} fires at the same moment in every tenant account and overloads the APIs it calls; declare the schedule on the handler (Trigger = Trigger.Schedule) so the service stack spreads it by the account's schedule slot");

    public static readonly DiagnosticDescriptor PinnedStack = Rule(
        DriftRuleIds.PinnedStack, "Stack pinned to an account or region",
        "Stack props pin the stack to {0}; a StackSet deploys one template to every tenant account, so leave Env unset");

    public static readonly DiagnosticDescriptor VersionDrift = Rule(
        DriftRuleIds.VersionDrift, "Project drifts from the monorepo's versions",
        "Project '{0}' drifts from the monorepo: {1}",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Rule(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Warning, params string[] customTags) =>
        new(id, title, message, Drift, severity, isEnabledByDefault: true, helpLinkUri: $"docs/rules/{id}.md", customTags: customTags);
}
