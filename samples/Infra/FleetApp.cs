using Amazon.CDK;
using Insight.Sdk.Cdk.Fleet;
using Insight.Sdk.Cdk.Platform;
using Insight.Sdk.Cdk.Services;
using Insight.Sdk.Cdk.Stacks;
using Insight.Sdk.Manifest;

namespace Infra;

/// <summary>The sample fleet: every service's stack, each synthesized on its own for its StackSet, and the platform that deploys them.</summary>
public static class FleetApp
{
    /// <summary>The sample services: the stack (and manifest) name and the project that builds the functions.</summary>
    public static readonly IReadOnlyList<PlatformService> Services =
    [
        new("ScanIngest", "samples/ScanIngest", ServiceManifest.FromAssembly(typeof(ScanIngest.InsightService).Assembly)),
        new("Productivity", "samples/Productivity", ServiceManifest.FromAssembly(typeof(Productivity.InsightService).Assembly)),
        new("Ergonomics", "samples/Ergonomics", ServiceManifest.FromAssembly(typeof(Ergonomics.InsightService).Assembly)),
    ];

    /// <summary>The stacks of the sample services, by stack name.</summary>
    public static readonly string[] StackNames = [.. Services.Select(s => s.Name)];

    /// <summary>
    /// An app with one stack per sample service, writing to <paramref name="outdir"/>. The tenant registry is not part
    /// of any template; <see cref="WriteInstanceOverrides"/> turns it into each StackSet's per-account parameters.
    /// With a <paramref name="release"/> (the pipeline's commit) the functions' packages are read from that release's keys;
    /// with a <paramref name="releaseIndex"/> (<c>release.json</c>), from each service's content-addressed key.
    /// </summary>
    public static App Create(string outdir, string? release = null, string? releaseIndex = null)
    {
        var app = new App(new AppProps
        {
            Outdir = outdir,
            Context = releaseIndex is null ? null : new Dictionary<string, object> { [ReleaseIndex.ContextKey] = releaseIndex },
        });
        var options = release is null ? null : new InsightServiceOptions { ArtifactKeyFormat = ReleaseArtifacts.PackageKeyFormat(release) };
        var scanIngest = new ScanIngestStack(app, options: options);
        _ = new ProductivityStack(app, options: options);
        _ = new ErgonomicsStack(app, options: options);

        // Typed access for wiring services together, for example another service reading the scan table.
        _ = scanIngest.Tables.Scans;
        return app;
    }

    /// <summary>
    /// An app with the platform stack alone, writing to <paramref name="outdir"/>. It is a separate cloud assembly: the
    /// platform is deployed once to the central account, while the service templates only ever travel through their
    /// stack sets (and must pass the sameness checks the platform stack is not meant for).
    /// </summary>
    public static (App App, PlatformStack Platform) CreatePlatform(string outdir, PlatformSettings settings)
    {
        var app = new App(new AppProps { Outdir = outdir });
        return (app, new PlatformStack(app, settings, Services));
    }

    /// <summary>Writes each stack's per-account parameter overrides beside its template.</summary>
    public static IReadOnlyList<string> WriteInstanceOverrides(string outdir, TenantRegistry registry) =>
        [.. StackNames.Select(stack => registry.WriteInstanceOverrides(outdir, stack))];
}
