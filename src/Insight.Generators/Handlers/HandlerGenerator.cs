using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Insight.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Insight.Generators.Handlers;

/// <summary>
/// Turns handler classes into Lambda functions: an invoker per handler, and per service one entry point,
/// the dependency-injection registrations and the manifest.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HandlerGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, asserted by the caching tests.</summary>
    public static class Steps
    {
        public const string Handlers = "Handlers";
        public const string Startup = "Startup";
        public const string JsonContexts = "JsonContexts";
        public const string Options = "Options";
        public const string Tables = "Tables";
        public const string Service = "Service";
    }

    /// <summary>MSBuild property that turns the generated <c>Main</c> off (for test projects that host handlers).</summary>
    public const string EntryPointProperty = "build_property.InsightGenerateEntryPoint";

    private static readonly string[] HandlerAttributes =
    [
        KnownTypes.ScanEventHandlerAttribute,
        KnownTypes.MetricHandlerAttribute,
        KnownTypes.ErgonomicsHandlerAttribute,
        KnownTypes.EventHandlerAttribute,
    ];

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var handlers = HandlerAttributes
            .Select(attribute => context.SyntaxProvider
                .ForAttributeWithMetadataName(attribute, static (node, _) => node is ClassDeclarationSyntax, HandlerParser.ParseHandler)
                .Where(static handler => handler is not null)
                .Select(static (handler, _) => handler!)
                .Collect())
            .Aggregate((left, right) => left.Combine(right).Select(static (pair, _) => pair.Left.AddRange(pair.Right)))
            .Select(static (all, _) => all.OrderBy(h => h.FullTypeName, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.Handlers);

        var startup = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.FunctionStartupAttribute, static (node, _) => node is ClassDeclarationSyntax, HandlerParser.ParseStartup)
            .Where(static s => s is not null)
            .Collect()
            .Select(static (all, _) => all.FirstOrDefault()?.FullTypeName)
            .WithTrackingName(Steps.Startup);

        var jsonContexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.JsonSerializableAttribute, static (node, _) => node is ClassDeclarationSyntax, HandlerParser.ParseJsonContext)
            .Where(static c => c is not null)
            .Select(static (c, _) => c!)
            .Collect()
            .Select(static (all, _) => all.OrderBy(c => c.FullTypeName, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.JsonContexts);

        // The table types the DynamoDB generator emits in this compilation: handlers may depend on them by name.
        var tables = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.DynamoTableAttribute, static (node, _) => node is TypeDeclarationSyntax, static (syntax, _) =>
                syntax.TargetSymbol is INamedTypeSymbol type && Data.EntityShape.Read(type, syntax.Attributes[0], new List<HandlerProblem>()) is { } generation
                    ? new TableTypeModel(generation.Entity.Namespace, generation.Entity.Name, generation.Entity.TableName, Data.EntityEmitter.TableSchema(generation.Entity))
                    : null)
            .Where(static table => table is not null)
            .Select(static (table, _) => table!)
            .Collect()
            .Select(static (all, _) => all.OrderBy(t => t.EntityName, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.Tables);

        var options = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) =>
            {
                pair.Right.GlobalOptions.TryGetValue(EntryPointProperty, out var entryPoint);
                return (AssemblyName: pair.Left.AssemblyName ?? "Service",
                        EmitEntryPoint: !string.Equals(entryPoint, "false", System.StringComparison.OrdinalIgnoreCase));
            })
            .WithTrackingName(Steps.Options);

        var service = handlers
            .Combine(startup)
            .Combine(jsonContexts)
            .Combine(tables)
            .Combine(options)
            .Select(static (input, _) => BuildService(
                input.Left.Left.Left.Left, input.Left.Left.Left.Right, input.Left.Left.Right, input.Left.Right, input.Right.AssemblyName, input.Right.EmitEntryPoint))
            .WithTrackingName(Steps.Service);

        context.RegisterSourceOutput(service, static (output, service) =>
        {
            if (service is null)
            {
                return;
            }

            foreach (var handler in service.Handlers)
            {
                output.CancellationToken.ThrowIfCancellationRequested();
                output.AddSource(HandlerEmitter.HintName(handler.Handler), HandlerEmitter.EmitInvoker(handler));
            }

            output.AddSource("InsightService.g.cs", HandlerEmitter.EmitService(service));
        });
    }

    /// <summary>
    /// Joins handlers with the JSON metadata that reads their events. A handler whose types no context covers,
    /// or whose key another handler already took, is left out; the analyzer reports it.
    /// </summary>
    private static ServiceModel? BuildService(
        EquatableArray<HandlerModel> handlers, string? startupType, EquatableArray<JsonContextModel> contexts, EquatableArray<TableTypeModel> tables,
        string assemblyName, bool emitEntryPoint)
    {
        var keys = new HashSet<string>(System.StringComparer.Ordinal);
        var resolved = new List<ResolvedHandler>();
        foreach (var handler in handlers)
        {
            var eventInfo = TypeInfoExpression(handler.EventType, contexts);
            var resultInfo = handler.ResultType is { } result && handler.Trigger != TriggerKind.SqsBatch && !handler.IsRawHttp
                ? TypeInfoExpression(result, contexts)
                : "";
            if (eventInfo is null || resultInfo is null || !keys.Add(handler.FunctionName))
            {
                continue;
            }

            var dependencies = handler.Dependencies.Select(d => ResolveTable(d, tables)).ToEquatableArray();
            resolved.Add(new ResolvedHandler(handler, eventInfo, resultInfo.Length == 0 ? null : resultInfo, dependencies));
        }

        return resolved.Count == 0
            ? null
            : new ServiceModel(assemblyName, Literal.Namespace(assemblyName), emitEntryPoint, startupType, resolved.ToEquatableArray(), tables);
    }

    /// <summary>A dependency named <c>{Entity}Table</c> or <c>{Entity}Reader</c> is the table type generated for that entity.</summary>
    private static DependencyModel ResolveTable(DependencyModel dependency, EquatableArray<TableTypeModel> tables)
    {
        if (dependency.UnresolvedName is not { } name)
        {
            return dependency;
        }

        foreach (var table in tables)
        {
            foreach (var (suffix, readOnly) in new[] { ("Table", false), ("Reader", true) })
            {
                if (name == table.EntityName + suffix)
                {
                    return new DependencyModel("global::" + table.Qualified(suffix), table.Qualified(suffix), dependency.IsOptional, Table: new TableUse(table.TableName, readOnly));
                }
            }
        }

        return dependency;
    }

    private static string? TypeInfoExpression(TypeRef type, EquatableArray<JsonContextModel> contexts)
    {
        if (type.SdkJsonProperty is not null)
        {
            return $"{KnownTypes.InsightJsonContext}.Default.{type.SdkJsonProperty}";
        }

        var context = contexts.FirstOrDefault(c => c.Types.Contains(type.FullName));
        return context is null
            ? null
            : $"(global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{type.FullName}>){context.FullTypeName}.Default.GetTypeInfo(typeof({type.FullName}))!";
    }
}
