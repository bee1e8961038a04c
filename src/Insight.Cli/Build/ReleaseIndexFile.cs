using System.Text.Json;
using System.Text.Json.Nodes;

namespace Insight.Cli.Build;

/// <summary>
/// Writes <c>release.json</c>, the index the infrastructure app's synth reads (Insight.Sdk.Cdk's <c>ReleaseIndex</c>):
/// <c>{ "schemaVersion": 1, "services": { "&lt;Service&gt;": { "architecture", "codeKey", "sha256" } } }</c>.
/// The synth adds each service's <c>templateKey</c> after it has stored the template.
/// </summary>
internal static class ReleaseIndexFile
{
    /// <summary>The index's file name in a release folder.</summary>
    public const string FileName = "release.json";

    private const int SchemaVersion = 1;

    /// <summary>Writes the index of <paramref name="packages"/> into <paramref name="releaseFolder"/> and returns its path.</summary>
    public static string Write(string releaseFolder, IReadOnlyList<ServicePackage> packages)
    {
        var path = Path.Combine(releaseFolder, FileName);
        var services = new JsonObject();
        foreach (var package in packages.OrderBy(p => p.Service, StringComparer.Ordinal))
        {
            var entry = new JsonObject
            {
                ["architecture"] = package.Architecture,
                ["codeKey"] = package.CodeKey,
                ["sha256"] = package.Sha256,
            };

            services[package.Service] = entry;
        }

        var index = new JsonObject { ["schemaVersion"] = SchemaVersion, ["services"] = services };
        File.WriteAllText(path, index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }
}
