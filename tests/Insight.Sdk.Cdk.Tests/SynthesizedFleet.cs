using System.Text.Json;
using Insight.Sdk.Cdk.Synthesis;
using Insight.Sdk.Manifest;

namespace Insight.Sdk.Cdk.Tests;

/// <summary>The sample fleet synthesized once through jsii (the first synth in a process takes seconds).</summary>
public sealed class SynthesizedFleet : IDisposable
{
    public SynthesizedFleet()
    {
        Directory = Path.Combine(Path.GetTempPath(), "insight-cdk-" + Guid.NewGuid().ToString("N")[..8]);
        Result = StackSetTemplates.Synthesize(Infra.FleetApp.Create(Directory));
        ScanIngestJson = File.ReadAllText(Result.Templates.Single(t => t.EndsWith("ScanIngest.template.json", StringComparison.Ordinal)));
        ScanIngest = JsonDocument.Parse(ScanIngestJson).RootElement.Clone();
    }

    public string Directory { get; }

    public SynthesisResult Result { get; }

    public string ScanIngestJson { get; }

    public JsonElement ScanIngest { get; }

    /// <summary>The sample services' manifests, by service name, as their assemblies carry them.</summary>
    public ServiceManifest Manifest(string service) =>
        new[] { typeof(ScanIngest.InsightService), typeof(Productivity.InsightService), typeof(Ergonomics.InsightService) }
            .Select(t => ServiceManifest.FromAssembly(t.Assembly)!)
            .Single(m => m.Service == service);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>
/// Every synth runs in this collection: one jsii runtime serves the process, and it must not be driven from two
/// test classes at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SynthCollection : ICollectionFixture<SynthesizedFleet>
{
    public const string Name = "CDK synth";
}
