using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Insight.Local.Emulation;
using LocalScenario.Streams;

namespace LocalScenario.Tests;

public sealed class ScenarioPartsTests
{
    [Fact]
    public void A_tenants_streams_end_in_the_day_before_now_and_keep_their_content()
    {
        var now = new DateTimeOffset(2026, 6, 15, 10, 30, 0, TimeSpan.Zero);

        var stream = ScanStreamGenerator.GenerateTenantEndingBefore("tenant-001", 42, 500, now);
        var elsewhere = ScanStreamGenerator.GenerateTenant("tenant-001", 42, 500, new DateOnly(2026, 1, 5));

        var last = ScanStreamGenerator.LastReceived(stream)!.Value;
        Assert.InRange(last, now.AddDays(-1), now);
        Assert.Equal(elsewhere.Scans.Select(scan => (scan.EventId, scan.Flaw, scan.IsRedelivery)), stream.Scans.Select(scan => (scan.EventId, scan.Flaw, scan.IsRedelivery)));
        Assert.Equal(elsewhere.Measures.Select(measure => measure.EventId), stream.Measures.Select(measure => measure.EventId));
    }

    [Fact]
    public void Every_delivery_is_put_on_the_bus_in_the_order_received_with_its_feeds_detail_type()
    {
        var stream = ScanStreamGenerator.GenerateTenant("tenant-002", 7, 300, new DateOnly(2026, 2, 1));

        var deliveries = StreamPoster.Deliveries(stream);

        Assert.Equal(stream.Scans.Count + stream.Metrics.Count + stream.Measures.Count, deliveries.Count);
        Assert.Equal(deliveries.Select(delivery => delivery.Delivery.ReceivedAt).Order(), deliveries.Select(delivery => delivery.Delivery.ReceivedAt));
        Assert.Equal(stream.Scans.Count, deliveries.Count(delivery => delivery.Feed == SampleFeeds.Scans && delivery.Delivery is ScanDelivery));
        Assert.Equal(stream.Metrics.Count, deliveries.Count(delivery => delivery.Feed == SampleFeeds.Metrics));
        Assert.Equal(stream.Measures.Count, deliveries.Count(delivery => delivery.Feed == SampleFeeds.Measures));
    }

    [Fact]
    public void A_services_table_is_found_by_its_stacks_logical_id_and_a_missing_one_names_what_there_is()
    {
        var tenant = new LocalTenantEndpoints("tenant-001", "111122223333", "http://127.0.0.1:1/", null, "111122223333", new Dictionary<string, string>
        {
            ["ScanIngest/ServiceScansTable16E85519"] = "ScanIngest-ServiceScansTable-AAAA",
            ["ScanIngest/ServiceScanStatsTable76A0C802"] = "ScanIngest-ServiceScanStatsTable-BBBB",
            ["Productivity/ServiceCountedSamplesTable82B7A5A0"] = "Productivity-ServiceCountedSamplesTable-CCCC",
        });
        using var tables = new TenantTables(new AmazonDynamoDBClient(new BasicAWSCredentials("a", "b"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1" }), tenant);

        Assert.Equal("ScanIngest-ServiceScansTable-AAAA", tables.PhysicalName("ScanIngest", "Scans"));
        Assert.Equal("ScanIngest-ServiceScanStatsTable-BBBB", tables.PhysicalName("ScanIngest", "ScanStats"));
        var missing = Assert.Throws<Insight.Local.Client.LocalRunNotFoundException>(() => tables.PhysicalName("Ergonomics", "CountedMeasures"));
        Assert.Contains("tenant-001 has no table CountedMeasures of Ergonomics", missing.Message, StringComparison.Ordinal);
        Assert.Contains("Productivity/ServiceCountedSamplesTable82B7A5A0", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_read_as_written_and_refuse_nonsense_by_name()
    {
        var options = ScenarioOptions.Parse(["--events", "500", "--seed", "-3", "--state", "/tmp/run.json", "--settle-timeout", "4"]);

        Assert.Equal(new ScenarioOptions(500, -3, "/tmp/run.json", TimeSpan.FromMinutes(4), "tenant_id"), options);
        Assert.Equal(2000, ScenarioOptions.Parse([]).EventsPerTenant);
        Assert.Contains("--events must be a whole number above 0", Assert.Throws<ArgumentException>(() => ScenarioOptions.Parse(["--events", "0"])).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown option --tenants", Assert.Throws<ArgumentException>(() => ScenarioOptions.Parse(["--tenants", "3"])).Message, StringComparison.Ordinal);
        Assert.Contains("--seed needs a value", Assert.Throws<ArgumentException>(() => ScenarioOptions.Parse(["--seed"])).Message, StringComparison.Ordinal);
    }
}
