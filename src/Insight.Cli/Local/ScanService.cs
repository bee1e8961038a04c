using Insight.Sdk;
using Insight.Sdk.Events;

namespace Insight.Cli.Local;

/// <summary>
/// The published service a local run drives: its bootstrap, the two functions that take scans, one from the
/// tenant's event bus (single deliveries) and one from a queue (batches), and the tables its stack would create.
/// </summary>
internal sealed record ScanService(string Name, string Bootstrap, ManifestFunction EventBridgeFunction, ManifestFunction SqsFunction, IReadOnlyList<ManifestTable> Tables)
{
    /// <summary>The table that holds each stored scan once, keyed by event id; the report counts its items.</summary>
    public const string ScansTable = "Scans";

    /// <summary>The table of running counts per device and per station; the report reads them.</summary>
    public const string StatsTable = "ScanStats";

    /// <summary>Reads the service published to <paramref name="serviceFolder"/>.</summary>
    public static ScanService Load(string serviceFolder)
    {
        var manifest = ServiceManifest.Read(serviceFolder);
        var bootstrap = Path.Combine(serviceFolder, "bootstrap");
        if (!File.Exists(bootstrap))
        {
            throw new LocalRunException($"{serviceFolder} has no bootstrap; publish the service natively (-p:PublishAot=true) into it.");
        }

        var service = new ScanService(manifest.Service, bootstrap, ScanFunction(manifest, Trigger.EventBridge), ScanFunction(manifest, Trigger.SqsBatch), manifest.Tables);
        var declared = manifest.Tables.Select(table => table.Name).ToHashSet(StringComparer.Ordinal);
        var missing = service.EventBridgeFunction.Tables.Concat(service.SqsFunction.Tables).Select(use => use.Name)
            .Append(ScansTable).Append(StatsTable)
            .Where(name => !declared.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return missing.Count == 0
            ? service
            : throw new LocalRunException($"{manifest.Service}'s manifest declares no table {string.Join(", ", missing)}; a local run creates and reads it.");
    }

    private static ManifestFunction ScanFunction(ServiceManifest manifest, Trigger trigger) =>
        manifest.Functions.FirstOrDefault(f => f.Trigger == trigger.ToString() && f.EventType == typeof(ScanEvent).FullName)
        ?? throw new LocalRunException($"{manifest.Service} has no {trigger} function that takes a {nameof(ScanEvent)}; a local run needs one.");
}
