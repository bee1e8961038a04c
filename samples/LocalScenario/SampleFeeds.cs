namespace LocalScenario;

/// <summary>
/// One kind of event the scenario puts on every tenant's bus, and where the sample service that takes it keeps what it
/// made of it.
/// </summary>
/// <param name="Noun">What the events are called in the report, plural.</param>
/// <param name="Service">The sample service that takes them (its stack's name).</param>
/// <param name="DetailType">The <c>detail-type</c> the service's rules match.</param>
/// <param name="StoredTable">The service's table holding one item per event it took, keyed by <c>EventId</c>.</param>
/// <param name="Retention">How long the service keeps an item of <paramref name="StoredTable"/> after its event was made (its time to live).</param>
/// <param name="Functions">How many of the service's functions take the events from the bus (each rule target): an invalid event reaches one dead-letter queue per function.</param>
internal sealed record Feed(string Noun, string Service, string DetailType, string StoredTable, TimeSpan Retention, int Functions);

/// <summary>What the scenario knows of the three sample services: their feeds, tables and routes.</summary>
internal static class SampleFeeds
{
    /// <summary>The <c>source</c> of every event the scenario puts on a bus: the tenant's scanner gateways.</summary>
    public const string Source = "insight.scanners";

    /// <summary>The key attribute of every table of stored events.</summary>
    public const string EventIdAttribute = "EventId";

    /// <summary>ScanIngest's running counts per device (<c>device:M2-0001</c>) and station (<c>station:Pack 1</c>).</summary>
    public const string ScanStatsTable = "ScanStats";

    /// <summary>Ergonomics' alerts, at most one per worker and shift.</summary>
    public const string AlertsTable = "ErgonomicsAlerts";

    /// <summary>Scans into ScanIngest: RecordScan (the bus) and IngestScanBatch (a queue the bus feeds) both take each one.</summary>
    public static readonly Feed Scans = new("scans", "ScanIngest", "ScanEvent", "Scans", TimeSpan.FromDays(90), Functions: 2);

    /// <summary>Metric samples into Productivity's IngestMetrics (a queue the bus feeds).</summary>
    public static readonly Feed Metrics = new("metric samples", "Productivity", "MetricSample", "CountedSamples", TimeSpan.FromDays(14), Functions: 1);

    /// <summary>Ergonomics measures into Ergonomics: ScoreErgonomics (the bus) and IngestErgonomicsBatch (a queue) both take each one.</summary>
    public static readonly Feed Measures = new("ergonomics measures", "Ergonomics", "ErgonomicsEvent", "CountedMeasures", TimeSpan.FromDays(7), Functions: 2);

    /// <summary>Every feed, in report order.</summary>
    public static readonly IReadOnlyList<Feed> All = [Scans, Metrics, Measures];

    /// <summary>Productivity's route answering a worker's scans per hour over a window.</summary>
    public static readonly SampleRoute WorkerProductivity = new("Productivity", "/workers/{worker}/productivity", "productivity:read");

    /// <summary>Ergonomics' route answering a worker's risk per shift.</summary>
    public static readonly SampleRoute WorkerRisk = new("Ergonomics", "/workers/{worker}/risk", "ergonomics:read");

    /// <summary>ScanIngest's route answering a device's or a station's counts.</summary>
    public static readonly SampleRoute ScanStats = new("ScanIngest", "/stats/{kind}/{name}", "scans:read");
}

/// <summary>A sample's GET route: its path template and the scope its token needs.</summary>
internal sealed record SampleRoute(string Service, string PathTemplate, string Scope)
{
    /// <summary>The path with each <c>{name}</c> replaced by its escaped value.</summary>
    public string Path(params (string Name, string Value)[] parameters) =>
        parameters.Aggregate(PathTemplate, (path, parameter) => path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(parameter.Value), StringComparison.Ordinal));
}
