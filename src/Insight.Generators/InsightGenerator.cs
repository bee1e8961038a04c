using Insight.Generators.Data;
using Insight.Generators.Handlers;
using Microsoft.CodeAnalysis;

namespace Insight.Generators;

/// <summary>
/// The service generator. Each <c>[DynamoTable]</c> type is read into its model once; that model feeds the entity's
/// mapper and typed table, the handlers' table wiring and the manifest's table section. Each handler becomes its own
/// invoker, and the service gets one entry point, its registrations and its manifest.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class InsightGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, asserted by the caching tests.</summary>
    public static class Steps
    {
        public const string Entities = "Entities";
        public const string NestedTypes = "NestedTypes";
        public const string Tables = "Tables";
        public const string Handlers = "Handlers";
        public const string Startup = "Startup";
        public const string JsonContexts = "JsonContexts";
        public const string Options = "Options";
        public const string Invokers = "Invokers";
        public const string Service = "Service";
    }

    /// <summary>MSBuild property that turns the generated <c>Main</c> off (for test projects that host handlers).</summary>
    public const string EntryPointProperty = "build_property.InsightGenerateEntryPoint";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var entities = EntityPipeline.Entities(context);
        EntityPipeline.RegisterOutputs(context, entities);
        HandlerPipeline.Register(context, EntityPipeline.Tables(entities));
    }
}
