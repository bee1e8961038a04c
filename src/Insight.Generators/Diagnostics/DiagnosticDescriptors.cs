using Microsoft.CodeAnalysis;

namespace Insight.Generators.Diagnostics;

/// <summary>Every diagnostic the SDK reports. Ids are stable; each has a page under docs/rules.</summary>
internal static class DiagnosticDescriptors
{
    private const string Usage = "Insight.Usage";

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
        helpLinkUri: "docs/rules/INS011.md");

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

    private static DiagnosticDescriptor Rule(string id, string title, string message) =>
        new(id, title, message, Usage, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: $"docs/rules/{id}.md");
}
