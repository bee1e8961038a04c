using System.Collections.Generic;
using System.Collections.Immutable;
using Insight.Generators.Common;
using Insight.Generators.Data;
using Insight.Generators.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Generators.Diagnostics;

/// <summary>
/// Reports misuse of <c>[DynamoTable]</c> types as the developer types; the generator skips exactly the entities
/// reported here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DynamoEntityAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.EntityNotPartial,
        DiagnosticDescriptors.MissingPartitionKey,
        DiagnosticDescriptors.UnsupportedPropertyType,
        DiagnosticDescriptors.NullableKey,
        DiagnosticDescriptors.DuplicateAttributeName,
        DiagnosticDescriptors.InvalidKeyDeclaration,
        DiagnosticDescriptors.InvalidSpecialProperty,
        DiagnosticDescriptors.UnsupportedEntityShape,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var dynamoTable = KnownTypeSymbols.For(start.Compilation).DynamoTableAttribute;
            if (dynamoTable is not null)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, dynamoTable), SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol dynamoTable)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = KnownTypeSymbols.FindAttribute(type, dynamoTable);
        if (attribute is null)
        {
            return;
        }

        var problems = new List<HandlerProblem>();
        EntityShape.Read(type, attribute, problems);
        foreach (var problem in problems)
        {
            context.ReportDiagnostic(problem.ToDiagnostic());
        }
    }
}
