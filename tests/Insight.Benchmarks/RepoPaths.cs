namespace Insight.Benchmarks;

/// <summary>Locates the repository and this project from wherever BenchmarkDotNet put the running process.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
        WalkUp("Insight.Sdk.sln") ?? WalkUp("Directory.Packages.props")
        ?? throw new InvalidOperationException($"No Insight.Sdk.sln or Directory.Packages.props above {AppContext.BaseDirectory}."));

    /// <summary>
    /// The repository root: the folder holding Insight.Sdk.sln, else the one holding Directory.Packages.props.
    /// BenchmarkDotNet runs benchmarks from a generated project below this project's bin folder, so both the
    /// host and the benchmark processes find it by walking up.
    /// </summary>
    public static string Root => LazyRoot.Value;

    /// <summary>tests/Insight.Benchmarks, where the benchmark artifacts go.</summary>
    public static string Project => Path.Combine(Root, "tests", "Insight.Benchmarks");

    /// <summary>BenchmarkDotNet's reports and logs, kept inside this project rather than the caller's working directory.</summary>
    public static string Artifacts => Path.Combine(Project, "BenchmarkDotNet.Artifacts");

    private static string? WalkUp(string marker)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
