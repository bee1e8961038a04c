using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Insight.Sdk.Cdk.Stacks;

/// <summary>
/// Stores each synthesized service template under a key addressed by its content
/// (<c>templates/&lt;Service&gt;/&lt;sha256&gt;.template.json</c>) in the release folder, and records the key in the
/// release index. An unchanged service yields the same template and so the same key: its stack set's template URL does
/// not change and no stack instance is updated.
/// </summary>
public static class ServiceTemplates
{
    /// <summary>
    /// Copies the template of every service in <paramref name="release"/> from <paramref name="cloudAssembly"/> (the synth's
    /// output folder, one <c>&lt;Service&gt;.template.json</c> each) to its content key under the index's folder.
    /// </summary>
    /// <returns>Each service's template key.</returns>
    /// <exception cref="InvalidDataException">A service of the release has no synthesized template.</exception>
    public static IReadOnlyDictionary<string, string> Store(ReleaseIndex release, string cloudAssembly)
    {
        var releaseFolder = Path.GetDirectoryName(release.Path)!;
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in release.Services.Keys)
        {
            var template = Path.Combine(cloudAssembly, $"{service}.template.json");
            if (!File.Exists(template))
            {
                throw new InvalidDataException($"{service} is in the release index {release.Path} but the synth wrote no {template}; is it excluded from the infrastructure app?");
            }

            var bytes = File.ReadAllBytes(template);
            var key = TemplateKey(service, bytes);
            var target = Path.Combine(releaseFolder, key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
            keys[service] = key;
        }

        // The index keeps whatever else it holds; only each service's templateKey is set.
        var index = JsonNode.Parse(File.ReadAllText(release.Path))!.AsObject();
        foreach (var (service, key) in keys)
        {
            index["services"]![service]!["templateKey"] = key;
        }

        File.WriteAllText(release.Path, index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return keys;
    }

    /// <summary>The content key of a service's template.</summary>
    public static string TemplateKey(string service, byte[] template) =>
        $"templates/{service}/{Convert.ToHexStringLower(SHA256.HashData(template))}.template.json";
}
