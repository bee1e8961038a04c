using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Insight.Benchmarks;

/// <summary>
/// Runs the SDK's benchmarks: <c>dotnet run -c Release --project tests/Insight.Benchmarks -- --filter '*Invocation*'</c>
/// (or <c>*ColdStart*</c>, <c>*GeneratorCompileTime*</c>, <c>*Mapper*</c>, <c>*Table*</c>). See docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["--record-dynamodb"])
        {
            // Records the DynamoDB answers TableBenchmarks serves (Recorded/*.json) from DynamoDB Local.
            await RecordedDynamoDb.RecordAsync();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, DefaultConfig.Instance.WithArtifactsPath(RepoPaths.Artifacts)
                // Each benchmark process is built from a project referencing the whole tree: on a shared two-core machine that takes more than the default two minutes.
                .WithBuildTimeout(TimeSpan.FromMinutes(15)));
    }
}
