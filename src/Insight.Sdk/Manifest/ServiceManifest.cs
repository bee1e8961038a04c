using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insight.Sdk.Manifest;

/// <summary>
/// What the infrastructure side needs to deploy a service without reading its code: its functions (key, trigger,
/// event, sizing, constructor dependencies, tables used) and its tables (keys, indexes, expiry). The generator compiles
/// it into the service as <c>[assembly: AssemblyMetadata("Insight.Manifest", …)]</c>; the build writes it beside the
/// output as <c>insight.manifest.json</c>. The CDK constructs, the <c>insight</c> tool and the tests all read it
/// through these records.
/// </summary>
/// <remarks>
/// Later versions add optional fields; readers ignore fields they do not know. <see cref="SchemaVersion"/> changes
/// only when a change breaks readers.
/// </remarks>
public sealed record ServiceManifest(
    int SchemaVersion,
    string Service,
    IReadOnlyList<FunctionManifest> Functions,
    IReadOnlyList<TableManifest> Tables)
{
    /// <summary>The schema version this SDK writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The manifest's file name beside a build or publish output.</summary>
    public const string FileName = "insight.manifest.json";

    /// <summary>The <see cref="AssemblyMetadataAttribute"/> key the generator stores the manifest under.</summary>
    public const string MetadataKey = "Insight.Manifest";

    /// <summary>Reads a manifest and checks that it is complete and consistent.</summary>
    /// <exception cref="InvalidDataException">It is not a manifest of the schema this SDK reads; the message says why.</exception>
    public static ServiceManifest Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ServiceManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.ServiceManifest);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source ?? "The service manifest"} is not a service manifest this SDK reads: {exception.Message}", exception);
        }

        if (manifest is null)
        {
            throw new InvalidDataException($"{source ?? "The service manifest"} holds null instead of a service manifest.");
        }

        if (manifest.SchemaVersion != CurrentSchemaVersion)
        {
            throw new InvalidDataException(
                $"{source ?? "The manifest of " + manifest.Service} has schema version {manifest.SchemaVersion}; this SDK reads version {CurrentSchemaVersion}. Build the service and its infrastructure with the same SDK version.");
        }

        foreach (var function in manifest.Functions)
        {
            foreach (var use in function.Tables)
            {
                if (!manifest.Tables.Any(t => t.Name == use.Name))
                {
                    throw new InvalidDataException($"Function {function.Name} uses table {use.Name}, which the manifest of {manifest.Service} does not describe.");
                }
            }
        }

        return manifest;
    }

    /// <summary>Reads <c>insight.manifest.json</c> (a file, or the folder a service was built or published to).</summary>
    /// <exception cref="FileNotFoundException">There is no manifest there.</exception>
    /// <exception cref="InvalidDataException">The file is not a manifest this SDK reads.</exception>
    public static ServiceManifest Load(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file} does not exist: build or publish the service first (the build writes {FileName} beside its output).", file);
        }

        return Parse(File.ReadAllText(file), file);
    }

    /// <summary>The manifest the generator compiled into a service assembly, or null if it has none.</summary>
    public static ServiceManifest? FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var json = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == MetadataKey)?.Value;
        return json is null ? null : Parse(json, $"The manifest compiled into {assembly.GetName().Name}");
    }

    /// <summary>Writes the manifest as indented JSON, in the schema <see cref="Parse"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ManifestJsonContext.Default.ServiceManifest);
}

/// <summary>One Lambda function of a service: one handler class, selected by its <c>_HANDLER</c> key.</summary>
/// <param name="Name">The function's name, unique in the service.</param>
/// <param name="Handler">The <c>_HANDLER</c> key that selects it in the service's bootstrap.</param>
/// <param name="Class">The handler class, namespace-qualified.</param>
/// <param name="Kind">Which handler attribute declared it.</param>
/// <param name="Trigger">How it is invoked.</param>
/// <param name="EventType">The event type its <c>HandleAsync</c> takes.</param>
/// <param name="ResultType">What it returns, if anything.</param>
/// <param name="DetailType">For EventBridge functions: the <c>detail-type</c> its rule matches.</param>
/// <param name="Schedule">For scheduled functions: the rate or cron expression.</param>
/// <param name="Route">For HTTP functions: the route key, e.g. <c>GET /workers/{worker}/risk</c>.</param>
/// <param name="BatchSize">For SQS functions: the most messages per invocation.</param>
/// <param name="Scopes">For authenticated HTTP functions: the scopes a caller's token must carry.</param>
/// <param name="Anonymous">For an HTTP function callable without a token: why.</param>
/// <param name="MemorySize">Memory in MB.</param>
/// <param name="TimeoutSeconds">Timeout in seconds.</param>
/// <param name="Architecture">The instruction set.</param>
/// <param name="Dependencies">Its constructor dependencies, by type name.</param>
/// <param name="Tables">The tables it reads or writes.</param>
public sealed record FunctionManifest(
    string Name,
    string Handler,
    string Class,
    HandlerKind Kind,
    Trigger Trigger,
    string EventType,
    int MemorySize,
    int TimeoutSeconds,
    LambdaArchitecture Architecture,
    IReadOnlyList<string> Dependencies,
    IReadOnlyList<TableUse> Tables,
    string? ResultType = null,
    string? DetailType = null,
    string? Schedule = null,
    string? Route = null,
    int? BatchSize = null,
    IReadOnlyList<string>? Scopes = null,
    string? Anonymous = null)
{
    /// <summary>Whether the function is invoked asynchronously (and so has retries and a failure destination).</summary>
    [JsonIgnore]
    public bool IsAsync => Trigger is Trigger.EventBridge or Trigger.Schedule;

    /// <summary>Whether the function's route takes callers without a token.</summary>
    [JsonIgnore]
    public bool IsAnonymous => Anonymous is not null;
}

/// <summary>A table a function uses, and how.</summary>
public sealed record TableUse(string Name, TableAccess Access)
{
    /// <summary>Whether the function only reads the table.</summary>
    [JsonIgnore]
    public bool ReadOnly => Access == TableAccess.Read;
}

/// <summary>A table of the service as its entity types declare it.</summary>
/// <param name="Name">The logical table name (<c>[DynamoTable("Scans")]</c>); the deployment sets the physical one.</param>
/// <param name="Entities">The entity types stored in it.</param>
/// <param name="PartitionKey">The partition key.</param>
/// <param name="SortKey">The sort key, if any.</param>
/// <param name="Indexes">Its secondary indexes.</param>
/// <param name="TimeToLive">The time-to-live attribute, if any.</param>
public sealed record TableManifest(
    string Name,
    IReadOnlyList<string> Entities,
    KeyAttribute PartitionKey,
    IReadOnlyList<IndexManifest> Indexes,
    KeyAttribute? SortKey = null,
    string? TimeToLive = null)
{
    /// <summary>
    /// The table's shape as the SDK's data layer describes it, so <see cref="Data.DynamoSchema.CreateTableRequest"/>
    /// builds it (local runs, test fixtures). The manifest holds no version or entity-type attribute; creating a table needs neither.
    /// </summary>
    public Data.DynamoSchema Schema()
    {
        var keys = new[] { PartitionKey, SortKey }
            .Concat(Indexes.SelectMany(index => new[] { index.PartitionKey, index.SortKey }))
            .OfType<KeyAttribute>()
            .DistinctBy(key => key.Name)
            .ToDictionary(key => key.Name, key => key.Type, StringComparer.Ordinal);
        return new Data.DynamoSchema(
            Name,
            PartitionKey.Name,
            SortKey?.Name,
            [.. Indexes.Select(index => new Data.DynamoIndex(index.Name, index.Global, index.PartitionKey.Name, index.SortKey?.Name))],
            VersionAttribute: null,
            TimeToLive,
            DiscriminatorAttribute: null,
            EntityType: null,
            keys);
    }
}

/// <summary>A key attribute and its DynamoDB type (<c>S</c>, <c>N</c> or <c>B</c>).</summary>
public sealed record KeyAttribute(string Name, string Type);

/// <summary>A secondary index: global, or local (sharing the table's partition key).</summary>
public sealed record IndexManifest(string Name, bool Global, KeyAttribute PartitionKey, KeyAttribute? SortKey = null);
