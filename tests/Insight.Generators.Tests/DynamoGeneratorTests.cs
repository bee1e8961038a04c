using Insight.Generators;
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
            run.Of<InsightGenerator>().GeneratedSources.Where(s => s.HintName.Contains("Dynamo", StringComparison.Ordinal)).Select(s => s.HintName).Order(StringComparer.Ordinal));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + string.Join("\n", output.SyntaxTrees.Skip(1).Select(t => t.FilePath + "\n" + t)));
    }

    [Fact]
    public void Generated_sources_match_the_approved_snapshots()
    {
        var (_, run) = GeneratorHarness.Generate(GeneratorHarness.CompileLibrary(EntitySources.Everything));

        foreach (var source in run.Of<InsightGenerator>().GeneratedSources)
        {
            Snapshot.Verify(source.SourceText.ToString(), source.HintName.Replace(".g.cs", "", StringComparison.Ordinal));
        }
    }

    private const string DataUsings = """
        using System;
        using System.Collections.Generic;
        using Insight.Sdk.Data;

        namespace Plant.Data;

        """;

    [Theory]
    [InlineData("INS020", "[DynamoTable] public sealed record R([property: PartitionKey] string Id);", "'R' must be declared partial")]
    [InlineData("INS021", "[DynamoTable] public sealed partial record R(string Id);", "has no partition key")]
    [InlineData("INS022", "[DynamoTable] public sealed partial record R([property: PartitionKey] string Id, System.IO.Stream Data);", "Property 'Data' of 'R' has type 'System.IO.Stream'")]
    [InlineData("INS022", "[DynamoTable] public sealed partial record R([property: PartitionKey] string Id, List<int?> Values);", "Property 'Values'")]
    [InlineData("INS023", "[DynamoTable] public sealed partial record R([property: PartitionKey] string? Id);", "Key property 'Id' of 'R' is nullable")]
    [InlineData("INS024", "[DynamoTable] public sealed partial record R([property: PartitionKey] string Id, [property: DynamoProperty(\"Id\")] string Other);", "are both stored as attribute 'Id'")]
    [InlineData("INS025", "[DynamoTable] [CompositeKey(KeyRole.Partition, \"PK\", \"D#{Missing}\")] public sealed partial record R(string Id);", "uses {Missing}")]
    [InlineData("INS025", "[DynamoTable] public sealed partial record R([property: PartitionKey] string Id, [property: PartitionKey] string Other);", "declares 2 partition keys")]
    [InlineData("INS025", "[DynamoTable] public sealed partial record R([property: PartitionKey] string Id, [property: GlobalIndexSortKey(\"ByX\")] string X);", "global index 'ByX' has a sort key but no [GlobalIndexPartitionKey]")]
    [InlineData("INS026", "[DynamoTable] public sealed partial record R([property: PartitionKey] string Id, [property: Version] int Version);", "must be int? or long?")]
    [InlineData("INS026", "[DynamoTable] public sealed partial record R([property: PartitionKey] string Id, [property: TimeToLive] string Expires);", "[TimeToLive] property must be")]
    [InlineData("INS027", "[DynamoTable] public abstract partial record R([property: PartitionKey] string Id);", "must be a top-level, non-generic, non-abstract")]
    public async Task Entity_misuse_is_reported_with_its_id_and_a_message_naming_the_problem(string id, string source, string fragment)
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(DataUsings + source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(fragment, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Second_run_and_an_unrelated_edit_are_fully_cached()
    {
        var compilation = GeneratorHarness.CompileLibrary(EntitySources.Everything);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var again = driver.RunGenerators(compilation.Clone()).GetRunResult().Of<InsightGenerator>();
        var edited = driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Sources.Unrelated, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview)))).GetRunResult().Of<InsightGenerator>();

        foreach (var result in new[] { again, edited })
        {
            foreach (var step in new[] { InsightGenerator.Steps.Entities, InsightGenerator.Steps.NestedTypes })
            {
                Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs),
                    o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
            }
        }
    }

    [Fact]
    public void Entity_models_hold_no_symbols_or_syntax()
    {
        var result = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CompileLibrary(EntitySources.Everything)).GetRunResult().Of<InsightGenerator>();

        var models = result.TrackedSteps[InsightGenerator.Steps.Entities].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.Equal(2, models.Count);
        ModelPurity.AssertValueOnly(models);
    }

    [Fact]
    public void A_handler_taking_generated_tables_gets_them_registered_and_declared_in_the_manifest()
    {
        const string handler = """
            using System.Threading.Tasks;
            using Insight.Sdk;
            using Insight.Sdk.Events;

            namespace Plant.Data;

            [ScanEventHandler]
            public sealed partial class CountScan(DeviceTable devices, DailyCounterReader counters)
            {
                public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
            }
            """;
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.Compile(EntitySources.Everything, handler));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var service = run.Of<InsightGenerator>().GeneratedSources.Single(s => s.HintName == "InsightService.g.cs").SourceText.ToString();
        Assert.Contains("services.TryAddSingleton(static provider => new global::Plant.Data.DeviceTable(", service, StringComparison.Ordinal);
        Assert.Contains("\"tables\": [{ \"name\": \"Devices\", \"access\": \"readwrite\" }, { \"name\": \"Plant\", \"access\": \"read\" }]", service, StringComparison.Ordinal);
    }
}
