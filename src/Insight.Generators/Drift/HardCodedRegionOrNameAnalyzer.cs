using System.Collections.Immutable;
using Insight.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Generators.Drift;

/// <summary>INS101: a region, or the name of a table, queue or event bus the deployment provides, written into code that every tenant's deployment runs. How values are read is shared with the other identity rules in <see cref="IdentityRules"/>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardCodedRegionOrNameAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.HardCodedRegionOrName];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        IdentityRules.Register(context, DiagnosticDescriptors.HardCodedRegionOrName);
    }
}
