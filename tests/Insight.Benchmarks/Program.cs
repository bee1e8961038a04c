using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Insight.Benchmarks;

/// <summary>
/// Runs the SDK's benchmarks: <c>dotnet run -c Release --project tests/Insight.Benchmarks -- --filter '*Invocation*'</c>
/// (or <c>*ColdStart*</c>, <c>*GeneratorCompileTime*</c>). See docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, DefaultConfig.Instance.WithArtifactsPath(RepoPaths.Artifacts));
}
