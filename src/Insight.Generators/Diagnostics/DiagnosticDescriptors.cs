using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;

namespace Insight.Generators.Diagnostics;

/// <summary>
/// The one catalogue of every diagnostic the SDK reports: misuse of the SDK's attributes (INS0xx, errors) and per-tenant
/// drift (INS1xx). Ids are stable; each has a page under docs/rules, which the help link opens.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Usage = "Insight.Usage";
    private const string Drift = "Insight.Drift";

    // Usage: the generator skips what these report, so every skipped handler or entity has a diagnostic saying why.

    public static readonly DiagnosticDescriptor HandlerNotPartial = Rule(
        "INS001", "Handler class must be partial",
        "Handler class '{0}' must be declared partial so the generator can add its invoker");

    public static readonly DiagnosticDescriptor HandlerMethodMissing = Rule(
        "INS002", "Handler class needs exactly one HandleAsync method",
        "Handler class '{0}' {1}; declare one public instance method HandleAsync whose first parameter is the event");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Rule(
        "INS003", "HandleAsync returns an unsupported type",
        "'{0}.HandleAsync' returns '{1}'; return Task, ValueTask, Task<T> or ValueTask<T>");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Rule(
        "INS004", "HandleAsync has an unsupported parameter",
        "Parameter '{0}' of '{1}.HandleAsync' has type '{2}'; after the event only TenantContext, InvocationContext and CancellationToken may follow, each at most once (resolve other services through the constructor)");

    public static readonly DiagnosticDescriptor EventTypeMismatch = Rule(
        "INS005", "Event type does not match the handler attribute",
        "'{0}' is marked [{1}] but HandleAsync takes '{2}'; it must take '{3}'");

    public static readonly DiagnosticDescriptor DuplicateHandlerKey = Rule(
        "INS006", "Two handlers share one function name",
        "Function name '{0}' of '{1}' is already used by '{2}'; every function of a service needs its own _HANDLER key (set Name on the attribute)");

    public static readonly DiagnosticDescriptor EventTypeNotSerializable = Rule(
        "INS007", "Type has no source-generated JSON metadata",
        "'{0}' is not covered by any JsonSerializerContext in this project; add [JsonSerializable(typeof({0}))] to a partial class deriving from JsonSerializerContext, so it is read without reflection");

    public static readonly DiagnosticDescriptor InvalidTriggerOptions = Rule(
        "INS008", "Handler attribute options are invalid",
        "'{0}': {1}");

    public static readonly DiagnosticDescriptor UnsupportedHandlerClass = Rule(
        "INS009", "Handler class shape is not supported",
        "Handler class '{0}' {1}");

    public static readonly DiagnosticDescriptor InvalidStartup = Rule(
        "INS010", "Function startup class is invalid",
        "[FunctionStartup] class '{0}' {1}");

    public static readonly DiagnosticDescriptor AnonymousRoute = new(
        "INS011", "HTTP route is callable without a token",
        "Route '{0}' of '{1}' is callable without a token: {2}",
        "Insight.Security", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: RuleHelp.Link("INS011"));

    public static readonly DiagnosticDescriptor ArchitectureContradictsService = Rule(
        "INS013", "Handler architecture contradicts the service's",
        "'{0}' sets Architecture = {1}, but its service is built for {2} (InsightArchitecture); a service's functions share one bootstrap, so remove Architecture or change InsightArchitecture");

    public static readonly DiagnosticDescriptor QueuePollsWhileIdle = new(
        "INS012", "SQS trigger polls while idle",
        "'{0}' is fed by an SQS queue that Lambda polls in every tenant account even when no message arrives (about $0.26 per queue and account a month); EventBridge delivery costs nothing while idle",
        "Insight.Cost", DiagnosticSeverity.Info, isEnabledByDefault: true,
        helpLinkUri: RuleHelp.Link("INS012"));

    public static readonly DiagnosticDescriptor EntityNotPartial = Rule(
        "INS020", "DynamoDB entity must be partial",
        "[DynamoTable] type '{0}' must be declared partial so the generator can add its mapper");

    public static readonly DiagnosticDescriptor MissingPartitionKey = Rule(
        "INS021", "DynamoDB entity has no partition key",
        "[DynamoTable] type '{0}' has no partition key; mark one property [PartitionKey] or add [CompositeKey(KeyRole.Partition, ...)]");

    public static readonly DiagnosticDescriptor UnsupportedPropertyType = Rule(
        "INS022", "Property type cannot be stored",
        "Property '{0}' of '{1}' has type '{2}', which has no DynamoDB form; use a supported type or add [DynamoConverter(typeof(...))]");

    public static readonly DiagnosticDescriptor NullableKey = Rule(
        "INS023", "Key property is nullable",
        "Key property '{0}' of '{1}' is nullable; a DynamoDB key attribute always has a value");

    public static readonly DiagnosticDescriptor DuplicateAttributeName = Rule(
        "INS024", "Two properties share one attribute name",
        "Properties '{0}' and '{1}' of '{2}' are both stored as attribute '{3}'");

    public static readonly DiagnosticDescriptor InvalidKeyDeclaration = Rule(
        "INS025", "Key declaration is invalid",
        "'{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidSpecialProperty = Rule(
        "INS026", "Version or time-to-live property has the wrong type",
        "'{0}.{1}': {2}");

    public static readonly DiagnosticDescriptor UnsupportedEntityShape = Rule(
        "INS027", "DynamoDB entity shape is not supported",
        "[DynamoTable] type '{0}' {1}");

    // Drift: code that makes one tenant's deployment differ from another's, or that costs money in every idle tenant
    // account. The ids live in DriftRuleIds, which the code fixes share.
    public static readonly DiagnosticDescriptor HardCodedAccount = DriftRule(
        DriftRuleIds.HardCodedAccount, "Hard-coded AWS account id",
        "{0} hard-codes the AWS account '{1}'; {2}");

    public static readonly DiagnosticDescriptor HardCodedRegionOrName = DriftRule(
        DriftRuleIds.HardCodedRegionOrName, "Hard-coded region or resource name",
        "{0} hard-codes the {1} '{2}'; {3}");

    public static readonly DiagnosticDescriptor TenantSpecificBehaviour = DriftRule(
        DriftRuleIds.TenantSpecificBehaviour, "Behaviour depends on a literal tenant id",
        "{0} singles out the tenant '{1}'; every tenant runs the same code, so put the difference into the tenant's settings");

    public static readonly DiagnosticDescriptor PayloadTenantId = DriftRule(
        DriftRuleIds.PayloadTenantId, "Tenant id taken from the event payload",
        "'{0}' takes the tenant from the event payload, which can name any tenant; the tenant is the deployment's, use TenantContext.TenantId",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor HandBuiltClient = DriftRule(
        DriftRuleIds.HandBuiltClient, "AWS client built by hand",
        "'new {0}(...)' builds an AWS client by hand in '{1}'; take {2} through the constructor, registered once in the [FunctionStartup] class (for DynamoDB, use the generated tables)");

    public static readonly DiagnosticDescriptor EnvironmentVariableInHandler = DriftRule(
        DriftRuleIds.EnvironmentVariableInHandler, "Handler reads an environment variable directly",
        "Handler '{0}' reads the environment variable {1} directly; {2}");

    public static readonly DiagnosticDescriptor ProvisionedBilling = DriftRule(
        DriftRuleIds.ProvisionedBilling, "DynamoDB table with provisioned capacity",
        "{0} gives a DynamoDB table provisioned capacity, paid by the hour in every tenant account even when idle; use BillingMode.PAY_PER_REQUEST");

    public static readonly DiagnosticDescriptor ProvisionedConcurrency = DriftRule(
        DriftRuleIds.ProvisionedConcurrency, "Lambda function with provisioned concurrency",
        "{0} keeps Lambda environments warm in every tenant account, paid whether invoked or not; rely on the native-AOT cold start instead");

    public static readonly DiagnosticDescriptor NatGateway = DriftRule(
        DriftRuleIds.NatGateway, "NAT gateway in a tenant stack",
        "{0} creates NAT gateways, charged by the hour in every tenant account; use no VPC, or VPC endpoints and NatGateways = 0");

    public static readonly DiagnosticDescriptor ScheduleWithoutJitter = DriftRule(
        DriftRuleIds.ScheduleWithoutJitter, "Schedule fires at the same moment in every account",
        "{0} fires at the same moment in every tenant account and overloads the APIs it calls; declare the schedule on the handler (Trigger = Trigger.Schedule) so the service stack spreads it by the account's schedule slot");

    public static readonly DiagnosticDescriptor PinnedStack = DriftRule(
        DriftRuleIds.PinnedStack, "Stack pinned to an account or region",
        "Stack props pin the stack to {0}; a StackSet deploys one template to every tenant account, so leave Env unset");

    public static readonly DiagnosticDescriptor VersionDrift = DriftRule(
        DriftRuleIds.VersionDrift, "Project drifts from the monorepo's versions",
        "Project '{0}' drifts from the monorepo: {1}",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Rule(string id, string title, string message) =>
        new(id, title, message, Usage, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: RuleHelp.Link(id));

    private static DiagnosticDescriptor DriftRule(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Warning, params string[] customTags) =>
        new(id, title, message, Drift, severity, isEnabledByDefault: true, helpLinkUri: RuleHelp.Link(id), customTags: customTags);
}
