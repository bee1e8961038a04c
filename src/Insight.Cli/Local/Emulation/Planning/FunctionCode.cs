using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Insight.Cli.Local.Emulation.Planning;

/// <summary>Where a function's code is on this machine: the unpacked package, and with <c>--jit</c> the assembly run instead of the bootstrap.</summary>
internal sealed record LocatedCode(string Folder, string? JitAssembly);

/// <summary>
/// Finds each function's package among the zips <c>insight build</c> wrote (laid out as the artifact bucket's keys below
/// the release folder) and unpacks it once per content key, so every tenant and function sharing a package shares one
/// folder. With <c>--jit</c>, code keys map to services' build output instead.
/// </summary>
/// <param name="releaseFolder">The release folder: <c>&lt;Service&gt;/&lt;arch&gt;/&lt;sha256&gt;.zip</c> and <c>release.json</c>.</param>
/// <param name="unpackFolder">Where packages are unpacked, one folder per content key.</param>
/// <param name="jitBuilds">With <c>--jit</c>: the built service by code key.</param>
internal sealed class FunctionCode(string releaseFolder, string unpackFolder, IReadOnlyDictionary<string, LocatedCode>? jitBuilds = null)
{
    private readonly ConcurrentDictionary<string, Lazy<LocatedCode>> _unpacked = new(StringComparer.Ordinal);

    /// <summary>The code of the package at <paramref name="s3Key"/>.</summary>
    /// <exception cref="FileNotFoundException">No package has that key; the message says where it was looked for.</exception>
    public LocatedCode Locate(string s3Key)
    {
        if (jitBuilds?.GetValueOrDefault(s3Key) is { } built)
        {
            return built;
        }

        var zip = Path.GetFullPath(Path.Combine(releaseFolder, s3Key));
        if (!zip.StartsWith(Path.GetFullPath(releaseFolder), StringComparison.Ordinal) || !File.Exists(zip))
        {
            throw new FileNotFoundException($"S3Key {s3Key} is not among the packages insight build wrote to {releaseFolder}; the infrastructure app was synthesized against another release.");
        }

        return _unpacked.GetOrAdd(s3Key, key => new Lazy<LocatedCode>(() => Unpack(key, zip))).Value;
    }

    private LocatedCode Unpack(string key, string zip)
    {
        var folder = Path.Combine(unpackFolder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]);
        if (!Directory.Exists(folder))
        {
            // Unpacked beside and renamed into place, so a run stopped half-way never leaves a partial package behind.
            var partial = folder + ".partial-" + Environment.ProcessId;
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            ZipFile.ExtractToDirectory(zip, partial);
            var bootstrap = Path.Combine(partial, Build.ServicePackage.Bootstrap);
            if (File.Exists(bootstrap) && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(bootstrap, File.GetUnixFileMode(bootstrap) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }

            try
            {
                Directory.Move(partial, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Another run unpacked the same content key first: the same bytes, so either copy serves.
                Directory.Delete(partial, recursive: true);
            }
        }

        return new LocatedCode(folder, null);
    }
}
