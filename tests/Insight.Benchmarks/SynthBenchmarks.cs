using System.Globalization;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Insight.Sdk.Cdk.Fleet;
using Insight.Sdk.Cdk.Synthesis;

namespace Insight.Benchmarks;

/// <summary>
/// Synthesizing the sample fleet with a tenant registry of 1 and of 6,000 accounts. The registry becomes StackSet
/// instance overrides, never template content: the template must be byte-identical and the time nearly the same.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8)]
[MemoryDiagnoser]
public class SynthBenchmarks
{
    private string _root = "";
    private TenantRegistry _registry = null!;

    /// <summary>Tenant accounts in the registry.</summary>
    [Params(1, 6000)]
    public int Tenants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "insight-synth-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _registry = new TenantRegistry([.. Enumerable.Range(0, Tenants)
            .Select(i => new TenantAccount($"tenant-{i:0000}", (200_000_000_000L + (i * 7_919L)).ToString(CultureInfo.InvariantCulture)))]);
    }

    [Benchmark]
    public string SynthesizeFleet()
    {
        var outdir = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8]);
        var result = StackSetTemplates.Synthesize(Infra.FleetApp.Create(outdir));
        Infra.FleetApp.WriteInstanceOverrides(outdir, _registry);
        return result.Templates[0];
    }

    /// <summary>Prints the template's hash, so the two runs can be compared byte for byte.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        var template = SynthesizeFleet();
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(template)));
        Console.WriteLine($"// Tenants={Tenants}: ScanIngest.template.json sha256 {hash}, {new FileInfo(template).Length} bytes");
        Directory.Delete(_root, recursive: true);
    }
}
