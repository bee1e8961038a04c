using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Insight.Analyzers.Tests.Infrastructure;

/// <summary>One diagnostic as <c>dotnet build</c> prints it: <c>File.cs(12,9): warning INS100: …</c>.</summary>
public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message);

/// <summary>What a child <c>dotnet build</c> printed and how it ended.</summary>
public sealed partial record BuildResult(int ExitCode, string Output)
{
    /// <summary>Diagnostics with a source location, each once (MSBuild may repeat a line).</summary>
    public IReadOnlyList<BuildDiagnostic> Diagnostics { get; } = [.. LocatedDiagnostic().Matches(Output)
        .Select(m => new BuildDiagnostic(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["severity"].Value, m.Groups["id"].Value, m.Groups["message"].Value.Trim()))
        .Distinct()];

    [GeneratedRegex(@"^(?<file>[^\r\n(]+\.cs)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error) (?<id>[A-Z]+\d+): (?<message>[^\r\n]*?)(?: \[[^\]\r\n]+\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex LocatedDiagnostic();
}

/// <summary>
/// Runs <c>dotnet build</c> as a developer does, into a temporary artifacts folder so the work tree gets no bin or obj
/// from it, without build servers (nothing is left running after the test).
/// </summary>
public static class DotnetBuild
{
    public static string RepositoryRoot => TestRepository.Root;

    public static async Task<BuildResult> RunAsync(string project, string artifactsPath, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The samples load the manifest task from the task project's bin folder; under --artifacts-path it is built here.
        var tasksAssembly = Path.Combine(artifactsPath, "bin", "Insight.Sdk.Build", "debug", "Insight.Sdk.Build.dll");
        foreach (var argument in new[] { "build", project, "--artifacts-path", artifactsPath, "--disable-build-servers", "-nologo", "-v:minimal", "-clp:NoSummary", $"-p:InsightBuildTasksAssembly={tasksAssembly}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        var lines = new object();
        process.OutputDataReceived += (_, e) => { lock (lines) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (lines) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet build {project} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (lines)
        {
            return new BuildResult(process.ExitCode, output.ToString());
        }
    }
}

/// <summary>
/// One temporary artifacts folder for every child build of a test run, so the SDK projects are compiled once and
/// the builds, which share the machine's two cores, run one after another.
/// </summary>
public sealed class BuildArtifacts : IDisposable
{
    private readonly Dictionary<string, Task<BuildResult>> _builds = new(StringComparer.Ordinal);

    public string Path { get; } = Directory.CreateTempSubdirectory("insight-drift-build-").FullName;

    /// <summary>
    /// The result of building <paramref name="project"/>, built on first request: a second, incremental build would
    /// skip the compiler and print no diagnostics.
    /// </summary>
    public Task<BuildResult> BuildAsync(string project)
    {
        lock (_builds)
        {
            if (!_builds.TryGetValue(project, out var build))
            {
                _builds[project] = build = DotnetBuild.RunAsync(project, Path, TimeSpan.FromMinutes(8));
            }

            return build;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open leaves a folder in the temp directory; not worth failing a test run over.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ChildBuilds : ICollectionFixture<BuildArtifacts>
{
    public const string Name = "child dotnet builds";
}
