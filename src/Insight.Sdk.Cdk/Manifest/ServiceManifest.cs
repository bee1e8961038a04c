using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insight.Sdk.Cdk.Manifest;

/// <summary>
/// A service as its build describes it (<c>insight.manifest.json</c>, also compiled into the service as
/// <c>InsightService.Manifest</c>): its functions and tables. Everything the construct deploys is derived from it.
/// </summary>
public sealed record ServiceManifest(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("functions")] IReadOnlyList<FunctionManifest> Functions,
    [property: JsonPropertyName("tables")] IReadOnlyList<TableManifest> Tables)
{
    /// <summary>The manifest schema this library reads.</summary>
    public const int SupportedSchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = false };

    /// <summary>Reads a manifest, checking it is complete.</summary>
    /// <exception cref="InvalidDataException">It is not a manifest this library understands.</exception>
    public static ServiceManifest Parse(string json)
    {
        ServiceManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ServiceManifest>(json, Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The service manifest is not valid JSON: {exception.Message}", exception);
        }

        if (manifest is null || manifest.SchemaVersion != SupportedSchemaVersion)
        {
            throw new InvalidDataException($"The service manifest has schemaVersion {manifest?.SchemaVersion}; this library reads {SupportedSchemaVersion}. Update Insight.Sdk.Cdk to the service's SDK version.");
        }

        foreach (var function in manifest.Functions)
        {
            foreach (var use in function.Tables ?? [])
            {
                if (manifest.Tables.All(t => t.Name != use.Name))
                {
                    throw new InvalidDataException($"Function {function.Name} uses table {use.Name}, which the manifest of {manifest.Service} does not describe.");
                }
            }
        }

        return manifest;
    }

    /// <summary>Reads <c>insight.manifest.json</c> from a service's publish folder.</summary>
    public static ServiceManifest Load(string path) => Parse(File.ReadAllText(path));
}

/// <summary>One Lambda function of a service.</summary>
public sealed record FunctionManifest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("handler")] string Handler,
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("trigger")] string Trigger,
    [property: JsonPropertyName("eventType")] string EventType,
    [property: JsonPropertyName("detailType")] string? DetailType,
    [property: JsonPropertyName("schedule")] string? Schedule,
    [property: JsonPropertyName("route")] string? Route,
    [property: JsonPropertyName("batchSize")] int? BatchSize,
    [property: JsonPropertyName("memorySize")] int MemorySize,
    [property: JsonPropertyName("timeoutSeconds")] int TimeoutSeconds,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("tables")] IReadOnlyList<TableUse>? Tables)
{
    /// <summary>Whether the function is invoked asynchronously (and so needs a failure destination).</summary>
    public bool IsAsync => Trigger is "EventBridge" or "Schedule";
}

/// <summary>A table a function uses, and how.</summary>
public sealed record TableUse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("access")] string Access)
{
    /// <summary>Whether the function only reads the table.</summary>
    public bool ReadOnly => Access == "read";
}

/// <summary>A table of a service: keys, indexes and expiry.</summary>
public sealed record TableManifest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("entities")] IReadOnlyList<string> Entities,
    [property: JsonPropertyName("partitionKey")] KeyAttribute PartitionKey,
    [property: JsonPropertyName("sortKey")] KeyAttribute? SortKey,
    [property: JsonPropertyName("indexes")] IReadOnlyList<IndexManifest> Indexes,
    [property: JsonPropertyName("timeToLive")] string? TimeToLive);

/// <summary>A key attribute and its DynamoDB type (S, N or B).</summary>
public sealed record KeyAttribute(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type);

/// <summary>A secondary index.</summary>
public sealed record IndexManifest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("global")] bool Global,
    [property: JsonPropertyName("partitionKey")] KeyAttribute PartitionKey,
    [property: JsonPropertyName("sortKey")] KeyAttribute? SortKey);
