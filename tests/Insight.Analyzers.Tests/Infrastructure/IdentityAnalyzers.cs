using System.Collections.Immutable;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Analyzers.Tests.Infrastructure;

/// <summary>
/// INS100, INS101 and INS102 run together, as they do in a build, for tests whose sources mix them; each registers
/// its own actions on the shared context, so this runs the real analyzers.
/// </summary>
#pragma warning disable RS1001 // A test-only composite that no compiler loads, so it declares no language.
public sealed class IdentityAnalyzers : DiagnosticAnalyzer
{
    private static readonly DiagnosticAnalyzer[] Rules = [new HardCodedAccountAnalyzer(), new HardCodedRegionOrNameAnalyzer(), new TenantSpecificBehaviourAnalyzer()];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [.. Rules.SelectMany(r => r.SupportedDiagnostics)];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        foreach (var rule in Rules)
        {
            rule.Initialize(context);
        }
    }
}
#pragma warning restore RS1001
