using Insight.Sdk.Manifest;
using Insight.Sdk.Events;

namespace Insight.Cli.Local;

/// <summary>
/// The three sample services a local run deploys per tenant, published natively into one folder each, and what the
/// run relies on of them: which events each takes, the tables it counts and reads, and the functions it asks.
/// </summary>
internal sealed class SampleServices
{
    /// <summary>ScanIngest's table of stored scans, one item per event id.</summary>
    public const string ScansTable = "Scans";

    /// <summary>ScanIngest's running counts per device and per station.</summary>
    public const string StatsTable = "ScanStats";

    /// <summary>Productivity's markers of the metric samples counted.</summary>
    public const string CountedSamplesTable = "CountedSamples";

    /// <summary>Ergonomics' markers of the measures scored.</summary>
    public const string CountedMeasuresTable = "CountedMeasures";

    /// <summary>Ergonomics' alerts, at most one per worker and shift.</summary>
    public const string AlertsTable = "ErgonomicsAlerts";

    /// <summary>The sample folders under <c>samples/</c>, which are the services' names too.</summary>
    public static readonly IReadOnlyList<string> Names = ["ScanIngest", "Productivity", "Ergonomics"];

    private SampleServices(PublishedService scanIngest, PublishedService productivity, PublishedService ergonomics)
    {
        Scans = EventFeed.Of<ScanEvent>("scans", scanIngest, ScansTable, "ScansDuplicate");
        scanIngest.RequireTables([StatsTable]);
        Metrics = EventFeed.Of<MetricSample>("metric samples", productivity, CountedSamplesTable, "SamplesDuplicate");
        Measures = EventFeed.Of<ErgonomicsEvent>("ergonomics measures", ergonomics, CountedMeasuresTable, "MeasuresDuplicate");
        ergonomics.RequireTables([AlertsTable]);
        WorkerProductivity = productivity.Function("GetWorkerProductivity");
        WorkerRisk = ergonomics.Function("GetWorkerRisk");
        All = [scanIngest, productivity, ergonomics];
    }

    /// <summary>Every service, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<PublishedService> All { get; }

    /// <summary>Scans into ScanIngest.</summary>
    public EventFeed Scans { get; }

    /// <summary>Metric samples into Productivity.</summary>
    public EventFeed Metrics { get; }

    /// <summary>Ergonomics measures into Ergonomics.</summary>
    public EventFeed Measures { get; }

    /// <summary>Every feed of a run.</summary>
    public IReadOnlyList<EventFeed> Feeds => [Scans, Metrics, Measures];

    /// <summary>Productivity's HTTP function answering a worker's scans per hour.</summary>
    public FunctionManifest WorkerProductivity { get; }

    /// <summary>Ergonomics' HTTP function answering a worker's risk per shift.</summary>
    public FunctionManifest WorkerRisk { get; }

    /// <summary>Reads the services published to <c>ScanIngest/</c>, <c>Productivity/</c> and <c>Ergonomics/</c> under <paramref name="publishFolder"/>.</summary>
    /// <exception cref="LocalRunException">A service is missing or lacks what the run relies on.</exception>
    public static SampleServices Load(string publishFolder)
    {
        var services = Names.Select(name => PublishedService.Load(Path.Combine(publishFolder, name))).ToList();
        return new SampleServices(services[0], services[1], services[2]);
    }
}
