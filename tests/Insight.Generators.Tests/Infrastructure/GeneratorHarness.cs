using Insight.Generators;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Basic.Reference.Assemblies;
using Insight.Generators.Diagnostics;
using Insight.Generators.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Generators.Tests.Infrastructure;

/// <summary>Compiles test sources against the real SDK and runs the generators and analyzers over them.</summary>
public static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Insight.Sdk.TenantContext).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.ServiceProvider).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.DynamoDBv2.Model.AttributeValue).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.Runtime.AmazonServiceClient).Assembly.Location),
    ]);

    /// <summary>System.Text.Json's own generator, from the targeting pack, so user JSON contexts get their metadata.</summary>
    private static readonly Lazy<ISourceGenerator?> JsonGenerator = new(LoadJsonGenerator);

    public static CSharpCompilation Compile(params string[] sources) => Compile(OutputKind.ConsoleApplication, sources);

    public static CSharpCompilation CompileLibrary(params string[] sources) => Compile(OutputKind.DynamicallyLinkedLibrary, sources);

    private static CSharpCompilation Compile(OutputKind kind, string[] sources) =>
        CSharpCompilation.Create(
            "ScanService",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<KeyValuePair<string, string>>? globalOptions = null) =>
        CSharpGeneratorDriver.Create(
            [new InsightGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new OptionsProvider(globalOptions),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs our generator, then System.Text.Json's over the result, and returns the final compilation.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(CSharpCompilation input)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        if (JsonGenerator.Value is { } json)
        {
            CSharpGeneratorDriver.Create([json], parseOptions: ParseOptions)
                .RunGeneratorsAndUpdateCompilation(output, out output, out _);
        }

        return (output, driver.GetRunResult());
    }

    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(params string[] sources) => AnalyzeWithOptionsAsync([], sources);

    /// <summary>Runs the analyzers with <paramref name="globalOptions"/> as MSBuild would pass compiler-visible properties.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeWithOptionsAsync(IEnumerable<KeyValuePair<string, string>> globalOptions, params string[] sources)
    {
        var compilation = Compile(sources);
        return await compilation
            .WithAnalyzers([new HandlerUsageAnalyzer(), new DynamoEntityAnalyzer()], new AnalyzerOptions([], new OptionsProvider(globalOptions)))
            .GetAnalyzerDiagnosticsAsync();
    }

    private static ISourceGenerator? LoadJsonGenerator()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var version = new DirectoryInfo(runtime).Name;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var path = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref", version, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        if (!File.Exists(path))
        {
            return null;
        }

        var reference = new AnalyzerFileReference(path, new AssemblyLoader());
        return reference.GetGenerators(LanguageNames.CSharp).FirstOrDefault();
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    private sealed class OptionsProvider(IEnumerable<KeyValuePair<string, string>>? values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values?.ToDictionary() ?? []);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}

/// <summary>Picks one generator's result out of a run of several.</summary>
public static class GeneratorRunResultExtensions
{
    public static GeneratorRunResult Of<TGenerator>(this GeneratorDriverRunResult run) =>
        run.Results.Single(r => r.Generator.GetGeneratorType() == typeof(TGenerator));
}
