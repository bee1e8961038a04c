using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Insight.Generators.Common;
using Insight.Generators.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Insight.Generators.Data;

/// <summary>
/// Turns <c>[DynamoTable]</c> types into reflection-free DynamoDB mappers, typed tables and readers.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DynamoGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, asserted by the caching tests.</summary>
    public static class Steps
    {
        public const string Entities = "Entities";
        public const string NestedTypes = "NestedTypes";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var entities = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.DynamoTableAttribute, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, Parse)
            .Where(static entity => entity is not null)
            .Select(static (entity, _) => entity!)
            .WithTrackingName(Steps.Entities);

        var nested = entities
            .Select(static (entity, _) => entity.NestedTypes)
            .Collect()
            .Select(static (all, _) => all.SelectMany(n => n).GroupBy(n => n.FullTypeName).Select(g => g.First()).OrderBy(n => n.FullTypeName, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.NestedTypes);

        context.RegisterSourceOutput(entities, static (output, generation) =>
            output.AddSource(EntityEmitter.HintName(generation.Entity), EntityEmitter.EmitEntity(generation.Entity)));
        context.RegisterSourceOutput(nested, static (output, types) =>
        {
            foreach (var type in types)
            {
                output.CancellationToken.ThrowIfCancellationRequested();
                output.AddSource(EntityEmitter.NestedHintName(type), EntityEmitter.EmitNested(type));
            }
        });
    }

    private static EntityGeneration? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return context.TargetSymbol is INamedTypeSymbol type && context.Attributes.Length > 0
            ? EntityShape.Read(type, context.Attributes[0], new List<HandlerProblem>())
            : null;
    }
}
