using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Benchmarks;

/// <summary>What the compile-time benchmarks need to host generators and analyzers in process, as csc would.</summary>
internal static class AnalyzerHosting
{
    /// <summary>The folder of the .NET installation this process runs on (the one holding <c>packs/</c> and <c>sdk/</c>).</summary>
    public static string DotnetRoot { get; } = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>Analyzers and generators of an assembly on disk; a load failure throws, naming the file.</summary>
    public static AnalyzerFileReference Reference(string path)
    {
        var reference = new AnalyzerFileReference(path, new AssemblyLoader());
        reference.AnalyzerLoadFailed += (_, e) => throw new InvalidOperationException($"Loading {path} failed: {e.Message}", e.Exception);
        return reference;
    }

    /// <summary>The same options for every file and for the build, as MSBuild passes a project's properties.</summary>
    public static AnalyzerConfigOptionsProvider Options(Dictionary<string, string> values) => new OptionsProvider(values);

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    private sealed class OptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Values _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
