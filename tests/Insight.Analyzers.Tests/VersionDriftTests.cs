using Insight.Analyzers.Tests.Infrastructure;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Insight.Analyzers.Tests;

/// <summary>INS111: a project's SDK version, framework or runtime against what the monorepo declares.</summary>
public sealed class VersionDriftTests
{
    private const string Code = """
        public static class Service
        {
            public static string Name => "scan-ingest";
        }
        """;

    [Theory]
    [InlineData("build_property.TargetFramework = net9.0\nbuild_property.InsightTargetFramework = net10.0",
        "it targets net9.0 while the monorepo declares net10.0 (InsightTargetFramework)")]
    [InlineData("build_property.RuntimeIdentifier = linux-x64\nbuild_property.InsightRuntimeIdentifier = linux-arm64",
        "it builds for the runtime linux-x64 while the monorepo declares linux-arm64 (InsightRuntimeIdentifier)")]
    [InlineData("build_property.InsightSdkCentralVersion = 0.1.0\nbuild_property.InsightSdkVersion = 0.0.9",
        "it sets InsightSdkVersion 0.0.9 while the central version is 0.1.0")]
    [InlineData("build_property.InsightSdkCentralVersion = 0.2.0-preview.1",
        "it references Insight.Sdk 0.1.0 while the central version is 0.2.0-preview.1 (a VersionOverride?)")]
    public async Task A_project_that_differs_from_the_monorepo_is_reported_once_without_a_location(string properties, string difference)
    {
        var test = new DriftVerifier.AnalyzerTest<VersionDriftAnalyzer>(TestProject.Service) { TestCode = Sources.Service + Code };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + properties));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DriftRuleIds.VersionDrift, DiagnosticSeverity.Warning).WithArguments("TestProject", difference));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("build_property.TargetFramework = net10.0\nbuild_property.InsightTargetFramework = net10.0")]
    [InlineData("build_property.InsightSdkCentralVersion = 0.1.0\nbuild_property.InsightSdkVersion = 0.1.0")]
    [InlineData("build_property.TargetFramework = net9.0")]
    [InlineData("build_property.RuntimeIdentifier = \nbuild_property.InsightRuntimeIdentifier = linux-arm64")]
    public async Task A_project_that_matches_or_a_monorepo_that_declares_nothing_is_left_alone(string properties)
    {
        var test = new DriftVerifier.AnalyzerTest<VersionDriftAnalyzer>(TestProject.Service) { TestCode = Sources.Service + Code };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + properties));
        await test.RunAsync();
    }

    [Fact]
    public async Task Several_differences_are_one_diagnostic()
    {
        var test = new DriftVerifier.AnalyzerTest<VersionDriftAnalyzer>(TestProject.Infrastructure) { TestCode = Sources.Infrastructure + Code };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
            is_global = true
            build_property.TargetFramework = net9.0
            build_property.InsightTargetFramework = net10.0
            build_property.RuntimeIdentifier = linux-x64
            build_property.InsightRuntimeIdentifier = linux-arm64
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DriftRuleIds.VersionDrift, DiagnosticSeverity.Warning).WithArguments("TestProject",
            "it targets net9.0 while the monorepo declares net10.0 (InsightTargetFramework); it builds for the runtime linux-x64 while the monorepo declares linux-arm64 (InsightRuntimeIdentifier)"));
        await test.RunAsync();
    }
}
