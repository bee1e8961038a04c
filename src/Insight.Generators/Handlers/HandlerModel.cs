using Insight.Generators.Common;
using Insight.Sdk;

namespace Insight.Generators.Handlers;

/// <summary>What <c>HandleAsync</c> returns.</summary>
internal enum AwaitKind
{
    Task,
    ValueTask,
}

/// <summary>Where a <c>HandleAsync</c> argument comes from.</summary>
internal enum ArgumentSource
{
    Event,
    Tenant,
    Invocation,
    CancellationToken,
}

/// <summary>One parameter of <c>HandleAsync</c>.</summary>
internal sealed record HandlerArgument(ArgumentSource Source);

/// <summary>
/// A type as generated code names it (<see cref="FullName"/>, with <c>global::</c>) and as people and manifests
/// read it (<see cref="DisplayName"/>); <see cref="SdkJsonProperty"/> is set for types the SDK's JSON context covers.
/// </summary>
internal sealed record TypeRef(string FullName, string DisplayName, string ShortName, string? SdkJsonProperty);

/// <summary>
/// A constructor parameter, resolved from dependency injection. <see cref="UnresolvedName"/> is set when the type is
/// not visible to the generator — a table class the DynamoDB generator emits in the same compilation.
/// </summary>
internal sealed record DependencyModel(string TypeFullName, string TypeDisplayName, bool IsOptional, string? UnresolvedName = null, TableDependency? Table = null);

/// <summary>A table a handler uses, and whether it only reads it: the infrastructure grants exactly that.</summary>
internal sealed record TableDependency(string TableName, bool ReadOnly);

/// <summary>A <c>[DynamoTable]</c> entity of the project: its generated table types are <c>{Name}Table</c> and <c>{Name}Reader</c>.</summary>
internal sealed record TableTypeModel(string Namespace, string EntityName, string TableName, Data.TableSchemaModel Schema)
{
    public string Qualified(string suffix) => (Namespace.Length == 0 ? "" : Namespace + ".") + EntityName + suffix;
}

/// <summary>Everything the emitters need about one handler class; value-equatable, no symbols.</summary>
internal sealed record HandlerModel(
    string Namespace,
    string ClassName,
    string FullTypeName,
    string DisplayTypeName,
    string FunctionName,
    HandlerKind Kind,
    Trigger Trigger,
    string? Schedule,
    string? Route,
    EquatableArray<string> Scopes,
    string? Anonymous,
    int BatchSize,
    int MemorySize,
    int TimeoutSeconds,
    LambdaArchitecture Architecture,
    bool ArchitectureDeclared,
    TypeRef EventType,
    TypeRef? ResultType,
    AwaitKind Await,
    EquatableArray<HandlerArgument> Arguments,
    EquatableArray<DependencyModel> Dependencies)
{
    /// <summary>An HTTP handler that takes the raw request and shapes the raw response.</summary>
    public bool IsRawHttp => Trigger == Trigger.HttpApi && EventType.SdkJsonProperty == "HttpApiRequest";
}

/// <summary>The <c>[FunctionStartup]</c> class, if the service has one.</summary>
internal sealed record StartupModel(string FullTypeName);

/// <summary>A <c>JsonSerializerContext</c> of the project and the types it covers.</summary>
internal sealed record JsonContextModel(string FullTypeName, EquatableArray<string> Types);

/// <summary>A handler with its JSON metadata expressions and its dependencies resolved against the project's tables.</summary>
internal sealed record ResolvedHandler(HandlerModel Handler, string EventTypeInfo, string? ResultTypeInfo, EquatableArray<DependencyModel> Dependencies);

/// <summary>The whole service: what the entry point, registrations and manifest are generated from.</summary>
internal sealed record ServiceModel(
    string ServiceName,
    string Namespace,
    bool EmitEntryPoint,
    string? StartupType,
    EquatableArray<ResolvedHandler> Handlers,
    EquatableArray<TableTypeModel> Tables);
