using System.Text.Json;
using System.Text.Json.Serialization;
using Insight.Sdk.Data;

namespace Insight.Cli.Local;

/// <summary>The <c>insight.manifest.json</c> the generator writes next to a service's <c>bootstrap</c>.</summary>
internal sealed record ServiceManifest(int SchemaVersion, string Service, IReadOnlyList<ManifestFunction> Functions, IReadOnlyList<ManifestTable> Tables)
{
    /// <summary>The manifest's file name in a publish folder.</summary>
    public const string FileName = "insight.manifest.json";

    private const int KnownSchemaVersion = 1;

    /// <summary>Reads the manifest of the service published to <paramref name="serviceFolder"/>.</summary>
    public static ServiceManifest Read(string serviceFolder)
    {
        var path = Path.Combine(serviceFolder, FileName);
        if (!File.Exists(path))
        {
            throw new LocalRunException($"{serviceFolder} has no {FileName}; pass the folder a service was published to.");
        }

        ServiceManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), ManifestJsonContext.Default.ServiceManifest);
        }
        catch (JsonException exception)
        {
            throw new LocalRunException($"{path} is not a service manifest this insight reads (publish the service again with the current SDK): {exception.Message}");
        }

        return manifest switch
        {
            null => throw new LocalRunException($"{path} holds null instead of a service manifest."),
            { SchemaVersion: not KnownSchemaVersion } => throw new LocalRunException(
                $"{path} has schema version {manifest.SchemaVersion}; this insight reads version {KnownSchemaVersion}. Update the tool or the service's SDK."),
            _ => manifest,
        };
    }
}

/// <summary>
/// One function of the manifest; only the fields a local run needs are read. <c>Tables</c> are the tables it reads or
/// writes; its deployment sets the physical name of each. <c>Route</c> is an HTTP function's <c>GET /workers/{worker}/risk</c>.
/// </summary>
internal sealed record ManifestFunction(
    string Name, string Handler, string Trigger, string EventType, int TimeoutSeconds, IReadOnlyList<ManifestTableUse> Tables, string? DetailType = null, string? Route = null);

/// <summary>A table a function uses, by logical name, and whether it only reads it (<c>read</c>) or also writes (<c>readwrite</c>).</summary>
internal sealed record ManifestTableUse(string Name, string Access);

/// <summary>A table of the service as its entity types declare it: keys, indexes and the time-to-live attribute.</summary>
internal sealed record ManifestTable(
    string Name, ManifestKey PartitionKey, IReadOnlyList<ManifestIndex> Indexes, ManifestKey? SortKey = null, string? TimeToLive = null)
{
    /// <summary>
    /// The table's shape as the SDK describes it, so the SDK's own <see cref="DynamoSchema.CreateTableRequest"/>
    /// builds the table. The manifest has no version or entity-type attributes; creating a table needs neither.
    /// </summary>
    public DynamoSchema Schema()
    {
        var keys = new[] { PartitionKey, SortKey }
            .Concat(Indexes.SelectMany(index => new[] { index.PartitionKey, index.SortKey }))
            .OfType<ManifestKey>()
            .DistinctBy(key => key.Name)
            .ToDictionary(key => key.Name, key => key.Type, StringComparer.Ordinal);
        return new DynamoSchema(
            Name,
            PartitionKey.Name,
            SortKey?.Name,
            [.. Indexes.Select(index => new DynamoIndex(index.Name, index.Global, index.PartitionKey.Name, index.SortKey?.Name))],
            VersionAttribute: null,
            TimeToLive,
            DiscriminatorAttribute: null,
            EntityType: null,
            keys);
    }
}

/// <summary>A key attribute and its DynamoDB type (<c>S</c>, <c>N</c> or <c>B</c>).</summary>
internal sealed record ManifestKey(string Name, string Type);

/// <summary>A secondary index: global, or local (sharing the table's partition key).</summary>
internal sealed record ManifestIndex(string Name, bool Global, ManifestKey PartitionKey, ManifestKey? SortKey = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ServiceManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
