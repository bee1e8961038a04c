using System.Text.RegularExpressions;
using Insight.Analyzers.Tests.Infrastructure;

namespace Insight.Analyzers.Tests;

/// <summary>The samples are what a team copies: they must build with no drift diagnostic at all.</summary>
[Collection(ChildBuilds.Name)]
public sealed class SampleBuildTests(BuildArtifacts artifacts)
{
    [Fact]
    public async Task The_samples_build_without_drift_diagnostics()
    {
        foreach (var sample in new[] { "samples/ScanIngest", "samples/Infra" })
        {
            var build = await artifacts.BuildAsync(sample);

            Assert.True(build.ExitCode == 0, $"dotnet build {sample} failed:\n{build.Output}");
            Assert.DoesNotMatch(new Regex(@"\bINS1\d\d\b"), build.Output);
        }
    }
}

/// <summary>
/// A project that drifts on purpose, built with <c>dotnet build</c>: every rule it breaks shows up in the build output
/// at the file and line a developer would be sent to, with the severity its .editorconfig sets.
/// </summary>
[Collection(ChildBuilds.Name)]
public sealed partial class DriftingProjectTests(BuildArtifacts artifacts)
{
    private static readonly string FixtureRoot = Path.Combine(DotnetBuild.RepositoryRoot, "tests", "Insight.Analyzers.Tests", "DriftingProject");

    [Theory]
    [InlineData("Service/DriftingService.csproj", true)]
    [InlineData("Infra/DriftingInfra.csproj", false)]
    public async Task Each_expected_diagnostic_appears_at_its_file_and_line(string project, bool failsTheBuild)
    {
        var projectPath = Path.Combine(FixtureRoot, project);
        var build = await artifacts.BuildAsync(projectPath);

        var expected = ExpectedDiagnostics(Path.GetDirectoryName(projectPath)!);
        var actual = build.Diagnostics
            .Where(d => d.Id.StartsWith("INS1", StringComparison.Ordinal))
            .Select(d => $"{Path.GetFileName(d.File)}:{d.Line}: {d.Severity} {d.Id}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"Expected:\n  {string.Join("\n  ", expected)}\nBuilt:\n  {string.Join("\n  ", actual)}\n\nBuild output:\n{build.Output}");

        // The service has error-level drift (INS103 by default, INS102 by its .editorconfig), so its build fails.
        Assert.Equal(failsTheBuild, build.ExitCode != 0);
    }

    [Fact]
    public async Task Version_drift_is_reported_once_for_the_project()
    {
        var build = await artifacts.BuildAsync(Path.Combine(FixtureRoot, "Service", "DriftingService.csproj"));

        var reports = build.Output.Split('\n')
            .Where(line => line.Contains("warning INS111", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .Distinct()
            .ToList();
        var report = Assert.Single(reports);
        Assert.Contains("Project 'DriftingService' drifts from the monorepo: it references Insight.Sdk 0.1.0 while the central version is 0.2.0", report, StringComparison.Ordinal);
    }

    /// <summary>The <c>// expect: warning INS100, error INS102</c> comments of a fixture's sources, as "File.cs:line: severity id".</summary>
    private static List<string> ExpectedDiagnostics(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.cs")
            .SelectMany(file => File.ReadLines(file).Select((text, index) => (File: Path.GetFileName(file), Line: index + 1, Text: text)))
            .SelectMany(line => Expectation().Match(line.Text) is { Success: true } match
                ? match.Groups["entries"].Value.Split(',', StringSplitOptions.TrimEntries).Select(entry => $"{line.File}:{line.Line}: {entry}")
                : [])
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"// expect: (?<entries>(?:(?:warning|error) INS1\d\d(?:, )?)+)\s*$")]
    private static partial Regex Expectation();
}
