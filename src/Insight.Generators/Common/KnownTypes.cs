using Microsoft.CodeAnalysis;

namespace Insight.Generators.Common;

/// <summary>Metadata names of the SDK and framework types the generators and analyzers recognise.</summary>
internal static class KnownTypes
{
    public const string ScanEventHandlerAttribute = "Insight.Sdk.ScanEventHandlerAttribute";
    public const string MetricHandlerAttribute = "Insight.Sdk.MetricHandlerAttribute";
    public const string ErgonomicsHandlerAttribute = "Insight.Sdk.ErgonomicsHandlerAttribute";
    public const string EventHandlerAttribute = "Insight.Sdk.EventHandlerAttribute";
    public const string FunctionStartupAttribute = "Insight.Sdk.FunctionStartupAttribute";

    public const string DynamoTableAttribute = "Insight.Sdk.Data.DynamoTableAttribute";
    public const string PartitionKeyAttribute = "Insight.Sdk.Data.PartitionKeyAttribute";
    public const string SortKeyAttribute = "Insight.Sdk.Data.SortKeyAttribute";
    public const string CompositeKeyAttribute = "Insight.Sdk.Data.CompositeKeyAttribute";
    public const string GlobalIndexPartitionKeyAttribute = "Insight.Sdk.Data.GlobalIndexPartitionKeyAttribute";
    public const string GlobalIndexSortKeyAttribute = "Insight.Sdk.Data.GlobalIndexSortKeyAttribute";
    public const string LocalIndexSortKeyAttribute = "Insight.Sdk.Data.LocalIndexSortKeyAttribute";
    public const string VersionAttribute = "Insight.Sdk.Data.VersionAttribute";
    public const string TimeToLiveAttribute = "Insight.Sdk.Data.TimeToLiveAttribute";
    public const string DynamoPropertyAttribute = "Insight.Sdk.Data.DynamoPropertyAttribute";
    public const string DynamoIgnoreAttribute = "Insight.Sdk.Data.DynamoIgnoreAttribute";
    public const string DynamoConverterAttribute = "Insight.Sdk.Data.DynamoConverterAttribute";
    public const string DynamoReader = "Insight.Sdk.Data.DynamoReader`1";
    public const string DynamoTable = "Insight.Sdk.Data.DynamoTable`1";

    public const string InsightServiceAttribute = "Insight.Sdk.Manifest.InsightServiceAttribute";
    public const string ServiceFunctionAttribute = "Insight.Sdk.Manifest.ServiceFunctionAttribute";
    public const string ServiceTableAttribute = "Insight.Sdk.Manifest.ServiceTableAttribute";

    public const string TenantContext = "Insight.Sdk.TenantContext";
    public const string InvocationContext = "Insight.Sdk.InvocationContext";

    public const string ScanEvent = "Insight.Sdk.Events.ScanEvent";
    public const string ScannerStateEvent = "Insight.Sdk.Events.ScannerStateEvent";
    public const string MetricSample = "Insight.Sdk.Events.MetricSample";
    public const string ErgonomicsEvent = "Insight.Sdk.Events.ErgonomicsEvent";
    public const string ScheduledEvent = "Insight.Sdk.Aws.ScheduledEvent";
    public const string HttpApiRequest = "Insight.Sdk.Aws.HttpApiRequest";
    public const string HttpApiResponse = "Insight.Sdk.Aws.HttpApiResponse";
    public const string SqsBatchResponse = "Insight.Sdk.Aws.SqsBatchResponse";

    public const string InsightJsonContext = "global::Insight.Sdk.Serialization.InsightJsonContext";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";

    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string ServiceCollection = "Microsoft.Extensions.DependencyInjection.IServiceCollection";

    /// <summary>Fully qualified C# name, <c>global::</c> included, that generated code can use anywhere.</summary>
    public static readonly SymbolDisplayFormat FullyQualified =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The name a person reads: namespace-qualified, no <c>global::</c>.</summary>
    public static readonly SymbolDisplayFormat Readable =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>
    /// The SDK types whose JSON metadata <c>InsightJsonContext</c> provides, by metadata name, with the context's
    /// property for each.
    /// </summary>
    public static string? SdkJsonProperty(string metadataName) => metadataName switch
    {
        ScanEvent => "ScanEvent",
        ScannerStateEvent => "ScannerStateEvent",
        MetricSample => "MetricSample",
        ErgonomicsEvent => "ErgonomicsEvent",
        ScheduledEvent => "ScheduledEvent",
        HttpApiRequest => "HttpApiRequest",
        HttpApiResponse => "HttpApiResponse",
        SqsBatchResponse => "SqsBatchResponse",
        _ => null,
    };

    public static string MetadataName(this ITypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? ns.ToDisplayString() + "." + type.MetadataName
            : type.MetadataName;
}
