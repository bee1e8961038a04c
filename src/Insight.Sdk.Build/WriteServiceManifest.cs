using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Insight.Sdk.Build;

/// <summary>
/// Writes <c>insight.manifest.json</c> from the manifest the generator compiled into the service assembly. A project
/// whose classes are handlers but whose assembly carries no manifest fails here, naming the project, instead of
/// deploying nothing later.
/// </summary>
public sealed class WriteServiceManifest : Task
{
    /// <summary>The compiled assembly (the intermediate assembly of the build).</summary>
    [Required]
    public string AssemblyPath { get; set; } = "";

    /// <summary>Where to write the manifest.</summary>
    [Required]
    public string ManifestPath { get; set; } = "";

    /// <summary>The project, as errors name it.</summary>
    [Required]
    public string ProjectName { get; set; } = "";

    /// <inheritdoc/>
    public override bool Execute()
    {
        ServiceAssemblyReader assembly;
        try
        {
            assembly = ServiceAssemblyReader.Read(AssemblyPath);
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            Log.LogError(null, "INSIGHTBUILD001", null, ProjectName, 0, 0, 0, 0, "{0}: cannot read the service manifest from {1}: {2}", ProjectName, AssemblyPath, exception.Message);
            return false;
        }

        if (assembly.Manifest is null)
        {
            if (assembly.HandlerTypes.Count > 0)
            {
                Log.LogError(null, "INSIGHTBUILD002", null, ProjectName, 0, 0, 0, 0,
                    "{0} declares Lambda handlers ({1}) but its assembly carries no service manifest: the Insight.Sdk generator did not describe them. "
                    + "Check that the project references the Insight.Sdk package with its analyzers (not PrivateAssets/ExcludeAssets=analyzers) and that the build shows no INS error.",
                    ProjectName, string.Join(", ", assembly.HandlerTypes.Take(5)) + (assembly.HandlerTypes.Count > 5 ? ", …" : ""));
                return false;
            }

            // A project without handlers (a library, a test project) has nothing to describe; a manifest left from
            // an earlier build that had handlers would describe functions that no longer exist.
            if (File.Exists(ManifestPath))
            {
                File.Delete(ManifestPath);
            }

            return true;
        }

        var content = assembly.Manifest.TrimEnd() + "\n";
        if (!File.Exists(ManifestPath) || File.ReadAllText(ManifestPath) != content)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(ManifestPath))!);
            File.WriteAllText(ManifestPath, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        return true;
    }
}
