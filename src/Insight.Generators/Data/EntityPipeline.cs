using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Insight.Generators.Common;
using Insight.Generators.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Steps = Insight.Generators.InsightGenerator.Steps;

namespace Insight.Generators.Data;

/// <summary>
/// <c>[DynamoTable]</c> types → reflection-free DynamoDB mappers, typed tables and readers, and the table models the
/// handler pipeline wires and describes in the manifest.
/// </summary>
internal static class EntityPipeline
{
    /// <summary>Every entity of the compilation, read once.</summary>
    public static IncrementalValuesProvider<EntityGeneration> Entities(IncrementalGeneratorInitializationContext context) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.DynamoTableAttribute, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, Parse)
            .Where(static entity => entity is not null)
            .Select(static (entity, _) => entity!)
            .WithTrackingName(Steps.Entities);

    /// <summary>Each entity's mapper and table types, and the nested types they map, once each.</summary>
    public static void RegisterOutputs(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EntityGeneration> entities)
    {
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

    /// <summary>The project's tables as handlers depend on them (<c>{Entity}Table</c>, <c>{Entity}Reader</c>) and the manifest describes them.</summary>
    public static IncrementalValueProvider<EquatableArray<TableTypeModel>> Tables(IncrementalValuesProvider<EntityGeneration> entities) =>
        entities
            .Select(static (generation, _) => new TableTypeModel(generation.Entity.Namespace, generation.Entity.Name, generation.Entity.TableName, EntityEmitter.TableSchema(generation.Entity)))
            .Collect()
            .Select(static (all, _) => all.OrderBy(t => t.EntityName, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.Tables);

    private static EntityGeneration? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return context.TargetSymbol is INamedTypeSymbol type && context.Attributes.Length > 0
            ? EntityShape.Read(type, context.Attributes[0], new List<HandlerProblem>())
            : null;
    }
}
