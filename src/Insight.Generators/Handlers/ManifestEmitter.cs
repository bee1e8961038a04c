using System.Collections.Generic;
using System.Linq;
using Insight.Generators.Common;
using Insight.Sdk;

namespace Insight.Generators.Handlers;

/// <summary>
/// Writes the manifest in exactly the schema of <c>Insight.Sdk.Manifest.ServiceManifest</c> (a round-trip test
/// reads every generated manifest into those records): the JSON the build writes as <c>insight.manifest.json</c>: what the infrastructure side needs to deploy the service without reading
/// its code — each function's key, trigger, event, sizing, constructor dependencies and the tables it reads or writes.
/// </summary>
internal static class ManifestEmitter
{
    public const int SchemaVersion = 1;

    public static string Emit(ServiceModel service)
    {
        var writer = new SourceWriter();
        writer.Line("{");
        using (writer.Indented())
        {
            writer.Line($"\"schemaVersion\": {SchemaVersion},")
                  .Line($"\"service\": {Literal.Json(service.ServiceName)},")
                  .Line("\"functions\": [");
            using (writer.Indented())
            {
                for (var i = 0; i < service.Handlers.Count; i++)
                {
                    EmitFunction(writer, service.Handlers[i], last: i == service.Handlers.Count - 1);
                }
            }

            writer.Line("],")
                  .Line("\"tables\": [");
            using (writer.Indented())
            {
                // Entity types that share a table declare the same keys; their indexes add up.
                var tables = TablesByName(service);
                for (var i = 0; i < tables.Count; i++)
                {
                    EmitTable(writer, tables[i].Key, tables[i].ToList(), last: i == tables.Count - 1);
                }
            }

            writer.Line("]");
        }

        writer.Line("}");
        return writer.ToString();
    }

    /// <summary>The service's tables by logical name, in a stable order.</summary>
    public static IEnumerable<string> TableNames(ServiceModel service) => TablesByName(service).Select(g => g.Key);

    private static List<IGrouping<string, TableTypeModel>> TablesByName(ServiceModel service) =>
        service.Tables.GroupBy(t => t.TableName).OrderBy(g => g.Key, System.StringComparer.Ordinal).ToList();

    private static void EmitTable(SourceWriter writer, string name, List<TableTypeModel> entities, bool last)
    {
        var schema = entities[0].Schema;
        var indexes = entities.SelectMany(e => e.Schema.Indexes).GroupBy(i => i.Name).Select(g => g.First()).OrderBy(i => i.Name, System.StringComparer.Ordinal);
        var fields = new List<string>
        {
            $"\"name\": {Literal.Json(name)}",
            $"\"entities\": [{string.Join(", ", entities.Select(e => Literal.Json(e.Qualified(""))))}]",
            $"\"partitionKey\": {Key(schema.PartitionKey)}",
        };
        if (schema.SortKey is { } sort)
        {
            fields.Add($"\"sortKey\": {Key(sort)}");
        }

        fields.Add($"\"indexes\": [{string.Join(", ", indexes.Select(Index))}]");
        if (entities.Select(e => e.Schema.TimeToLive).FirstOrDefault(t => t is not null) is { } ttl)
        {
            fields.Add($"\"timeToLive\": {Literal.Json(ttl)}");
        }

        writer.Line("{ " + string.Join(", ", fields) + (last ? " }" : " },"));
    }

    private static string Key(Data.KeyAttributeModel key) => $"{{ \"name\": {Literal.Json(key.Name)}, \"type\": {Literal.Json(key.Type)} }}";

    private static string Index(Data.IndexSchemaModel index) =>
        $"{{ \"name\": {Literal.Json(index.Name)}, \"global\": {(index.IsGlobal ? "true" : "false")}, \"partitionKey\": {Key(index.PartitionKey)}"
        + (index.SortKey is { } sort ? $", \"sortKey\": {Key(sort)}" : "") + " }";

    private static void EmitFunction(SourceWriter writer, ResolvedHandler resolved, bool last)
    {
        var handler = resolved.Handler;
        var fields = new List<string>
        {
            $"\"name\": {Literal.Json(handler.FunctionName)}",
            $"\"handler\": {Literal.Json(handler.FunctionName)}",
            $"\"class\": {Literal.Json(handler.DisplayTypeName)}",
            $"\"kind\": {Literal.Json(handler.Kind.ToString())}",
            $"\"trigger\": {Literal.Json(handler.Trigger.ToString())}",
            $"\"eventType\": {Literal.Json(handler.EventType.DisplayName)}",
        };
        if (handler.ResultType is { } result)
        {
            fields.Add($"\"resultType\": {Literal.Json(result.DisplayName)}");
        }

        if (handler.Trigger == Trigger.EventBridge)
        {
            fields.Add($"\"detailType\": {Literal.Json(handler.EventType.ShortName)}");
        }

        if (handler.Schedule is not null)
        {
            fields.Add($"\"schedule\": {Literal.Json(handler.Schedule)}");
        }

        if (handler.Route is not null)
        {
            fields.Add($"\"route\": {Literal.Json(handler.Route)}");
        }

        if (handler.Trigger == Trigger.HttpApi)
        {
            fields.Add(handler.Anonymous is { } reason
                ? $"\"anonymous\": {Literal.Json(reason)}"
                : $"\"scopes\": [{string.Join(", ", handler.Scopes.Select(Literal.Json))}]");
        }

        if (handler.Trigger == Trigger.SqsBatch)
        {
            fields.Add($"\"batchSize\": {Literal.Number(handler.BatchSize)}");
        }

        fields.Add($"\"memorySize\": {Literal.Number(handler.MemorySize)}");
        fields.Add($"\"timeoutSeconds\": {Literal.Number(handler.TimeoutSeconds)}");
        fields.Add($"\"architecture\": {Literal.Json(HandlerShape.ArchitectureName(handler.Architecture))}");
        fields.Add($"\"dependencies\": [{string.Join(", ", resolved.Dependencies.Select(d => Literal.Json(d.TypeDisplayName)))}]");
        var tables = resolved.Dependencies.Where(d => d.Table is not null).Select(d => d.Table!)
            .GroupBy(t => t.TableName).Select(g => new TableDependency(g.Key, g.All(t => t.ReadOnly)));
        fields.Add($"\"tables\": [{string.Join(", ", tables.Select(t => $"{{ \"name\": {Literal.Json(t.TableName)}, \"access\": {Literal.Json(t.ReadOnly ? "read" : "readwrite")} }}"))}]");

        // One line per function: a service of hundreds of handlers keeps a compact manifest.
        writer.Line("{ " + string.Join(", ", fields) + (last ? " }" : " },"));
    }
}
