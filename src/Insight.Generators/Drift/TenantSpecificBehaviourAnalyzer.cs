using System.Collections.Immutable;
using Insight.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Generators.Drift;

/// <summary>INS102: behaviour that depends on a literal tenant id (a comparison, a switch, settings keyed by tenant ids); every tenant runs the same code. How values are read is shared with the other identity rules in <see cref="IdentityRules"/>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TenantSpecificBehaviourAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.TenantSpecificBehaviour];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        IdentityRules.Register(context, DiagnosticDescriptors.TenantSpecificBehaviour);
    }
}
