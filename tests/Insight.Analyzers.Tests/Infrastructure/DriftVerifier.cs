using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Insight.Analyzers.Tests.Infrastructure;

/// <summary>Which assemblies a test source compiles against: a service's, or an infrastructure project's.</summary>
public enum TestProject
{
    /// <summary>.NET 10, Insight.Sdk, the AWS SDK and Microsoft.Extensions logging and DI.</summary>
    Service,

    /// <summary>The service references plus Amazon.CDK.Lib, Constructs and the jsii runtime.</summary>
    Infrastructure,
}

/// <summary>
/// Microsoft.CodeAnalysis.Testing set up for the drift rules: deterministic .NET 10 reference assemblies (no package
/// download), the real SDK and CDK assemblies, and the markup <c>{|INS100:…|}</c> for expected diagnostics.
/// </summary>
public static class DriftVerifier
{
    private static readonly ImmutableArray<MetadataReference> ServiceReferences =
    [
        .. Net100.References.All,
        Reference<Insight.Sdk.TenantContext>(),
        Reference<Microsoft.Extensions.Logging.ILogger>(),
        Reference<Microsoft.Extensions.Logging.LoggerMessageAttribute>(),
        Reference<Microsoft.Extensions.DependencyInjection.IServiceCollection>(),
        Reference<Microsoft.Extensions.DependencyInjection.ServiceCollection>(),
        Reference<Amazon.DynamoDBv2.AmazonDynamoDBClient>(),
        Reference<Amazon.Runtime.AmazonServiceClient>(),
    ];

    private static readonly ImmutableArray<MetadataReference> InfrastructureReferences =
    [
        .. ServiceReferences,
        Reference<Amazon.CDK.Stack>(),
        Reference<Constructs.Construct>(),
        Reference<Amazon.JSII.Runtime.Deputy.DeputyBase>(),
    ];

    /// <summary>No reference-assembly package: the references above are complete, so nothing is resolved or downloaded.</summary>
    private static readonly ReferenceAssemblies NoPackages = new("net10.0");

    public static ImmutableArray<MetadataReference> References(TestProject project) =>
        project == TestProject.Service ? ServiceReferences : InfrastructureReferences;

    /// <summary>Asserts that <paramref name="source"/> produces exactly the diagnostics its markup marks.</summary>
    public static Task AnalyzeAsync<TAnalyzer>(string source, TestProject project = TestProject.Service, string? editorConfig = null, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer>(project) { TestCode = source };
        AddEditorConfig(test.TestState, editorConfig);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// Asserts the diagnostics of <paramref name="source"/>, then that the fix turns it into <paramref name="fixedSource"/>
    /// one diagnostic at a time and with Fix All in the document, project and solution (the framework checks each).
    /// </summary>
    public static Task FixAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, TestProject project = TestProject.Service, params DiagnosticResult[] remaining)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TAnalyzer, TCodeFix>(project) { TestCode = source, FixedCode = fixedSource };
        test.FixedState.ExpectedDiagnostics.AddRange(remaining);
        return test.RunAsync();
    }

    /// <summary>Fix All over several files at once: every source's diagnostics fixed in one batch.</summary>
    public static Task FixAllAsync<TAnalyzer, TCodeFix>(string[] sources, string[] fixedSources, TestProject project = TestProject.Service)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TAnalyzer, TCodeFix>(project)
        {
            // Fixing one diagnostic at a time is covered elsewhere; here only the batch counts.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
            NumberOfIncrementalIterations = -sources.Length * 10,
        };
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
            test.FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
        }

        return test.RunAsync();
    }

    /// <summary>The analyzer's diagnostics for <paramref name="source"/>, with their properties, for tests of what a fix is told.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync<TAnalyzer>(string source, TestProject project = TestProject.Service)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var compilation = CSharpCompilation.Create("TestProject", [CSharpSyntaxTree.ParseText(source)], References(project),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return await compilation.WithAnalyzers([new TAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }

    public static void AddEditorConfig(SolutionState state, string? editorConfig)
    {
        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }
    }

    private static MetadataReference Reference<T>() => MetadataReference.CreateFromFile(typeof(T).Assembly.Location);

    private static void Configure(ProjectState state, TestProject project)
    {
        state.AdditionalReferences.AddRange(References(project));
    }

    private static Solution EnableNullable(Solution solution, ProjectId projectId)
    {
        var project = solution.GetProject(projectId)!;
        var options = (CSharpCompilationOptions)project.CompilationOptions!;
        var parse = (CSharpParseOptions)project.ParseOptions!;
        return solution
            .WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable))
            .WithProjectParseOptions(projectId, parse.WithLanguageVersion(LanguageVersion.Latest));
    }

    public sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public AnalyzerTest(TestProject project)
        {
            ReferenceAssemblies = NoPackages;
            Configure(TestState, project);
            SolutionTransforms.Add(EnableNullable);
        }
    }

    public sealed class CodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public CodeFixTest(TestProject project)
        {
            ReferenceAssemblies = NoPackages;
            Configure(TestState, project);
            SolutionTransforms.Add(EnableNullable);
        }
    }
}
