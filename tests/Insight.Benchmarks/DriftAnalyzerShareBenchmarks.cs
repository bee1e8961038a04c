using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Basic.Reference.Assemblies;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Insight.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Insight.Benchmarks;

/// <summary>Which synthetic service a benchmark compiles.</summary>
public enum SyntheticVariant
{
    /// <summary>The 500-handler service of <see cref="SyntheticProject.Sources"/>: little for the drift rules to follow.</summary>
    Plain,

    /// <summary>The same with tenant-aware code (<see cref="SyntheticProject.TenantAwareSources"/>), so every value-flow path runs.</summary>
    TenantAware,
}

/// <summary>
/// The drift rules' (INS100–INS111) share of a build, read from one run. Every arm parses the synthetic service, runs the
/// source generators (the handler generator and System.Text.Json's) and emits the assembly and PDB:
/// <list type="bullet">
/// <item><see cref="GeneratorsOnly"/> — a build without analyzers (a);</item>
/// <item><see cref="GeneratorsAndDriftAnalyzers"/> — the same with the drift analyzers run through
/// <see cref="CompilationWithAnalyzers"/>, the analyzers a build loads from Insight.Generators.dll (b);</item>
/// <item><see cref="GeneratorsAndAnalyzerHost"/> — the same host with an analyzer that does nothing.
/// <see cref="CompilationWithAnalyzers"/> binds every method body once more to raise the compilation's events, which
/// csc does not (it raises them while it compiles), so (b) − this arm is what the drift rules themselves cost.</item>
/// </list>
/// <item><see cref="GeneratorsAndDefaultAnalyzers"/> — the analyzers every build of a service runs besides the drift
/// rules: the .NET SDK's own (Microsoft.CodeAnalysis.NetAnalyzers, at the SDK's default analysis level) and the SDK's
/// other rules from Insight.Generators.dll (d);</item>
/// <item><see cref="GeneratorsAndDefaultAndDriftAnalyzers"/> — the same plus the drift rules (e).</item>
/// </list>
/// Share = (b − a) / b as the brief for the benchmark defines it, an upper bound because it charges the host's second
/// binding to the rules; the rules' own share is (b − host) / (a + b − host). In a real build the operation trees the
/// rules walk are built for the .NET SDK's analyzers anyway, so the share of a full build is (e − d) / e.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoring))]
public class DriftAnalyzerShareBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        // The .NET SDK's default analysis level (analysislevel_10_default.globalconfig) turns this one rule off.
        specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CA1516"] = ReportDiagnostic.Suppress });

    /// <summary>As a library build sets it (no generated <c>Main</c>), for the generator and the analyzers alike.</summary>
    private static readonly AnalyzerConfigOptionsProvider Options = AnalyzerHosting.Options(new Dictionary<string, string>
    {
        [InsightGenerator.EntryPointProperty] = "false",
    });

    /// <summary>
    /// Ten measured builds after three warm-up ones, in this process: the benchmark compiles in memory, so it needs no
    /// boilerplate project of its own, whose build (the benchmark project with the sample fleet's CDK app) outlasts
    /// BenchmarkDotNet's two-minute build timeout on a loaded two-core machine. Run it with
    /// <c>DOTNET_TieredCompilation=0</c>: the arms share the process, and with tiering the first arm pays for
    /// re-compiling the compiler's hot methods in the background while the later ones do not. Thirteen builds of the
    /// tenant-aware service take longer than the in-process toolchain's default five-minute limit on a busy machine.
    /// </summary>
    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }

    private IReadOnlyList<(string Path, SourceText Text)> _sources = [];
    private ImmutableArray<MetadataReference> _references;
    private ISourceGenerator[] _generators = [];
    private ImmutableArray<DiagnosticAnalyzer> _drift;
    private ImmutableArray<DiagnosticAnalyzer> _idle;
    private ImmutableArray<DiagnosticAnalyzer> _default;
    private ImmutableArray<DiagnosticAnalyzer> _defaultAndDrift;

    [Params(SyntheticVariant.Plain, SyntheticVariant.TenantAware)]
    public SyntheticVariant Project { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sources = Project == SyntheticVariant.Plain ? SyntheticProject.Sources() : SyntheticProject.TenantAwareSources();
        _sources = [.. sources.Select(s => (s.Path, SourceText.From(s.Text, System.Text.Encoding.UTF8)))];
        _references =
        [
            .. Net100.References.All,
            MetadataReference.CreateFromFile(typeof(Insight.Sdk.TenantContext).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.ServiceProvider).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Amazon.DynamoDBv2.IAmazonDynamoDB).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Amazon.Runtime.AmazonServiceClient).Assembly.Location),
        ];
        _generators = [new InsightGenerator().AsSourceGenerator(), GeneratorCompileTimeBenchmarks.LoadJsonGenerator()];
        _drift = DriftAnalyzers();
        _idle = [new IdleAnalyzer()];
        _default = DefaultBuildAnalyzers();
        _defaultAndDrift = _default.AddRange(_drift);

        // Every arm must compile what the others do, and the drift rules must have nothing to report: the synthetic code
        // is drift-free, so a diagnostic here is a false alarm (or code that stopped compiling), and the timings would
        // compare different work.
        var expectedHandlers = Project == SyntheticVariant.Plain ? SyntheticProject.HandlerCount : SyntheticProject.TenantAwareHandlerCount;
        var (output, generated) = Generate();
        if (generated.Results.Any(r => r.Exception is not null) || generated.GeneratedTrees.Length < expectedHandlers)
        {
            throw new InvalidOperationException($"The generators produced {generated.GeneratedTrees.Length} sources for {expectedHandlers} handlers.");
        }

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var drift = output.WithAnalyzers(_drift, new AnalyzerOptions([], Options)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (errors.Count > 0 || drift.Length > 0)
        {
            throw new InvalidOperationException($"The {Project} service does not compile cleanly or drifts:\n{string.Join('\n', errors.Concat(drift).Take(20))}");
        }

        // Where the rules' time goes: each analyzer's own callbacks, as the compiler's -p:ReportAnalyzer=true counts them.
        var timed = new CompilationWithAnalyzers(output, _drift, new CompilationWithAnalyzersOptions(new AnalyzerOptions([], Options), null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
        _ = timed.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        foreach (var analyzer in _drift)
        {
            var telemetry = timed.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine(System.FormattableString.Invariant($"// {Project} {analyzer.GetType().Name}: {telemetry.ExecutionTime.TotalSeconds:0.000} s in its own actions"));
        }

        // The same beside the .NET SDK's analyzers, as a build runs them: who is charged for the shared operation trees.
        var beside = new CompilationWithAnalyzers(output, _defaultAndDrift, new CompilationWithAnalyzersOptions(new AnalyzerOptions([], Options), null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
        _ = beside.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        double driftSeconds = 0, otherSeconds = 0;
        foreach (var analyzer in _defaultAndDrift)
        {
            var seconds = beside.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalSeconds;
            if (_drift.Contains(analyzer))
            {
                driftSeconds += seconds;
            }
            else
            {
                otherSeconds += seconds;
            }
        }

        Console.WriteLine(System.FormattableString.Invariant($"// {Project} beside the default analyzers: drift rules {driftSeconds:0.000} s, the {_default.Length} others {otherSeconds:0.000} s in their own actions"));

        Console.WriteLine($"// {Project}: {_sources.Count} source files, {expectedHandlers} handlers, {generated.GeneratedTrees.Length} generated sources; " +
                          $"drift analyzers: {string.Join(", ", _drift.Select(a => a.GetType().Name))}; no diagnostics.");
    }

    [Benchmark(Baseline = true)]
    public long GeneratorsOnly() => MeasureCpu(nameof(GeneratorsOnly), () =>
    {
        var (output, _) = Generate();
        return Emit(output);
    });

    [Benchmark]
    public long GeneratorsAndAnalyzerHost() => MeasureCpu(nameof(GeneratorsAndAnalyzerHost), () => BuildWith(_idle));

    [Benchmark]
    public long GeneratorsAndDriftAnalyzers() => MeasureCpu(nameof(GeneratorsAndDriftAnalyzers), () => BuildWith(_drift));

    [Benchmark]
    public long GeneratorsAndDefaultAnalyzers() => MeasureCpu(nameof(GeneratorsAndDefaultAnalyzers), () => BuildWith(_default));

    [Benchmark]
    public long GeneratorsAndDefaultAndDriftAnalyzers() => MeasureCpu(nameof(GeneratorsAndDefaultAndDriftAnalyzers), () => BuildWith(_defaultAndDrift));

    /// <summary>
    /// Prints each arm's processor time per build (median and range of the measured builds). On a shared machine the
    /// wall time BenchmarkDotNet reports swings with other work; the processor time the build itself used (all its
    /// threads, the compiler's concurrent binding included) moves far less, so the share is read from it too.
    /// </summary>
    [GlobalCleanup]
    public void PrintProcessorTimes()
    {
        foreach (var (arm, seconds) in _cpuSeconds.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // The first builds are the pilot and warm-up ones; the measured ones are the last ten.
            var measured = seconds.Skip(Math.Max(0, seconds.Count - 10)).Order().ToList();
            Console.WriteLine(System.FormattableString.Invariant(
                $"// CPU {Project} {arm}: median {measured[measured.Count / 2]:0.00} s (min {measured[0]:0.00}, max {measured[^1]:0.00}, n {measured.Count})"));
        }
    }

    private readonly Dictionary<string, List<double>> _cpuSeconds = new(StringComparer.Ordinal);

    private long MeasureCpu(string arm, Func<long> build)
    {
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var result = build();
        process.Refresh();
        var used = (process.TotalProcessorTime - before).TotalSeconds;
        if (!_cpuSeconds.TryGetValue(arm, out var list))
        {
            _cpuSeconds[arm] = list = [];
        }

        list.Add(used);
        return result;
    }

    /// <summary>The build with <paramref name="analyzers"/> run over the generated compilation before it is emitted.</summary>
    private long BuildWith(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var (output, _) = Generate();
        var diagnostics = output.WithAnalyzers(analyzers, new AnalyzerOptions([], Options)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return Emit(output) + diagnostics.Length;
    }

    /// <summary>Parse, then run both generators in one driver, as csc does.</summary>
    private (Compilation Output, GeneratorDriverRunResult Result) Generate()
    {
        var input = CSharpCompilation.Create(
            SyntheticProject.AssemblyName,
            _sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            _references,
            CompilationOptions);
        var driver = CSharpGeneratorDriver.Create(_generators, parseOptions: ParseOptions, optionsProvider: Options)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return (output, driver.GetRunResult());
    }

    private static long Emit(Compilation compilation)
    {
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(pe, pdb);
        return result.Success ? pe.Length + pdb.Length : throw new InvalidOperationException("Emit failed: " + string.Join('\n', result.Diagnostics.Take(10)));
    }

    /// <summary>
    /// The drift analyzers as a build loads them: every analyzer in Insight.Generators.dll whose rules are INS100–INS111
    /// (the same assembly the package puts in <c>analyzers/dotnet/cs</c>), so a new drift rule is measured without
    /// changing this benchmark.
    /// </summary>
    private static ImmutableArray<DiagnosticAnalyzer> DriftAnalyzers()
    {
        var analyzers = typeof(InsightGenerator).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsPublic: true } && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Where(a => a.SupportedDiagnostics.All(d => IsDriftRule(d.Id)))
            .OrderBy(a => a.GetType().Name, StringComparer.Ordinal)
            .ToImmutableArray();
        return analyzers.Length > 0 ? analyzers : throw new InvalidOperationException("Insight.Generators.dll holds no drift analyzer.");
    }

    /// <summary>
    /// What a default build of a service runs besides the drift rules: the .NET SDK's analyzers (from the SDK this process
    /// runs on; its default analysis level leaves every rule at its own default) and Insight.Generators.dll's other rules.
    /// </summary>
    private static ImmutableArray<DiagnosticAnalyzer> DefaultBuildAnalyzers()
    {
        var dotnetRoot = AnalyzerHosting.DotnetRoot;
        var analyzersFolder = Directory.Exists(Path.Combine(dotnetRoot, "sdk"))
            ? Directory.GetDirectories(Path.Combine(dotnetRoot, "sdk"))
                .Select(sdk => Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers"))
                .Where(folder => File.Exists(Path.Combine(folder, "Microsoft.CodeAnalysis.NetAnalyzers.dll")))
                .OrderBy(folder => folder, StringComparer.Ordinal)
                .LastOrDefault()
            : null;
        if (analyzersFolder is null)
        {
            throw new InvalidOperationException($"No .NET SDK with Microsoft.CodeAnalysis.NetAnalyzers.dll under {dotnetRoot}/sdk.");
        }

        var net = new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" }
            .SelectMany(file => AnalyzerHosting.Reference(Path.Combine(analyzersFolder, file)).GetAnalyzers(LanguageNames.CSharp));
        var sdk = typeof(InsightGenerator).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsPublic: true } && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Where(a => !a.SupportedDiagnostics.All(d => IsDriftRule(d.Id)));
        var analyzers = net.Concat(sdk).ToImmutableArray();
        Console.WriteLine($"// default build analyzers: {analyzers.Length} from {analyzersFolder} and Insight.Generators.dll");
        return analyzers;
    }

    private static bool IsDriftRule(string id) =>
        id.StartsWith("INS1", StringComparison.Ordinal) && id.Length == 6 && int.TryParse(id.AsSpan(3), out var number) && number is >= 100 and <= 111;

    /// <summary>
    /// An analyzer with one compilation action that does nothing: the host still drives the whole compilation to its
    /// end, so this is the host's own cost with no rule's work.
    /// </summary>
#pragma warning disable RS1036, RS1041, RS2008 // A benchmark's stand-in that no compiler loads: no release tracking, no netstandard build.
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class IdleAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("BENCH001", "Idle", "Idle", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationAction(_ => { });
        }
    }
#pragma warning restore RS1036, RS1041, RS2008
}
