using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Insight.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Generators.Drift;

/// <summary>
/// INS111: a project whose Insight SDK version, target framework or runtime differs from what the monorepo declares.
/// One StackSet rollout carries every service to every tenant, so a service left on another SDK or runtime is a
/// fleet-wide difference nobody chose. The monorepo declares its choices as MSBuild properties
/// (<c>InsightSdkCentralVersion</c>, <c>InsightTargetFramework</c>, <c>InsightRuntimeIdentifier</c>), which
/// Insight.Sdk.props makes visible to the compiler; a property the monorepo does not declare is not checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VersionDriftAnalyzer : DiagnosticAnalyzer
{
    private const string Prefix = "build_property.";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.VersionDrift];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // Reported once, for the project as a whole: the drift is in its build settings, not in any file.
        context.RegisterCompilationAction(compilation =>
        {
            if (DriftCompilation.Read(compilation.Compilation) is null)
            {
                return;
            }

            var differences = Differences(compilation.Options.AnalyzerConfigOptionsProvider.GlobalOptions, compilation.Compilation);
            if (differences.Count > 0)
            {
                compilation.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.VersionDrift, Location.None, compilation.Compilation.AssemblyName, string.Join("; ", differences)));
            }
        });
    }

    private static List<string> Differences(AnalyzerConfigOptions options, Compilation compilation)
    {
        var differences = new List<string>();
        var central = Read(options, "InsightSdkCentralVersion");
        if (central is not null)
        {
            if (Read(options, "InsightSdkVersion") is { } projectVersion && !SameVersion(projectVersion, central))
            {
                differences.Add($"it sets InsightSdkVersion {projectVersion} while the central version is {central}");
            }

            foreach (var reference in compilation.ReferencedAssemblyNames)
            {
                if (reference.Name == "Insight.Sdk" && !SameVersion(reference.Version, central))
                {
                    differences.Add($"it references Insight.Sdk {Format(reference.Version)} while the central version is {central} (a VersionOverride?)");
                }
            }
        }

        Compare(options, "TargetFramework", "InsightTargetFramework", "targets", differences);
        Compare(options, "RuntimeIdentifier", "InsightRuntimeIdentifier", "builds for the runtime", differences);
        return differences;
    }

    private static void Compare(AnalyzerConfigOptions options, string projectProperty, string monorepoProperty, string verb, List<string> differences)
    {
        if (Read(options, projectProperty) is { } project && Read(options, monorepoProperty) is { } monorepo
            && !string.Equals(project, monorepo, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"it {verb} {project} while the monorepo declares {monorepo} ({monorepoProperty})");
        }
    }

    private static string? Read(AnalyzerConfigOptions options, string property) =>
        options.TryGetValue(Prefix + property, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Versions compare by major, minor and patch; a pre-release or build suffix and a fourth part do not count.</summary>
    private static bool SameVersion(string left, string right) => SameVersion(Parse(left), right);

    private static bool SameVersion(Version? left, string right)
    {
        var parsedRight = Parse(right);
        return left is null || parsedRight is null
            || (left.Major == parsedRight.Major && Math.Max(left.Minor, 0) == Math.Max(parsedRight.Minor, 0) && Math.Max(left.Build, 0) == Math.Max(parsedRight.Build, 0));
    }

    private static Version? Parse(string text)
    {
        var end = text.IndexOfAny(['-', '+']);
        var numeric = end < 0 ? text : text.Substring(0, end);
        return Version.TryParse(numeric.Contains(".") ? numeric : numeric + ".0", out var version) ? version : null;
    }

    private static string Format(Version version) => $"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}";
}
