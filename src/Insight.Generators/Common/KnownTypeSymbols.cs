using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Insight.Sdk;
using Microsoft.CodeAnalysis;

namespace Insight.Generators.Common;

/// <summary>
/// The SDK, framework, AWS SDK and CDK types the analyzers recognise, resolved once per compilation (as
/// System.Text.Json's generator does with its <c>KnownTypeSymbols</c>) and compared with
/// <see cref="SymbolEqualityComparer"/>, so no analyzer builds or compares a type name per attribute or per node.
/// A type the compilation does not reference is <c>null</c>. Shared by every analyzer through <see cref="For"/>.
/// </summary>
internal sealed class KnownTypeSymbols
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypeSymbols> Cache = new();

    private readonly Dictionary<INamedTypeSymbol, HandlerKind> _handlerKinds = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _sdkJsonTypes = new(SymbolEqualityComparer.Default);

    private KnownTypeSymbols(Compilation compilation)
    {
        Compilation = compilation;
        INamedTypeSymbol? Get(string metadataName) => compilation.GetTypeByMetadataName(metadataName);

        HandlerAttribute = Get("Insight.Sdk.HandlerAttribute");
        FunctionStartupAttribute = Get(KnownTypes.FunctionStartupAttribute);
        DynamoTableAttribute = Get(KnownTypes.DynamoTableAttribute);
        AddHandlerKind(Get(KnownTypes.ScanEventHandlerAttribute), HandlerKind.Scan);
        AddHandlerKind(Get(KnownTypes.MetricHandlerAttribute), HandlerKind.Metric);
        AddHandlerKind(Get(KnownTypes.ErgonomicsHandlerAttribute), HandlerKind.Ergonomics);
        EventHandlerAttribute = Get(KnownTypes.EventHandlerAttribute);
        AddHandlerKind(EventHandlerAttribute, HandlerKind.General);

        TenantContext = Get(KnownTypes.TenantContext);
        InvocationContext = Get(KnownTypes.InvocationContext);
        TenantIdProperty = Property(TenantContext, "TenantId");
        TenantAccountIdProperty = Property(TenantContext, "AccountId");
        InvocationTenantIdProperty = Property(InvocationContext, "InvocationTenantId");
        foreach (var name in new[]
                 {
                     KnownTypes.ScanEvent, KnownTypes.ScannerStateEvent, KnownTypes.MetricSample, KnownTypes.ErgonomicsEvent,
                     KnownTypes.ScheduledEvent, KnownTypes.HttpApiRequest, KnownTypes.HttpApiResponse, KnownTypes.SqsBatchResponse,
                 })
        {
            if (Get(name) is { } sdkType)
            {
                _sdkJsonTypes.Add(sdkType);
            }
        }

        JsonSerializerContext = Get(KnownTypes.JsonSerializerContext);
        JsonSerializableAttribute = Get(KnownTypes.JsonSerializableAttribute);
        JsonPropertyNameAttribute = Get("System.Text.Json.Serialization.JsonPropertyNameAttribute");
        ServiceProvider = Get("System.IServiceProvider");
        Environment = Get("System.Environment");
        LoggerExtensions = Get("Microsoft.Extensions.Logging.LoggerExtensions");
        Logger = Get("Microsoft.Extensions.Logging.ILogger");
        LoggerMessageAttribute = Get("Microsoft.Extensions.Logging.LoggerMessageAttribute");

        AmazonServiceClient = Get("Amazon.Runtime.AmazonServiceClient");
        RegionEndpoint = Get("Amazon.RegionEndpoint");
        DynamoDbWriteRequest = Get("Amazon.DynamoDBv2.Model.WriteRequest");
        DynamoDbKeysAndAttributes = Get("Amazon.DynamoDBv2.Model.KeysAndAttributes");

        CdkStack = Get("Amazon.CDK.Stack");
        CdkAws = Get("Amazon.CDK.Aws");
        CdkFn = Get("Amazon.CDK.Fn");
        CdkEnvironment = Get("Amazon.CDK.Environment");
        CdkIEnvironment = Get("Amazon.CDK.IEnvironment");
        CdkSchedulerNamespaceType = Get("Amazon.CDK.AWS.Scheduler.CfnSchedule");
        CdkCfnParameter = Get("Amazon.CDK.CfnParameter");
        CdkDynamoDbTable = Get("Amazon.CDK.AWS.DynamoDB.Table");
        CdkDynamoDbTableProps = Get("Amazon.CDK.AWS.DynamoDB.TableProps");
        CdkLambdaFunction = Get("Amazon.CDK.AWS.Lambda.Function");
        CdkVpc = Get("Amazon.CDK.AWS.EC2.Vpc");
        CdkCfnNatGateway = Get("Amazon.CDK.AWS.EC2.CfnNatGateway");
        CdkEventsSchedule = Get("Amazon.CDK.AWS.Events.Schedule");

        void AddHandlerKind(INamedTypeSymbol? attribute, HandlerKind kind)
        {
            if (attribute is not null)
            {
                _handlerKinds[attribute] = kind;
            }
        }
    }

    public Compilation Compilation { get; }

    // Insight.Sdk
    public INamedTypeSymbol? HandlerAttribute { get; }

    public INamedTypeSymbol? EventHandlerAttribute { get; }

    public INamedTypeSymbol? FunctionStartupAttribute { get; }

    public INamedTypeSymbol? DynamoTableAttribute { get; }

    public INamedTypeSymbol? TenantContext { get; }

    public INamedTypeSymbol? InvocationContext { get; }

    public IPropertySymbol? TenantIdProperty { get; }

    public IPropertySymbol? TenantAccountIdProperty { get; }

    public IPropertySymbol? InvocationTenantIdProperty { get; }

    // .NET and Microsoft.Extensions
    public INamedTypeSymbol? JsonSerializerContext { get; }

    public INamedTypeSymbol? JsonSerializableAttribute { get; }

    public INamedTypeSymbol? JsonPropertyNameAttribute { get; }

    public INamedTypeSymbol? ServiceProvider { get; }

    public INamedTypeSymbol? Environment { get; }

    public INamedTypeSymbol? LoggerExtensions { get; }

    public INamedTypeSymbol? Logger { get; }

    public INamedTypeSymbol? LoggerMessageAttribute { get; }

    // AWS SDK for .NET
    public INamedTypeSymbol? AmazonServiceClient { get; }

    public INamedTypeSymbol? RegionEndpoint { get; }

    public INamedTypeSymbol? DynamoDbWriteRequest { get; }

    public INamedTypeSymbol? DynamoDbKeysAndAttributes { get; }

    // AWS CDK
    public INamedTypeSymbol? CdkStack { get; }

    public INamedTypeSymbol? CdkAws { get; }

    public INamedTypeSymbol? CdkFn { get; }

    public INamedTypeSymbol? CdkCfnParameter { get; }

    public INamedTypeSymbol? CdkEnvironment { get; }

    public INamedTypeSymbol? CdkIEnvironment { get; }

    /// <summary>A type of Amazon.CDK.AWS.Scheduler, whose namespace the schedule rule recognises.</summary>
    public INamedTypeSymbol? CdkSchedulerNamespaceType { get; }

    public INamedTypeSymbol? CdkDynamoDbTable { get; }

    public INamedTypeSymbol? CdkDynamoDbTableProps { get; }

    public INamedTypeSymbol? CdkLambdaFunction { get; }

    public INamedTypeSymbol? CdkVpc { get; }

    public INamedTypeSymbol? CdkCfnNatGateway { get; }

    public INamedTypeSymbol? CdkEventsSchedule { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, resolved on the first call and shared by every analyzer after.</summary>
    public static KnownTypeSymbols For(Compilation compilation) => Cache.GetValue(compilation, static c => new KnownTypeSymbols(c));

    /// <summary>The handler kind an attribute class declares (<c>[ScanEventHandler]</c> → Scan), or <c>null</c>.</summary>
    public HandlerKind? HandlerKindOf(INamedTypeSymbol? attributeClass) =>
        attributeClass is not null && _handlerKinds.TryGetValue(attributeClass, out var kind) ? kind : null;

    /// <summary>Whether <paramref name="type"/> is one of the SDK's types whose JSON metadata InsightJsonContext provides.</summary>
    public bool IsSdkJsonType(ITypeSymbol type) => type is INamedTypeSymbol named && _sdkJsonTypes.Contains(named);

    /// <summary>Whether <paramref name="type"/> derives from System.Text.Json's <c>JsonSerializerContext</c>.</summary>
    public bool IsJsonSerializerContext(INamedTypeSymbol type) => DerivesFrom(type, JsonSerializerContext);

    /// <summary>Whether <paramref name="symbol"/> carries an attribute of class <paramref name="attributeClass"/>.</summary>
    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeClass) => FindAttribute(symbol, attributeClass) is not null;

    /// <summary>The first attribute of class <paramref name="attributeClass"/> on <paramref name="symbol"/>, or <c>null</c>.</summary>
    public static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null)
        {
            return null;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Whether a base type of <paramref name="type"/> (not the type itself) is <paramref name="baseType"/>.</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static IPropertySymbol? Property(INamedTypeSymbol? type, string name) =>
        type?.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault();
}
