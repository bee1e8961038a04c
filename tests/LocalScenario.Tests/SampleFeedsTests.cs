using Insight.Sdk;
using Insight.Sdk.Manifest;

namespace LocalScenario.Tests;

/// <summary>What the scenario assumes of the samples, checked against their compiled manifests and records, so the two cannot drift apart.</summary>
public sealed class SampleFeedsTests
{
    private static readonly Dictionary<string, ServiceManifest> Manifests = new[]
    {
        ServiceManifest.FromAssembly(typeof(ScanIngest.InsightService).Assembly)!,
        ServiceManifest.FromAssembly(typeof(Productivity.InsightService).Assembly)!,
        ServiceManifest.FromAssembly(typeof(Ergonomics.InsightService).Assembly)!,
    }.ToDictionary(manifest => manifest.Service, StringComparer.Ordinal);

    public static TheoryData<string> Feeds => [.. SampleFeeds.All.Select(feed => feed.Noun)];

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Each_feed_goes_to_as_many_functions_as_the_service_has_taking_its_detail_type_from_the_bus(string noun)
    {
        var feed = SampleFeeds.All.Single(candidate => candidate.Noun == noun);
        var taking = Manifests[feed.Service].Functions
            .Where(function => function.Trigger is Trigger.EventBridge or Trigger.SqsBatch && ShortName(function.EventType) == feed.DetailType)
            .ToList();

        Assert.Equal(feed.Functions, taking.Count);

        // The service's stack matches an EventBridge function's DetailType (else its event type) and a queue's event type.
        Assert.All(taking, function => Assert.Equal(feed.DetailType, function.Trigger == Trigger.EventBridge ? function.DetailType ?? ShortName(function.EventType) : ShortName(function.EventType)));
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Each_feed_is_stored_once_per_event_id_in_a_table_with_a_time_to_live(string noun)
    {
        var feed = SampleFeeds.All.Single(candidate => candidate.Noun == noun);
        var table = Assert.Single(Manifests[feed.Service].Tables, table => table.Name == feed.StoredTable);

        Assert.Equal(SampleFeeds.EventIdAttribute, table.PartitionKey.Name);
        Assert.Null(table.SortKey);
        Assert.NotNull(table.TimeToLive);
    }

    [Fact]
    public void The_retentions_are_the_samples_own()
    {
        Assert.Equal(ScanIngest.ScanRecord.Retention, SampleFeeds.Scans.Retention);
        Assert.Equal(Productivity.CountedSample.Retention, SampleFeeds.Metrics.Retention);
        Assert.Equal(Ergonomics.CountedMeasure.Retention, SampleFeeds.Measures.Retention);
    }

    [Fact]
    public void The_tables_read_besides_exist()
    {
        Assert.Contains(Manifests[SampleFeeds.Scans.Service].Tables, table => table.Name == SampleFeeds.ScanStatsTable);
        Assert.Contains(Manifests[SampleFeeds.Measures.Service].Tables, table => table.Name == SampleFeeds.AlertsTable);
    }

    public static TheoryData<string> Routes => ["productivity", "risk", "stats"];

    [Theory]
    [MemberData(nameof(Routes))]
    public void Each_route_asked_is_a_GET_route_of_its_service_needing_the_scope_the_scenario_grants(string name)
    {
        var route = name switch { "productivity" => SampleFeeds.WorkerProductivity, "risk" => SampleFeeds.WorkerRisk, _ => SampleFeeds.ScanStats };
        var function = Assert.Single(Manifests[route.Service].Functions, function => function.Route == "GET " + route.PathTemplate);

        Assert.Equal(Trigger.HttpApi, function.Trigger);
        Assert.False(function.IsAnonymous);
        Assert.Contains(route.Scope, function.Scopes ?? []);
    }

    [Fact]
    public void A_route_path_is_filled_with_escaped_values()
    {
        Assert.Equal("/stats/station/Pack%201", SampleFeeds.ScanStats.Path(("kind", "station"), ("name", "Pack 1")));
    }

    private static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];
}
