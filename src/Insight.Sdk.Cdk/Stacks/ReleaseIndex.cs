using System.Text.Json;
using System.Text.Json.Nodes;
using Constructs;

namespace Insight.Sdk.Cdk.Stacks;

/// <summary>
/// One release of a monorepo's services, as <c>insight build</c> writes it (<c>release.json</c>): for each service the
/// architecture its bootstrap was built for and the key of its package in the artifact bucket. Keys are addressed by
/// content (<c>&lt;Service&gt;/&lt;arch&gt;/&lt;sha256&gt;.zip</c>), so a service whose bootstrap and manifest did not
/// change keeps its key, its template stays byte-identical, and its stack set is not updated.
/// </summary>
/// <remarks>
/// The file: <c>{ "schemaVersion": 1, "services": { "Orders": { "architecture": "arm64", "codeKey": "Orders/arm64/….zip",
/// "sha256": "…", "templateKey": "templates/Orders/….template.json" } } }</c>. The synth adds <c>templateKey</c>
/// (<see cref="ServiceTemplates"/>); readers ignore fields they do not know.
/// </remarks>
public sealed class ReleaseIndex
{
    /// <summary>The index's file name in a release folder.</summary>
    public const string FileName = "release.json";

    /// <summary>The CDK context key naming the index file; a service stack in an app that sets it takes its code key from there.</summary>
    public const string ContextKey = "insight:release";

    /// <summary>The schema this library reads and writes.</summary>
    public const int SchemaVersion = 1;

    private ReleaseIndex(string path, IReadOnlyDictionary<string, ServicePackage> services)
    {
        Path = path;
        Services = services;
    }

    /// <summary>Where the index was read from.</summary>
    public string Path { get; }

    /// <summary>Each service's package, by service name.</summary>
    public IReadOnlyDictionary<string, ServicePackage> Services { get; }

    /// <summary>Reads the index at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing or is not a release index.</exception>
    public static ReleaseIndex Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"No release index at {path}: run `insight build` first, which publishes every service and writes it.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {exception.Message}", exception);
        }

        if (root?["schemaVersion"]?.GetValue<int>() != SchemaVersion || root["services"] is not JsonObject services)
        {
            throw new InvalidDataException($"{path} is not a release index of schema {SchemaVersion}; build it again with the `insight` of this SDK version.");
        }

        var packages = new SortedDictionary<string, ServicePackage>(StringComparer.Ordinal);
        foreach (var (name, entry) in services)
        {
            var architecture = entry?["architecture"]?.GetValue<string>();
            var codeKey = entry?["codeKey"]?.GetValue<string>();
            var sha256 = entry?["sha256"]?.GetValue<string>();
            if (architecture is not ("arm64" or "x86_64") || string.IsNullOrEmpty(codeKey) || string.IsNullOrEmpty(sha256))
            {
                throw new InvalidDataException($"{path}: service {name} needs an architecture (arm64 or x86_64), a codeKey and a sha256.");
            }

            packages[name] = new ServicePackage(name, architecture, codeKey, sha256);
        }

        return new ReleaseIndex(System.IO.Path.GetFullPath(path), packages);
    }

    /// <summary>The index the app of <paramref name="scope"/> names in its <see cref="ContextKey"/> context, or null when it names none.</summary>
    public static ReleaseIndex? FromContext(Construct scope)
    {
        var path = scope.Node.TryGetContext(ContextKey) as string;
        return string.IsNullOrEmpty(path) ? null : Load(path);
    }

    /// <summary>The package of <paramref name="service"/>.</summary>
    /// <exception cref="InvalidDataException">The release has no package of that service.</exception>
    public ServicePackage Package(string service) =>
        Services.TryGetValue(service, out var package)
            ? package
            : throw new InvalidDataException($"The release index {Path} has no package of {service}; `insight build` publishes every service project it finds — is {service} in the solution?");
}

/// <summary>One service's package in a release.</summary>
/// <param name="Service">The service's name (its manifest's and stack's).</param>
/// <param name="Architecture"><c>arm64</c> or <c>x86_64</c>: what the bootstrap was built for.</param>
/// <param name="CodeKey">The package's key in the artifact bucket.</param>
/// <param name="Sha256">The content hash the key is derived from (bootstrap and manifest).</param>
public sealed record ServicePackage(string Service, string Architecture, string CodeKey, string Sha256);
