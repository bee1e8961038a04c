namespace Insight.Sdk.Manifest;

// The generator describes a service twice in its assembly: as the JSON manifest (AssemblyMetadata "Insight.Manifest",
// read by the build, the CDK constructs and the tool) and, for compilers that read references as symbols, as these
// structured attributes. An infrastructure project's generator reads them to emit typed stacks without parsing JSON.

/// <summary>Marks an assembly as an Insight service and names the generated class that defines it.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class InsightServiceAttribute(string name, Type definition) : Attribute
{
    /// <summary>The service's name.</summary>
    public string Name { get; } = name;

    /// <summary>The generated <c>InsightService</c> class, which holds the manifest.</summary>
    public Type Definition { get; } = definition;
}

/// <summary>One Lambda function of the service.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ServiceFunctionAttribute(string name, Trigger trigger) : Attribute
{
    /// <summary>The function's name.</summary>
    public string Name { get; } = name;

    /// <summary>How it is invoked.</summary>
    public Trigger Trigger { get; } = trigger;
}

/// <summary>One DynamoDB table of the service, by logical name.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ServiceTableAttribute(string name) : Attribute
{
    /// <summary>The logical table name.</summary>
    public string Name { get; } = name;
}

/// <summary>One HTTP API route of the service and the function that serves it.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ServiceRouteAttribute(string routeKey, string function) : Attribute
{
    /// <summary>The route key, e.g. <c>GET /workers/{worker}/risk</c>.</summary>
    public string RouteKey { get; } = routeKey;

    /// <summary>The function that serves it.</summary>
    public string Function { get; } = function;
}
