using System.Collections.Immutable;
using Insight.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Generators.Drift;

/// <summary>INS100: a twelve-digit AWS account id written into code that every tenant account runs (in an ARN, given to an account or principal, compared with the current account). How values are read is shared with the other identity rules in <see cref="IdentityRules"/>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardCodedAccountAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.HardCodedAccount];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        IdentityRules.Register(context, DiagnosticDescriptors.HardCodedAccount);
    }
}
