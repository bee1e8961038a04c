using Insight.Generators.Data;
using Insight.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Insight.Generators.Tests;

public sealed class DynamoGeneratorTests
{
    [Fact]
    public async Task The_everything_entity_is_valid()
    {
        Assert.Empty(await GeneratorHarness.AnalyzeAsync(EntitySources.Everything));
    }

    [Fact]
    public void Generated_mappers_compile_without_any_diagnostic()
    {
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CompileLibrary(EntitySources.Everything));
        Assert.Empty(run.Diagnostics);

        Assert.Equal(
            ["Plant.Data.DailyCounter.Dynamo.g.cs", "Plant.Data.Device.Dynamo.g.cs", "Plant.Data.Location.DynamoMapper.g.cs"],
            run.Of<DynamoGenerator>().GeneratedSources.Where(s => s.HintName.Contains("Dynamo", StringComparison.Ordinal)).Select(s => s.HintName).Order(StringComparer.Ordinal));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + string.Join("\n", output.SyntaxTrees.Skip(1).Select(t => t.FilePath + "\n" + t)));
    }

    [Fact]
    public void Generated_sources_match_the_approved_snapshots()
    {
        var (_, run) = GeneratorHarness.Generate(GeneratorHarness.CompileLibrary(EntitySources.Everything));

        foreach (var source in run.Of<DynamoGenerator>().GeneratedSources)
        {
            Snapshot.Verify(source.SourceText.ToString(), source.HintName.Replace(".g.cs", "", StringComparison.Ordinal));
        }
    }
}
