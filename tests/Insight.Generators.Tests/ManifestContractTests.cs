using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Insight.Generators.Tests.Infrastructure;
using Insight.Sdk.Build;
using Insight.Sdk.Manifest;
using Microsoft.Build.Framework;
using Microsoft.CodeAnalysis;

namespace Insight.Generators.Tests;

/// <summary>
/// The manifest is one contract: the generator writes exactly the schema of <see cref="ServiceManifest"/>, the build
/// task reads it from the compiled assembly's metadata, and every reader goes through the same records.
/// </summary>
public sealed class ManifestContractTests : IDisposable
{
    private static readonly string RepositoryRoot = TestRepository.Root;

    private readonly string _folder = Directory.CreateTempSubdirectory("insight-manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_generated_manifest_reads_into_the_contract_without_an_unknown_field_and_writes_back_the_same()
    {
        var assembly = EmitGenerated(Sources.Service, EntitySources.Everything.Replace("namespace Plant.Data;", "namespace Plant.Scans;", StringComparison.Ordinal));
        var json = ServiceAssemblyReader.Read(assembly).Manifest;
        Assert.NotNull(json);

        // Strict: a field the generator writes but the records lack would be lost by every reader.
        var strict = new JsonSerializerOptions(ManifestJsonContext.Default.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        var manifest = (ServiceManifest)JsonSerializer.Deserialize(json, strict.GetTypeInfo(typeof(ServiceManifest)))!;
        Assert.Equal(ServiceManifest.CurrentSchemaVersion, manifest.SchemaVersion);
        Assert.Contains(manifest.Functions, f => f.BatchSize is > 0); // written for SQS functions only
        Assert.Contains(manifest.Functions, f => f.Route == "GET /health");
        Assert.Contains(manifest.Tables, t => t.Indexes.Count > 0);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(manifest.ToJson())), $"written back:\n{manifest.ToJson()}\ngenerated:\n{json}");
        Assert.Equal(manifest, ServiceManifest.Parse(json), ManifestComparer.Instance);
    }

    [Fact]
    public void A_handler_that_names_no_architecture_takes_the_services()
    {
        var driver = GeneratorHarness.CreateDriver([new("build_property.InsightArchitecture", "x86_64")]);
        var result = driver.RunGenerators(GeneratorHarness.Compile(Sources.Service)).GetRunResult();
        var service = result.Results.Single().GeneratedSources.Single(s => s.HintName == "InsightService.g.cs").SourceText.ToString();
        var json = service[(service.IndexOf("\"\"\"", StringComparison.Ordinal) + 3)..service.LastIndexOf("\"\"\"", StringComparison.Ordinal)];

        var manifest = ServiceManifest.Parse(json);

        Assert.All(manifest.Functions, f => Assert.Equal("X86_64", f.Architecture.ToString()));
    }

    [Fact]
    public void The_build_writes_the_manifest_from_assembly_metadata_whatever_put_it_there()
    {
        // No generator runs here: the manifest attribute is written by hand, as a renamed or replaced generator would
        // write it. The task finds it in metadata, not in generated files.
        var json = """{ "schemaVersion": 1, "service": "Renamed", "functions": [], "tables": [] }""";
        var assembly = EmitPlain($$"""[assembly: System.Reflection.AssemblyMetadata("Insight.Manifest", {{SyntaxQuote(json)}})]""");
        var target = Path.Combine(_folder, "out", ServiceManifest.FileName);

        var (succeeded, engine) = RunTask(assembly, target);

        Assert.True(succeeded, string.Join("\n", engine.Errors));
        Assert.Equal("Renamed", ServiceManifest.Load(target).Service);
    }

    [Fact]
    public void A_project_with_handlers_but_no_manifest_fails_its_build_naming_the_project()
    {
        var assembly = EmitPlain("""
            [Insight.Sdk.ScanEventHandler]
            public sealed partial class Orphan
            {
                public System.Threading.Tasks.Task HandleAsync(Insight.Sdk.Events.ScanEvent scan) => System.Threading.Tasks.Task.CompletedTask;
            }
            """);

        var (succeeded, engine) = RunTask(assembly, Path.Combine(_folder, ServiceManifest.FileName));

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("INSIGHTBUILD002", error.Code);
        Assert.Contains("Orders.Service declares Lambda handlers (Orphan)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_without_handlers_is_left_alone_and_a_stale_manifest_is_removed()
    {
        var target = Path.Combine(_folder, ServiceManifest.FileName);
        File.WriteAllText(target, "{}");

        var (succeeded, engine) = RunTask(EmitPlain("public static class Nothing;"), target);

        Assert.True(succeeded, string.Join("\n", engine.Errors));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void No_build_file_searches_generated_sources()
    {
        var buildFiles = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in buildFiles)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("EmitCompilerGeneratedFiles", text, StringComparison.Ordinal);
            Assert.DoesNotContain(".g.cs", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_manifest_records_are_declared_once_in_src()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        foreach (var record in new[] { "ServiceManifest", "FunctionManifest", "TableManifest", "TableUse", "KeyAttribute", "IndexManifest" })
        {
            var declarations = sources.Sum(s => System.Text.RegularExpressions.Regex.Count(s, $@"\brecord {record}\("));
            Assert.True(declarations == 1, $"record {record} is declared {declarations} times in src/");
        }

        foreach (var enumeration in new[] { "Trigger", "HandlerKind", "LambdaArchitecture", "TableAccess" })
        {
            var declarations = sources.Sum(s => System.Text.RegularExpressions.Regex.Count(s, $@"\benum {enumeration}\b"));
            Assert.True(declarations == 1, $"enum {enumeration} is declared {declarations} times in src/");
        }
    }

    private string EmitGenerated(params string[] sources)
    {
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CompileLibrary(sources));
        Assert.Empty(run.Diagnostics);
        return Emit(output);
    }

    private string EmitPlain(string source) => Emit(GeneratorHarness.CompileLibrary(source).WithAssemblyName("Orders.Service"));

    private string Emit(Compilation compilation)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return path;
    }

    private static (bool Succeeded, RecordingBuildEngine Engine) RunTask(string assembly, string manifestPath)
    {
        var engine = new RecordingBuildEngine();
        var task = new WriteServiceManifest { AssemblyPath = assembly, ManifestPath = manifestPath, ProjectName = "Orders.Service", BuildEngine = engine };
        return (task.Execute(), engine);
    }

    private static string SyntaxQuote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Records compares lists by reference; the contract's lists compare by content.</summary>
    private sealed class ManifestComparer : IEqualityComparer<ServiceManifest>
    {
        public static readonly ManifestComparer Instance = new();

        public bool Equals(ServiceManifest? x, ServiceManifest? y) =>
            x is not null && y is not null && x.ToJson() == y.ToJson();

        public int GetHashCode(ServiceManifest obj) => obj.Service.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>The part of MSBuild's engine a task talks to: it collects what the task logs.</summary>
    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "Orders.Service.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
        }

        public void LogWarningEvent(BuildWarningEventArgs e)
        {
        }
    }
}
