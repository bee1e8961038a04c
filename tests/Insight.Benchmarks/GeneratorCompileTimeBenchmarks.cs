using Insight.Generators;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Insight.Benchmarks;

/// <summary>
/// What the handler generator costs a build: a synthetic service of 500 handlers in 50 files, compiled from
/// source text to an emitted assembly and PDB, with System.Text.Json's generator in both arms (the service's
/// JSON context needs it either way) and the handler generator only in the second. Share of compile time =
/// (with - without) / with.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class GeneratorCompileTimeBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>
    /// As an MSBuild test project sets it: no generated <c>Main</c>, so both arms can be libraries. An entry point
    /// is one line; leaving it out keeps the arms otherwise identical.
    /// </summary>
    private static readonly AnalyzerConfigOptionsProvider Options = AnalyzerHosting.Options(new Dictionary<string, string>
    {
        [InsightGenerator.EntryPointProperty] = "false",
    });

    private IReadOnlyList<(string Path, SourceText Text)> _sources = [];
    private ImmutableArray<MetadataReference> _references;
    private ISourceGenerator _json = null!;
    private ISourceGenerator _handlers = null!;
    private IReadOnlyList<(string Path, SourceText Text)> _handWritten = [];

    [GlobalSetup]
    public void Setup()
    {
        _sources = [.. SyntheticProject.Sources().Select(s => (s.Path, SourceText.From(s.Text, System.Text.Encoding.UTF8)))];
        _references =
        [
            .. Net100.References.All,
            MetadataReference.CreateFromFile(typeof(Insight.Sdk.TenantContext).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.ServiceProvider).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        ];
        _json = LoadJsonGenerator();
        _handlers = new InsightGenerator().AsSourceGenerator();

        // Both arms must compile cleanly, and the generator must have produced what it should, or the timings
        // compare different work.
        var (without, withoutDiagnostics) = Compile([_json]);
        Check("without the handler generator", without, withoutDiagnostics);
        var (with, withDiagnostics) = Compile([_handlers, _json]);
        Check("with the handler generator", with, withDiagnostics);

        var generated = CSharpGeneratorDriver.Create([_handlers], parseOptions: ParseOptions, optionsProvider: Options)
            .RunGenerators(CreateCompilation())
            .GetRunResult().Results.Single();
        var expected = SyntheticProject.HandlerCount + 1;
        if (generated.Exception is not null || generated.GeneratedSources.Length != expected)
        {
            throw new InvalidOperationException(
                $"The handler generator produced {generated.GeneratedSources.Length} sources, expected {expected} (one invoker per handler and InsightService.g.cs). {generated.Exception}");
        }

        // The hand-written arm: the same code with what the generator writes added as ordinary source files.
        _handWritten = [.. _sources, .. generated.GeneratedSources.Select(s => ($"HandWritten/{s.HintName}", s.SourceText))];
        var (handWritten, handWrittenDiagnostics) = Compile([_json], _handWritten);
        Check("written by hand", handWritten, handWrittenDiagnostics);

        Console.WriteLine($"// {_sources.Count} source files, {SyntheticProject.HandlerCount} handlers; the handler generator adds {generated.GeneratedSources.Length} sources " +
                          $"({generated.GeneratedSources.Sum(s => s.SourceText.Length):N0} chars); both arms emit without errors.");
    }

    [Benchmark(Baseline = true)]
    public long CompileWithoutGenerator() => Compile([_json]).Size;

    [Benchmark]
    public long CompileWithGenerator() => Compile([_handlers, _json]).Size;

    /// <summary>
    /// The same service written by hand: the user code plus the generated sources as plain files, no Insight
    /// generator. <see cref="CompileWithGenerator"/> over this is what generating costs beyond the code itself.
    /// </summary>
    [Benchmark]
    public long CompileHandWritten() => Compile([_json], _handWritten).Size;

    /// <summary>
    /// Not a build: parse and run the handler generator alone, without binding or emitting anything. Splits the
    /// generator's share into its own run time and the cost of compiling what it generates.
    /// </summary>
    [Benchmark]
    public int HandlerGeneratorRunOnly() =>
        CSharpGeneratorDriver.Create([_handlers], parseOptions: ParseOptions, optionsProvider: Options)
            .RunGenerators(CreateCompilation())
            .GetRunResult().GeneratedTrees.Length;

    /// <summary>Parse, run the generators in one driver (as csc does), emit the assembly and its PDB.</summary>
    private (long Size, ImmutableArray<Diagnostic> Diagnostics) Compile(ISourceGenerator[] generators, IReadOnlyList<(string Path, SourceText Text)>? sources = null)
    {
        var input = CreateCompilation(sources);
        CSharpGeneratorDriver.Create(generators, parseOptions: ParseOptions, optionsProvider: Options)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);

        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = output.Emit(pe, pdb);
        return (pe.Length + pdb.Length, result.Success ? generatorDiagnostics : generatorDiagnostics.AddRange(result.Diagnostics));
    }

    private CSharpCompilation CreateCompilation(IReadOnlyList<(string Path, SourceText Text)>? sources = null) =>
        CSharpCompilation.Create(
            SyntheticProject.AssemblyName,
            (sources ?? _sources).Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            _references,
            CompilationOptions);

    private static void Check(string arm, long size, ImmutableArray<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id is "CS8784" or "CS8785").ToList();
        if (errors.Count > 0 || size == 0)
        {
            throw new InvalidOperationException(
                $"The synthetic project does not compile {arm}:\n{string.Join('\n', errors.Take(20))}");
        }
    }

    /// <summary>System.Text.Json's generator from the targeting pack of the running .NET, as the SDK's build would load it.</summary>
    internal static ISourceGenerator LoadJsonGenerator()
    {
        var version = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory()).Name;
        var path = Path.Combine(AnalyzerHosting.DotnetRoot, "packs", "Microsoft.NETCore.App.Ref", version, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("System.Text.Json's source generator is not in the targeting pack; both arms need it.", path);
        }

        return AnalyzerHosting.Reference(path).GetGenerators(LanguageNames.CSharp).FirstOrDefault()
            ?? throw new InvalidOperationException($"{path} holds no C# generator.");
    }
}
