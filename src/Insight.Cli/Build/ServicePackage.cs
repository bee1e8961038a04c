using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Insight.Cli.Build;

/// <summary>
/// A service's function package: the zip Lambda's <c>provided.al2023</c> runtime takes (<c>bootstrap</c> and the
/// manifest), under a key addressed by its content, <c>&lt;Service&gt;/&lt;arch&gt;/&lt;sha256&gt;.zip</c>.
/// </summary>
/// <param name="Service">The service's name, from its manifest.</param>
/// <param name="Architecture"><c>arm64</c> or <c>x86_64</c>.</param>
/// <param name="Sha256">The hash of the packaged files' names and contents.</param>
internal sealed record ServicePackage(string Service, string Architecture, string Sha256)
{
    /// <summary>The file the runtime starts.</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>The service's manifest, beside the bootstrap.</summary>
    public const string Manifest = "insight.manifest.json";

    // Zip timestamps are DOS dates, which start in 1980; one fixed time for every entry keeps a zip's bytes a function of its content.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The package's key in the artifact bucket (and below a release folder).</summary>
    public string CodeKey => $"{Service}/{Architecture}/{Sha256}.zip";

    /// <summary>Reads a publish folder: the service's name from its manifest, and the hash of what goes into the zip.</summary>
    /// <exception cref="BuildException">The folder lacks the bootstrap or the manifest.</exception>
    public static ServicePackage Read(string publishFolder, string architecture)
    {
        var files = Files(publishFolder);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(files[1]));
        var service = manifest.RootElement.TryGetProperty("service", out var name) && name.GetString() is { Length: > 0 } value
            ? value
            : throw new BuildException($"{files[1]} names no service.");

        // Name, length and bytes of each file in order: the same files give the same hash, and no two file sets collide by concatenation.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetFileName(file)}\0{bytes.Length}\0"));
            hash.AppendData(bytes);
        }

        return new ServicePackage(service, architecture, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>
    /// Writes the zip below <paramref name="releaseFolder"/> at <see cref="CodeKey"/>, with entries in a fixed order, fixed
    /// timestamps and Unix modes (the bootstrap executable); an existing package of the same key is left as it is.
    /// </summary>
    /// <returns>Whether the zip was written (false: this content was packaged before).</returns>
    public bool WriteZip(string publishFolder, string releaseFolder)
    {
        var target = Path.Combine(releaseFolder, CodeKey);
        if (File.Exists(target))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        using (var stream = File.Create(partial))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var file in Files(publishFolder))
            {
                var entry = zip.CreateEntry(Path.GetFileName(file), CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                var mode = Path.GetFileName(file) == Bootstrap ? 0b111_101_101 : 0b110_100_100; // 0755, 0644
                entry.ExternalAttributes = (0x8000 | mode) << 16; // S_IFREG | mode, as Unix zip tools write it
                using var source = File.OpenRead(file);
                using var destination = entry.Open();
                source.CopyTo(destination);
            }
        }

        File.Move(partial, target, overwrite: true);
        return true;
    }

    private static string[] Files(string publishFolder)
    {
        string[] files = [Path.Combine(publishFolder, Bootstrap), Path.Combine(publishFolder, Manifest)];
        var missing = files.Where(f => !File.Exists(f)).ToList();
        return missing.Count == 0
            ? files
            : throw new BuildException($"{publishFolder} has no {string.Join(" or ", missing.Select(Path.GetFileName))}: the service was not published natively.");
    }
}
