using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Insight.Integration.Tests;

/// <summary>
/// The ScanIngest sample published the way a service ships: native AOT, into a folder of its own. Published once
/// per test run; what the publish printed is kept so tests can check it was warning-free.
/// </summary>
public partial class PublishedScanIngest : IAsyncLifetime
{
    private readonly string[] _publishArguments;

    public PublishedScanIngest()
        : this("linux-x64")
    {
    }

    protected PublishedScanIngest(string runtimeIdentifier, params string[] extraArguments)
    {
        RuntimeIdentifier = runtimeIdentifier;
        _publishArguments = ["-r", runtimeIdentifier, .. extraArguments];
    }

    public string RuntimeIdentifier { get; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "insight-scaningest-" + Guid.NewGuid().ToString("N")[..8]);

    public string Bootstrap => Path.Combine(Folder, "bootstrap");

    public string PublishOutput { get; private set; } = "";

    public static string RepositoryRoot => TestRepository.Root;

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot, "samples", "ScanIngest", "ScanIngest.csproj");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-p:PublishAot=true", "-o", Folder, "-nologo", .. _publishArguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        PublishOutput = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{PublishOutput}");
        }
    }

    public virtual Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The newest GLIBC_x.y version the bootstrap needs, read from its dynamic symbol table.</summary>
    public Version NewestGlibcNeeded()
    {
        var start = new ProcessStartInfo(RuntimeIdentifier == "linux-arm64" ? "aarch64-linux-gnu-objdump" : "objdump", ["-T", Bootstrap]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var table = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return GlibcVersion().Matches(table).Select(m => Version.Parse(m.Groups[1].Value)).Max()
            ?? throw new InvalidOperationException("objdump listed no GLIBC symbol versions.");
    }

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersion();
}

/// <summary>
/// The same sample cross-compiled for Graviton (linux-arm64), Lambda's default here. Needs clang, lld and the
/// aarch64 GNU toolchain; scripts/test.sh installs them.
/// </summary>
public sealed class PublishedScanIngestArm64 : PublishedScanIngest
{
    public PublishedScanIngestArm64()
        : base("linux-arm64", "-p:CppCompilerAndLinker=clang", "-p:LinkerFlavor=lld")
    {
    }
}

/// <summary>Publishes of one project share its obj folder, so the classes that publish run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PublishCollection
{
    public const string Name = "Publishes ScanIngest";
}
