using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Insight.Generators.Common;
using Insight.Sdk;
using Insight.Generators.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Generators.Diagnostics;

/// <summary>
/// Reports misuse of handler and startup attributes as the developer types. The generator skips what this
/// analyzer reports, so every skipped handler has a diagnostic that says why.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerUsageAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.HandlerNotPartial,
        DiagnosticDescriptors.HandlerMethodMissing,
        DiagnosticDescriptors.UnsupportedReturnType,
        DiagnosticDescriptors.UnsupportedParameter,
        DiagnosticDescriptors.EventTypeMismatch,
        DiagnosticDescriptors.DuplicateHandlerKey,
        DiagnosticDescriptors.EventTypeNotSerializable,
        DiagnosticDescriptors.AnonymousRoute,
        DiagnosticDescriptors.QueuePollsWhileIdle,
        DiagnosticDescriptors.ArchitectureContradictsService,
        DiagnosticDescriptors.InvalidTriggerOptions,
        DiagnosticDescriptors.UnsupportedHandlerClass,
        DiagnosticDescriptors.InvalidStartup,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownTypeSymbols.For(start.Compilation);
            if (symbols.EventHandlerAttribute is null)
            {
                return;
            }

            // Built once per compilation, on first need: which types JSON contexts cover, and every handler's key.
            var index = new Lazy<ProjectIndex>(() => ProjectIndex.Build(symbols));
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, symbols, index), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, KnownTypeSymbols symbols, Lazy<ProjectIndex> index)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.FunctionStartupAttribute))
            {
                AnalyzeStartup(context, type, index.Value);
            }
            else if (symbols.HandlerKindOf(attribute.AttributeClass) is { } kind)
            {
                AnalyzeHandler(context, type, attribute, kind, index.Value);
                return;
            }
        }
    }

    private static void AnalyzeHandler(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute, HandlerKind kind, ProjectIndex index)
    {
        var problems = new List<HandlerProblem>();
        var model = HandlerShape.Read(type, attribute, kind, problems);
        foreach (var problem in problems)
        {
            context.ReportDiagnostic(problem.ToDiagnostic());
        }

        if (model is null)
        {
            return;
        }

        var location = type.Locations.FirstOrDefault();
        if (!HandlerShape.IsSerializable(model.EventType, index.Contexts))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EventTypeNotSerializable, location, model.EventType.DisplayName));
        }

        if (model.ResultType is { } result && model.Trigger != Trigger.SqsBatch && !model.IsRawHttp
            && !HandlerShape.IsSerializable(result, index.Contexts))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EventTypeNotSerializable, location, result.DisplayName));
        }

        if (model.Anonymous is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AnonymousRoute, location, model.Route, type.Name, reason));
        }

        if (model.ArchitectureDeclared
            && context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(HandlerShape.ArchitectureProperty, out var declared)
            && HandlerShape.ParseArchitecture(declared) is { } service && service != model.Architecture)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ArchitectureContradictsService, location,
                type.Name, HandlerShape.ArchitectureName(model.Architecture), HandlerShape.ArchitectureName(service)));
        }

        if (model.Trigger == Trigger.SqsBatch)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.QueuePollsWhileIdle, location, type.Name));
        }

        // The first handler (by full name) keeps a key; each later one is reported, matching what the generator keeps.
        if (index.HandlersByKey.TryGetValue(model.FunctionName, out var owners) && owners.Count > 1 && owners[0] != model.FullTypeName)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateHandlerKey, location, model.FunctionName, type.Name, owners[0]));
        }
    }

    private static void AnalyzeStartup(SymbolAnalysisContext context, INamedTypeSymbol type, ProjectIndex index)
    {
        var location = type.Locations.FirstOrDefault();
        if (StartupShape.Problem(type) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidStartup, location, type.Name, problem));
        }
        else if (index.StartupTypes.Count > 1 && index.StartupTypes[0] != type.ToDisplayString(KnownTypes.FullyQualified))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidStartup, location, type.Name,
                $"is one of {index.StartupTypes.Count} startup classes; a service has at most one"));
        }
    }

    /// <summary>Facts about the whole project that single-symbol analysis needs.</summary>
    private sealed class ProjectIndex
    {
        public List<JsonContextModel> Contexts { get; } = [];

        public Dictionary<string, List<string>> HandlersByKey { get; } = new(StringComparer.Ordinal);

        public List<string> StartupTypes { get; } = [];

        public static ProjectIndex Build(KnownTypeSymbols symbols)
        {
            var index = new ProjectIndex();
            foreach (var type in SourceTypes(symbols.Compilation.Assembly.GlobalNamespace))
            {
                var attributes = type.GetAttributes();
                if (symbols.IsJsonSerializerContext(type))
                {
                    index.Contexts.Add(new JsonContextModel(type.ToDisplayString(KnownTypes.FullyQualified), CoveredTypes(attributes, symbols).ToEquatableArray()));
                }

                foreach (var attribute in attributes)
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.FunctionStartupAttribute) && StartupShape.Problem(type) is null)
                    {
                        index.StartupTypes.Add(type.ToDisplayString(KnownTypes.FullyQualified));
                    }
                    else if (symbols.HandlerKindOf(attribute.AttributeClass) is not null)
                    {
                        var key = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? type.Name;
                        if (!index.HandlersByKey.TryGetValue(key, out var owners))
                        {
                            index.HandlersByKey[key] = owners = [];
                        }

                        owners.Add(type.ToDisplayString(KnownTypes.FullyQualified));
                    }
                }
            }

            foreach (var owners in index.HandlersByKey.Values)
            {
                owners.Sort(StringComparer.Ordinal);
            }

            index.StartupTypes.Sort(StringComparer.Ordinal);
            return index;
        }

        /// <summary>The types a context's <c>[JsonSerializable(typeof(T))]</c> attributes cover, named as the handler model names them.</summary>
        private static IEnumerable<string> CoveredTypes(ImmutableArray<AttributeData> attributes, KnownTypeSymbols symbols)
        {
            var covered = new List<string>();
            foreach (var attribute in attributes)
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.JsonSerializableAttribute)
                    && attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is ITypeSymbol type)
                {
                    covered.Add(HandlerShape.Ref(type).FullName);
                }
            }

            covered.Sort(StringComparer.Ordinal);
            return covered;
        }

        private static IEnumerable<INamedTypeSymbol> SourceTypes(INamespaceSymbol ns)
        {
            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    foreach (var type in SourceTypes(child))
                    {
                        yield return type;
                    }
                }
                else if (member is INamedTypeSymbol type && type.Locations.Any(l => l.IsInSource))
                {
                    yield return type;
                }
            }
        }
    }
}
