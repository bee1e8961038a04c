using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Insight.Generators.Common;
using Insight.Sdk;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Steps = Insight.Generators.InsightGenerator.Steps;

namespace Insight.Generators.Handlers;

/// <summary>
/// Handler classes → Lambda functions: one invoker per handler (its own output, so editing one handler re-emits only
/// its invoker and the service file), and per service one entry point, the registrations and the manifest.
/// </summary>
internal static class HandlerPipeline
{
    private static readonly string[] HandlerAttributes =
    [
        KnownTypes.ScanEventHandlerAttribute,
        KnownTypes.MetricHandlerAttribute,
        KnownTypes.ErgonomicsHandlerAttribute,
        KnownTypes.EventHandlerAttribute,
    ];

    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<EquatableArray<TableTypeModel>> tables)
    {
        var jsonContexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.JsonSerializableAttribute, static (node, _) => node is ClassDeclarationSyntax, HandlerParser.ParseJsonContext)
            .Where(static c => c is not null)
            .Select(static (c, _) => c!)
            .Collect()
            .Select(static (all, _) => all.OrderBy(c => c.FullTypeName, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.JsonContexts);

        // The service's one architecture (InsightArchitecture), which a handler that names none takes.
        var architecture = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(HandlerShape.ArchitectureProperty, out var declared) ? HandlerShape.ParseArchitecture(declared) : null);

        // What every handler is resolved against; value-equal across edits that change neither contexts, tables nor the architecture.
        var resolution = jsonContexts.Combine(tables).Combine(architecture);

        // One provider per handler attribute (ForAttributeWithMetadataName matches one exact attribute), each handler its own item.
        var invokerProviders = HandlerAttributes
            .Select(attribute => context.SyntaxProvider
                .ForAttributeWithMetadataName(attribute, static (node, _) => node is ClassDeclarationSyntax, HandlerParser.ParseHandler)
                .Where(static handler => handler is not null)
                .Select(static (handler, _) => handler!)
                .WithTrackingName(Steps.Handlers)
                .Combine(resolution)
                .Select(static (input, _) => Resolve(
                    input.Right.Right is { } declared && !input.Left.ArchitectureDeclared ? input.Left with { Architecture = declared } : input.Left,
                    input.Right.Left.Left,
                    input.Right.Left.Right))
                .Where(static resolved => resolved is not null)
                .Select(static (resolved, _) => resolved!)
                .WithTrackingName(Steps.Invokers))
            .ToList();

        foreach (var invokers in invokerProviders)
        {
            context.RegisterSourceOutput(invokers, static (output, resolved) =>
                output.AddSource(HandlerEmitter.HintName(resolved.Handler), HandlerEmitter.EmitInvoker(resolved)));
        }

        var allInvokers = invokerProviders
            .Select(static provider => provider.Collect())
            .Aggregate(static (left, right) => left.Combine(right).Select(static (pair, _) => pair.Left.AddRange(pair.Right)));

        var startup = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.FunctionStartupAttribute, static (node, _) => node is ClassDeclarationSyntax, HandlerParser.ParseStartup)
            .Where(static s => s is not null)
            .Collect()
            .Select(static (all, _) => all.FirstOrDefault()?.FullTypeName)
            .WithTrackingName(Steps.Startup);

        var options = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) =>
            {
                pair.Right.GlobalOptions.TryGetValue(InsightGenerator.EntryPointProperty, out var entryPoint);
                return (AssemblyName: pair.Left.AssemblyName ?? "Service",
                        EmitEntryPoint: !string.Equals(entryPoint, "false", System.StringComparison.OrdinalIgnoreCase));
            })
            .WithTrackingName(Steps.Options);

        var service = allInvokers
            .Combine(startup)
            .Combine(tables)
            .Combine(options)
            .Select(static (input, _) => BuildService(
                input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right.AssemblyName, input.Right.EmitEntryPoint))
            .WithTrackingName(Steps.Service);

        context.RegisterSourceOutput(service, static (output, service) =>
        {
            if (service is not null)
            {
                output.AddSource(HandlerEmitter.ServiceHintName, HandlerEmitter.EmitService(service));
            }
        });
    }

    /// <summary>
    /// Joins a handler with the JSON metadata that reads its events and with the project's tables. A handler whose
    /// types no context covers gets no invoker; the analyzer reports it.
    /// </summary>
    private static ResolvedHandler? Resolve(HandlerModel handler, EquatableArray<JsonContextModel> contexts, EquatableArray<TableTypeModel> tables)
    {
        var eventInfo = TypeInfoExpression(handler.EventType, contexts);
        var resultInfo = handler.ResultType is { } result && handler.Trigger != Trigger.SqsBatch && !handler.IsRawHttp
            ? TypeInfoExpression(result, contexts)
            : "";
        if (eventInfo is null || resultInfo is null)
        {
            return null;
        }

        var dependencies = handler.Dependencies.Select(d => ResolveTable(d, tables)).ToEquatableArray();
        return new ResolvedHandler(handler, eventInfo, resultInfo.Length == 0 ? null : resultInfo, dependencies);
    }

    /// <summary>The service, in a stable order; a function key another handler already took is left out (the analyzer reports it).</summary>
    private static ServiceModel? BuildService(
        ImmutableArray<ResolvedHandler> handlers, string? startupType, EquatableArray<TableTypeModel> tables, string assemblyName, bool emitEntryPoint)
    {
        var keys = new HashSet<string>(System.StringComparer.Ordinal);
        var unique = handlers
            .OrderBy(h => h.Handler.FullTypeName, System.StringComparer.Ordinal)
            .Where(h => keys.Add(h.Handler.FunctionName))
            .ToEquatableArray();
        return unique.Count == 0
            ? null
            : new ServiceModel(assemblyName, Literal.Namespace(assemblyName), emitEntryPoint, startupType, unique, tables);
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
                    return new DependencyModel("global::" + table.Qualified(suffix), table.Qualified(suffix), dependency.IsOptional, Table: new TableDependency(table.TableName, readOnly));
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
