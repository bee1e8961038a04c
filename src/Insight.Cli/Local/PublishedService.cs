using Insight.Sdk.Manifest;
using Insight.Sdk;

namespace Insight.Cli.Local;

/// <summary>A service published natively: its <c>bootstrap</c>, which runs every function of it, and what its manifest declares.</summary>
internal sealed record PublishedService(string Name, string Bootstrap, IReadOnlyList<FunctionManifest> Functions, IReadOnlyList<TableManifest> Tables)
{
    /// <summary>Reads the service published to <paramref name="serviceFolder"/>.</summary>
    public static PublishedService Load(string serviceFolder)
    {
        ServiceManifest manifest;
        try
        {
            manifest = ServiceManifest.Load(serviceFolder);
        }
        catch (Exception exception) when (exception is FileNotFoundException or InvalidDataException)
        {
            throw new LocalRunException($"{exception.Message} Publish the service again with this SDK into {serviceFolder}.");
        }

        var bootstrap = Path.Combine(serviceFolder, "bootstrap");
        return File.Exists(bootstrap)
            ? new PublishedService(manifest.Service, bootstrap, manifest.Functions, manifest.Tables)
            : throw new LocalRunException($"{serviceFolder} has no bootstrap; publish the service natively (-p:PublishAot=true) into it.");
    }

    /// <summary>The function invoked by <paramref name="trigger"/> with a <typeparamref name="TEvent"/>, or null when the service has none.</summary>
    public FunctionManifest? FunctionTaking<TEvent>(Trigger trigger) =>
        Functions.FirstOrDefault(function => function.Trigger == trigger && function.EventType == typeof(TEvent).FullName);

    /// <summary>The function named <paramref name="name"/>.</summary>
    /// <exception cref="LocalRunException">The service has no such function.</exception>
    public FunctionManifest Function(string name) =>
        Functions.FirstOrDefault(function => function.Name == name)
        ?? throw new LocalRunException($"{Name} has no function {name}; a local run invokes it.");

    /// <summary>Fails unless the manifest declares every table in <paramref name="names"/>.</summary>
    /// <exception cref="LocalRunException">A table is not declared.</exception>
    public void RequireTables(IEnumerable<string> names)
    {
        var missing = names.Except(Tables.Select(table => table.Name), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new LocalRunException($"{Name}'s manifest declares no table {string.Join(", ", missing)}; a local run creates and reads it.");
        }
    }
}
