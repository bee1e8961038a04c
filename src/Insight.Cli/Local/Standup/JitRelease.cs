using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Insight.Cli.Build;
using Insight.Cli.Local.Emulation.Planning;
using Insight.Sdk.Manifest;


// Parameters whose names say it all go without a <param> tag.
#pragma warning disable CS1573
namespace Insight.Cli.Local.Standup;

/// <summary>
/// <c>--jit</c>: every service built (not published natively) and run with <c>dotnet</c>. The release index the synth
/// reads gets one code key per service, derived from its built assembly and manifest, and each key maps to the build output.
/// </summary>
internal static class JitRelease
{
    /// <summary>Builds every service of <paramref name="path"/> and writes the release index into <paramref name="releaseFolder"/>.</summary>
    /// <returns>The index's path, and each code key's build output.</returns>
    /// <exception cref="BuildException">No service, or a build failed.</exception>
    public static async Task<(string Index, IReadOnlyDictionary<string, LocatedCode> Builds)> BuildAsync(
        TextWriter output, string path, string releaseFolder, CancellationToken cancellationToken)
    {
        var architecture = BuildCommand.HostArchitecture();
        var services = await ServiceProject.FindAsync(path, architecture, cancellationToken).ConfigureAwait(false);
        var builds = new Dictionary<string, LocatedCode>(StringComparer.Ordinal);
        var entries = new JsonObject();
        foreach (var service in services)
        {
            output.WriteLine($"Building {Path.GetFileNameWithoutExtension(service.Project)} …");
            var built = await Dotnet.RunAsync(["build", service.Project, "-c", "Release", "-nologo", $"-p:InsightArchitecture={architecture}"], Path.GetDirectoryName(service.Project)!, null, cancellationToken).ConfigureAwait(false);
            if (!built.Succeeded)
            {
                throw new BuildException($"dotnet build of {service.Project} failed:\n{built.Output}");
            }

            var target = await Dotnet.RunAsync(["msbuild", service.Project, "-getProperty:TargetPath", "-p:Configuration=Release"], Path.GetDirectoryName(service.Project)!, null, cancellationToken).ConfigureAwait(false);
            var assembly = target.StandardOutput.Trim();
            var folder = Path.GetDirectoryName(assembly)!;
            var manifestPath = Path.Combine(folder, ServiceManifest.FileName);
            if (!target.Succeeded || !File.Exists(assembly) || !File.Exists(manifestPath))
            {
                throw new BuildException($"{service.Project} built, but {assembly} or its {ServiceManifest.FileName} is missing.");
            }

            var manifest = ServiceManifest.Load(manifestPath);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(File.ReadAllBytes(assembly));
            hash.AppendData(Encoding.UTF8.GetBytes(manifest.ToJson()));
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var key = $"{manifest.Service}/{architecture}/jit-{sha}.zip";
            builds[key] = new LocatedCode(folder, assembly);
            entries[manifest.Service] = new JsonObject { ["architecture"] = architecture, ["codeKey"] = key, ["sha256"] = sha };
        }

        Directory.CreateDirectory(releaseFolder);
        var index = Path.Combine(releaseFolder, ReleaseIndexFile.FileName);
        await File.WriteAllTextAsync(index, new JsonObject { ["schemaVersion"] = 1, ["services"] = entries }.ToJsonString() + "\n", cancellationToken).ConfigureAwait(false);
        return (index, builds);
    }
}
