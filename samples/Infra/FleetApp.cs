using Amazon.CDK;

namespace Infra;

/// <summary>The sample fleet: every service's stack, each synthesized on its own for its StackSet.</summary>
public static class FleetApp
{
    /// <summary>An app with one stack per sample service, writing to <paramref name="outdir"/>.</summary>
    public static App Create(string outdir)
    {
        var app = new App(new AppProps { Outdir = outdir });
        var scanIngest = new ScanIngestStack(app);

        // Typed access for wiring services together, for example another service reading the scan table's stream.
        _ = scanIngest.Tables.Scans;
        return app;
    }
}
