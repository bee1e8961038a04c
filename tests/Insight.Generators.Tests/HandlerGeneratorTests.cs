using Insight.Generators;
using System.Collections;
using System.Reflection;
using Insight.Generators.Handlers;
using Insight.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Insight.Generators.Tests;

public sealed class HandlerGeneratorTests
{
    [Fact]
    public void Generated_sources_match_the_approved_snapshots()
    {
        var (_, run) = GeneratorHarness.Generate(GeneratorHarness.Compile(Sources.Service));

        var generated = run.Of<InsightGenerator>().GeneratedSources;
        Assert.Equal(
            ["InsightService.g.cs", "Plant.Scans.Health.Invoker.g.cs", "Plant.Scans.HourlyRollup.Invoker.g.cs", "Plant.Scans.IngestMetrics.Invoker.g.cs",
             "Plant.Scans.RecordScan.Invoker.g.cs", "Plant.Scans.ResetDevice.Invoker.g.cs", "Plant.Scans.ScoreErgonomics.Invoker.g.cs"],
            generated.Select(s => s.HintName).Order(StringComparer.Ordinal));
        foreach (var source in generated)
        {
            Snapshot.Verify(source.SourceText.ToString(), source.HintName.Replace(".g.cs", ""));
        }
    }

    [Fact]
    public void Generated_service_compiles_without_any_diagnostic()
    {
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.Compile(Sources.Service));

        Assert.Empty(run.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
    }

    [Fact]
    public void Manifest_lists_every_function_with_its_trigger_and_sizing()
    {
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.Compile(Sources.Service));
        var service = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("InsightService.g.cs", StringComparison.Ordinal)).ToString();
        var start = service.IndexOf("Manifest = \"\"\"", StringComparison.Ordinal) + 14;
        var json = service[start..service.IndexOf("\"\"\";", start, StringComparison.Ordinal)];

        using var manifest = System.Text.Json.JsonDocument.Parse(json);
        var functions = manifest.RootElement.GetProperty("functions").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal("ScanService", manifest.RootElement.GetProperty("service").GetString());
        Assert.Equal(6, functions.Count);
        Assert.Equal("SqsBatch", functions["ingest-metrics"].GetProperty("trigger").GetString());
        Assert.Equal(50, functions["ingest-metrics"].GetProperty("batchSize").GetInt32());
        Assert.Equal("rate(1 hour)", functions["HourlyRollup"].GetProperty("schedule").GetString());
        Assert.Equal(120, functions["HourlyRollup"].GetProperty("timeoutSeconds").GetInt32());
        Assert.Equal(256, functions["RecordScan"].GetProperty("memorySize").GetInt32());
        Assert.Equal("Insight.Sdk.Events.ScanEvent", functions["RecordScan"].GetProperty("eventType").GetString());
        Assert.Equal("x86_64", functions["Health"].GetProperty("architecture").GetString());
        Assert.Equal("arm64", functions["RecordScan"].GetProperty("architecture").GetString());
        Assert.Equal(
            ["Plant.Scans.Counter", "Microsoft.Extensions.Logging.ILogger<Plant.Scans.RecordScan>"],
            functions["RecordScan"].GetProperty("dependencies").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public void Entry_point_can_be_switched_off_for_projects_that_host_handlers_themselves()
    {
        var driver = GeneratorHarness.CreateDriver([new(InsightGenerator.EntryPointProperty, "false")]);
        var result = driver.RunGenerators(GeneratorHarness.Compile(Sources.Service)).GetRunResult();

        var service = result.Of<InsightGenerator>().GeneratedSources.Single(s => s.HintName == "InsightService.g.cs").SourceText.ToString();
        Assert.DoesNotContain("Main()", service, StringComparison.Ordinal);
        Assert.Contains("Definition = new()", service, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_handlers_are_left_out_and_valid_ones_still_generate()
    {
        const string source = """
            using System.Threading.Tasks;
            using Insight.Sdk;
            using Insight.Sdk.Events;

            namespace Plant;

            [ScanEventHandler]
            public sealed class NotPartial
            {
                public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
            }

            [ScanEventHandler]
            public sealed partial class Good
            {
                public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
            }
            """;
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.Compile(source));

        Assert.Equal(["InsightService.g.cs", "Plant.Good.Invoker.g.cs"], run.Of<InsightGenerator>().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_project_without_handlers_gets_no_generated_source()
    {
        var result = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(Sources.Unrelated)).GetRunResult();

        Assert.Empty(result.Of<InsightGenerator>().GeneratedSources);
    }

    [Fact]
    public void Second_run_on_the_same_input_is_fully_cached()
    {
        var compilation = GeneratorHarness.Compile(Sources.Service);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Of<InsightGenerator>();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void Unrelated_edit_regenerates_nothing()
    {
        var compilation = GeneratorHarness.Compile(Sources.Service);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Sources.Unrelated, new CSharpParseOptions(LanguageVersion.Preview), path: "Unrelated.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Of<InsightGenerator>();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void Editing_a_handler_body_does_not_rebuild_the_service()
    {
        var compilation = GeneratorHarness.Compile(Sources.Service);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var changed = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Sources.Service.Replace("counter.Count++;\n        log", "counter.Count += 2;\n        log", StringComparison.Ordinal)));
        Assert.NotEqual(tree.ToString(), changed.ToString());
        var second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed)).GetRunResult().Of<InsightGenerator>();

        // The handler is parsed again (its syntax changed) but its model is equal, so nothing downstream reruns;
        // a model holding a location or syntax would differ here and fail.
        AssertAllCachedOrUnchanged(second);
        Assert.All(second.TrackedSteps[InsightGenerator.Steps.Service].Single().Outputs,
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"service was {o.Reason}"));
    }

    [Fact]
    public void Changing_a_handler_attribute_regenerates_the_service()
    {
        var compilation = GeneratorHarness.Compile(Sources.Service);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var changed = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Sources.Service.Replace("MemorySize = 256", "MemorySize = 1024", StringComparison.Ordinal)));
        var second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed)).GetRunResult().Of<InsightGenerator>();

        Assert.Contains(second.TrackedSteps[InsightGenerator.Steps.Service].Single().Outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"memorySize\": 1024", second.GeneratedSources.Single(s => s.HintName == "InsightService.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_one_handler_regenerates_its_invoker_and_the_service_only()
    {
        var compilation = GeneratorHarness.Compile(Sources.Service);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var changed = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Sources.Service.Replace("MemorySize = 256", "MemorySize = 1024", StringComparison.Ordinal)));
        var second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed)).GetRunResult().Of<InsightGenerator>();

        var invokers = second.TrackedSteps[InsightGenerator.Steps.Invokers].SelectMany(s => s.Outputs).ToList();
        Assert.True(invokers.Count >= 3, $"the test service needs several handlers; it has {invokers.Count}");
        var modified = Assert.Single(invokers, o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains("RecordScan", ((ResolvedHandler)modified.Value).Handler.ClassName, StringComparison.Ordinal);
        Assert.All(invokers.Where(o => !ReferenceEquals(o.Value, modified.Value)),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"an untouched handler's invoker was {o.Reason}"));

        // Source outputs: the edited invoker and the service file are written again; every other invoker is left as it was.
        var written = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).ToList();
        Assert.Equal(2, written.Count);
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_compilations_or_locations()
    {
        var result = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(Sources.Service)).GetRunResult().Of<InsightGenerator>();

        // The entity steps record nothing in a service without [DynamoTable] types; DynamoGeneratorTests covers them.
        var stepNames = typeof(InsightGenerator.Steps).GetFields().Select(f => (string)f.GetValue(null)!)
            .Where(name => name is not (InsightGenerator.Steps.Entities or InsightGenerator.Steps.NestedTypes)).ToList();
        Assert.All(stepNames, name => Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} is not tracked"));
        var outputs = stepNames.SelectMany(name => result.TrackedSteps[name].SelectMany(s => s.Outputs)).Select(o => o.Value).ToList();
        var visited = ModelPurity.AssertValueOnly(outputs);

        Assert.Contains(visited, v => v is HandlerModel);
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (var name in typeof(InsightGenerator.Steps).GetFields().Select(f => (string)f.GetValue(null)!))
        {
            foreach (var output in result.TrackedSteps.GetValueOrDefault(name, []).SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name} was {output.Reason}");
            }
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"source output was {output.Reason}"));
    }
}
