namespace Insight.Sdk;

/// <summary>
/// Marks a partial class as a Lambda function. The class has one public <c>HandleAsync</c> method whose first
/// parameter is the event; further parameters may be <see cref="TenantContext"/>, <see cref="InvocationContext"/>
/// and <see cref="CancellationToken"/> in any order. Constructor parameters are resolved from dependency injection.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public class HandlerAttribute : Attribute
{
    /// <summary>The function's name and <c>_HANDLER</c> key. Defaults to the class name.</summary>
    public string? Name { get; set; }

    /// <summary>How the function is invoked. Defaults to an EventBridge rule on the tenant bus.</summary>
    public Trigger Trigger { get; set; } = Trigger.EventBridge;

    /// <summary>For <see cref="Trigger.Schedule"/>: a <c>rate(...)</c> or <c>cron(...)</c> expression.</summary>
    public string? Schedule { get; set; }

    /// <summary>For <see cref="Trigger.HttpApi"/>: the route key, for example <c>POST /scans</c>.</summary>
    public string? Route { get; set; }

    /// <summary>
    /// For <see cref="Trigger.HttpApi"/>: the OAuth scopes a caller's token must carry, for example <c>"ergonomics:read"</c>.
    /// Every route sits behind the tenant's JWT authorizer; the runtime also checks the token's tenant claim.
    /// </summary>
    public string[]? Scopes { get; set; }

    /// <summary>
    /// For <see cref="Trigger.HttpApi"/>: makes the route callable without a token, for the reason given (for example
    /// <c>"health probe for the load balancer"</c>). The reason goes into the manifest and docs/security.md, and rule
    /// INS011 reports the route so the choice stays visible.
    /// </summary>
    public string? Anonymous { get; set; }

    /// <summary>For <see cref="Trigger.SqsBatch"/>: the most messages one invocation receives (1–10,000).</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Memory in MB (128–10,240). CPU share grows with it.</summary>
    public int MemorySize { get; set; } = 512;

    /// <summary>Timeout in seconds (1–900).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The instruction set. Defaults to arm64.</summary>
    public LambdaArchitecture Architecture { get; set; } = LambdaArchitecture.Arm64;
}

/// <summary>A handler of scanner scan events (<see cref="Events.ScanEvent"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ScanEventHandlerAttribute : HandlerAttribute;

/// <summary>A handler of productivity measures (<see cref="Events.MetricSample"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class MetricHandlerAttribute : HandlerAttribute;

/// <summary>A handler of ergonomics measures (<see cref="Events.ErgonomicsEvent"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ErgonomicsHandlerAttribute : HandlerAttribute;

/// <summary>A handler of any other event type: the event type is the first parameter of <c>HandleAsync</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class EventHandlerAttribute : HandlerAttribute;

/// <summary>
/// Marks a static class whose <c>public static void ConfigureServices(IServiceCollection services)</c> adds the
/// service's own registrations. It runs once, at function initialisation, after the SDK's registrations.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class FunctionStartupAttribute : Attribute;
