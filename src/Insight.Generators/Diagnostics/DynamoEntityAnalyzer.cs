using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.MetadataName() == KnownTypes.DynamoTableAttribute);
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
