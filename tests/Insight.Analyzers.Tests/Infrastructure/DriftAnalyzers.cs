using Insight.Generators.Drift;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Analyzers.Tests.Infrastructure;

/// <summary>Every drift analyzer (INS100–INS111), as a build runs them.</summary>
public static class DriftAnalyzers
{
    public static DiagnosticAnalyzer[] All() =>
    [
        new HardCodedAccountAnalyzer(),
        new HardCodedRegionOrNameAnalyzer(),
        new TenantSpecificBehaviourAnalyzer(),
        new PayloadTenantAnalyzer(),
        new ServiceWiringAnalyzer(),
        new InfrastructureDriftAnalyzer(),
        new VersionDriftAnalyzer(),
    ];
}
