using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Insight.Cli.Local;

namespace Insight.Cli.Tests;

/// <summary>
/// <c>insight local</c> run in-process against the natively published samples and DynamoDB Local. The 100,000-scan
/// load run is a command instead (src/Insight.Cli/LOAD-RUN.md): here it would take minutes.
/// </summary>
public sealed class LocalRunTests(SampleRuns runs) : IClassFixture<SampleRuns>
{
    private const int Tenants = 2;
    private const int Events = 200;

    [Fact]
    public async Task Each_tenants_reported_figures_are_what_its_scan_stream_implies()
    {
        var run = RunReport.Compute((await runs.RunAsync(Tenants, Events)).Outcomes);

        Assert.Equal(LocalTenant.Create(Tenants, SampleRuns.Seed), run.Tenants.Select(t => t.Tenant));
        foreach (var figures in run.Tenants)
        {
            var expected = StreamFigures.Of(SampleRuns.Stream(figures.Tenant, Events));
            AssertFiguresAre(expected, figures);
            Assert.True(expected.Rejected > 0 && expected.Invalid > 0 && expected.DuplicatesDropped > 0, $"{figures.Tenant.TenantId}'s stream exercises every kind of scan");
        }
    }

    [Fact]
    public async Task Each_tenants_productivity_and_ergonomics_figures_are_what_its_streams_imply_by_the_samples_formulas()
    {
        var run = RunReport.Compute((await runs.RunAsync(Tenants, Events)).Outcomes);

        foreach (var figures in run.Tenants)
        {
            var expected = MeasureFigures.Of(SampleRuns.Streams(figures.Tenant, Events));

            Assert.Equal(
                (expected.MetricsSent, expected.MetricsInvalid, Failed: 0, expected.MetricsDuplicates, expected.CountedSampleIds.Count, Unaccounted: 0),
                (figures.Metrics.Sent, figures.Metrics.Invalid, figures.Metrics.Failed, figures.Metrics.DuplicatesDropped, figures.Metrics.Stored, figures.Metrics.Unaccounted));
            Assert.Equal(
                (expected.MeasuresSent, expected.MeasuresInvalid, Failed: 0, expected.MeasuresDuplicates, expected.CountedMeasureIds.Count, Unaccounted: 0),
                (figures.Measures.Sent, figures.Measures.Invalid, figures.Measures.Failed, figures.Measures.DuplicatesDropped, figures.Measures.Stored, figures.Measures.Unaccounted));
            Assert.Equal(expected.TopWorkers, figures.TopWorkers);
            Assert.Equal(expected.Risk, figures.Risk);
            Assert.True(
                expected.MetricsInvalid + expected.MeasuresInvalid > 0 && expected.MetricsDuplicates + expected.MeasuresDuplicates > 0 && expected.TopWorkers.Count == 3,
                $"{figures.Tenant.TenantId}'s measures exercise invalid events, redeliveries and the top workers");
        }

        Assert.Contains(run.Tenants, figures => figures.Risk.Alerts > 0);
    }

    [Fact]
    public async Task No_scan_of_one_tenant_is_stored_in_another_tenants_tables()
    {
        var run = await runs.RunAsync(Tenants, Events);
        var tenants = LocalTenant.Create(Tenants, SampleRuns.Seed);
        var streams = tenants.ToDictionary(tenant => tenant, tenant => StreamFigures.Of(SampleRuns.Stream(tenant, Events)));

        foreach (var tenant in tenants)
        {
            var stored = await ReadAllAsync(run, TenantTables.PhysicalName(tenant, SampleServices.ScansTable));
            var storedIds = stored.Select(item => item["EventId"].S).ToHashSet();

            Assert.Equal(streams[tenant].StoredEventIds.Order(), storedIds.Order());
            foreach (var other in tenants.Where(other => other != tenant))
            {
                Assert.Empty(storedIds.Intersect(streams[other].SentEventIds));
            }

            var subjects = (await ReadAllAsync(run, TenantTables.PhysicalName(tenant, SampleServices.StatsTable))).Select(item => item["Subject"].S);
            Assert.Equal(streams[tenant].StatsSubjects.Order(), subjects.Order());
        }
    }

    [Fact]
    public async Task No_measure_or_worker_of_one_tenant_is_in_another_tenants_productivity_or_ergonomics_tables()
    {
        var run = await runs.RunAsync(Tenants, Events);
        var tenants = LocalTenant.Create(Tenants, SampleRuns.Seed);
        var expected = tenants.ToDictionary(tenant => tenant, tenant => MeasureFigures.Of(SampleRuns.Streams(tenant, Events)));

        foreach (var tenant in tenants)
        {
            async Task<List<string>> ReadAsync(string table, string attribute) =>
                [.. (await ReadAllAsync(run, TenantTables.PhysicalName(tenant, table))).Select(item => item[attribute].S)];

            Assert.Equal(expected[tenant].CountedSampleIds.Order(), (await ReadAsync(SampleServices.CountedSamplesTable, "EventId")).Order());
            Assert.Equal(expected[tenant].CountedMeasureIds.Order(), (await ReadAsync(SampleServices.CountedMeasuresTable, "EventId")).Order());
            var workers = (await ReadAsync("WorkerHours", "WorkerId"))
                .Concat(await ReadAsync("WorkerExposures", "WorkerId"))
                .Concat(await ReadAsync(SampleServices.AlertsTable, "WorkerId"))
                .ToHashSet();
            Assert.Subset(expected[tenant].Workers.ToHashSet(), workers);
            Assert.NotEmpty(await ReadAsync("ShiftHours", "ShiftId"));
            foreach (var other in tenants.Where(other => other != tenant))
            {
                Assert.Empty(workers.Intersect(expected[other].Workers));
            }
        }
    }

    [Fact]
    public async Task Each_tenants_functions_log_and_measure_for_that_tenant_only()
    {
        var outcomes = (await runs.RunAsync(Tenants, Events)).Outcomes;

        foreach (var tenant in outcomes)
        {
            var lines = tenant.Feeds.SelectMany(feed => feed.EventBridgeFunctionOutput.Concat(feed.SqsFunctionOutput)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            var logs = lines.Where(line => !line.TryGetProperty("_aws", out _)).ToList();
            var metrics = lines.Where(line => line.TryGetProperty("_aws", out _)).ToList();

            Assert.NotEmpty(logs);
            Assert.All(logs, log => Assert.Equal(tenant.Tenant.TenantId, log.GetProperty("tenantId").GetString()));
            Assert.NotEmpty(metrics);
            Assert.All(metrics, metric => Assert.Equal(
                (tenant.Tenant.TenantId, tenant.Tenant.AccountId),
                (metric.GetProperty("TenantId").GetString(), metric.GetProperty("AccountId").GetString())));
        }
    }

    [Fact]
    public async Task Under_load_every_scan_of_every_tenant_is_stored_refused_or_dropped_exactly_as_its_stream_implies()
    {
        const int loadTenants = 4;
        const int loadEvents = 1_500;

        var run = RunReport.Compute((await runs.RunAsync(loadTenants, loadEvents)).Outcomes);

        Assert.True(run.EveryEventAccountedFor);
        Assert.Equal(loadTenants * loadEvents, run.Tenants.Sum(tenant => tenant.Scans.Sent));
        foreach (var figures in run.Tenants)
        {
            AssertFiguresAre(StreamFigures.Of(SampleRuns.Stream(figures.Tenant, loadEvents)), figures);
        }
    }

    private static void AssertFiguresAre(StreamFigures expected, TenantFigures figures)
    {
        Assert.Equal(
            (expected.Sent, expected.Accepted, expected.Rejected, expected.Invalid, Failed: 0, expected.DuplicatesDropped, expected.StoredEventIds.Count, Unaccounted: 0),
            (figures.Scans.Sent, figures.Accepted, figures.Rejected, figures.Scans.Invalid, figures.Scans.Failed, figures.Scans.DuplicatesDropped, figures.Scans.Stored, figures.Scans.Unaccounted));
        Assert.Equal(expected.TopDevices, figures.TopDevices);
        Assert.Equal(expected.Stations, figures.Stations);
    }

    private static async Task<List<Dictionary<string, AttributeValue>>> ReadAllAsync(CompletedRun run, string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var page in run.Client.Paginators.Scan(new ScanRequest { TableName = table }).Responses)
        {
            items.AddRange(page.Items ?? []);
        }

        return items;
    }
}
