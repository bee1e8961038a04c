using Amazon.CDK;
using Insight.Sdk.Cdk.Fleet;

namespace Infra;

/// <summary>The sample fleet: every service's stack, each synthesized on its own for its StackSet.</summary>
public static class FleetApp
{
    /// <summary>The stacks of the sample services, by stack name.</summary>
    public static readonly string[] StackNames = ["ScanIngest"];

    /// <summary>
    /// An app with one stack per sample service, writing to <paramref name="outdir"/>. The tenant registry is not part
    /// of any template; <see cref="WriteInstanceOverrides"/> turns it into each StackSet's per-account parameters.
    /// </summary>
    public static App Create(string outdir)
    {
        var app = new App(new AppProps { Outdir = outdir });
        var scanIngest = new ScanIngestStack(app);

        // Typed access for wiring services together, for example another service reading the scan table.
        _ = scanIngest.Tables.Scans;
        return app;
    }

    /// <summary>Writes each stack's per-account parameter overrides beside its template.</summary>
    public static IReadOnlyList<string> WriteInstanceOverrides(string outdir, TenantRegistry registry) =>
        [.. StackNames.Select(stack => registry.WriteInstanceOverrides(outdir, stack))];
}
