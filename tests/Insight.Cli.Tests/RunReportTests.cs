using System.Text;
using Insight.Cli.Local;
using Insight.Local.RuntimeApi;

namespace Insight.Cli.Tests;

public sealed class RunReportTests
{
    private static readonly LocalTenant Tenant = new("tenant-001", "123456789012");

    [Fact]
    public void Single_deliveries_count_by_the_receipts_verdict_and_duplicate_flag_or_the_function_errors_type()
    {
        var figures = RunReport.ForTenant(Outcomes(singles:
        [
            Receipt("accepted"),
            Receipt("accepted"),
            Receipt("rejected"),
            Receipt("accepted", duplicate: true),
            Receipt("rejected", duplicate: true),
            Error("Function.ContractViolation"),
            Error("Function.InvalidPayload"),
            Error("Function.DeadlineExceeded"),
        ]));

        Assert.Equal((8, 2, 1, 2, 1, 2), (figures.Scans.Sent, figures.Accepted, figures.Rejected, figures.Scans.Invalid, figures.Scans.Failed, figures.Scans.DuplicatesDropped));
        Assert.Equal(4.0 / 8, figures.ErrorRate, 10);
    }

    [Fact]
    public void Batch_verdicts_come_from_the_metric_lines_and_each_failures_kind_from_its_log_line()
    {
        var batch = new BatchDelivery(["a", "b", "c", "d", "e", "f"], Response("""{"batchItemFailures":[{"itemIdentifier":"b"},{"itemIdentifier":"e"}]}"""));
        string[] output =
        [
            """{"_aws":{"Timestamp":1,"CloudWatchMetrics":[]},"Service":"ScanIngest","TenantId":"tenant-001","ScansAccepted":[1,1],"ScansRejected":1,"ScansDuplicate":1,"Duration":0.4}""",
            """{"level":"WARN","message":"SQS message b failed","tenantId":"tenant-001","MessageId":"b","ErrorType":"Function.ContractViolation"}""",
            """{"level":"WARN","message":"SQS message e failed","tenantId":"tenant-001","MessageId":"e","ErrorType":"TransactionCanceledException"}""",
            "not a JSON line",
        ];

        var figures = RunReport.ForTenant(Outcomes(batches: [batch], sqsOutput: output));

        Assert.Equal((6, 2, 1, 1, 1, 1), (figures.Scans.Sent, figures.Accepted, figures.Rejected, figures.Scans.Invalid, figures.Scans.Failed, figures.Scans.DuplicatesDropped));
    }

    [Fact]
    public void A_batch_that_fails_as_a_whole_counts_every_scan_in_it_as_failed()
    {
        var figures = RunReport.ForTenant(Outcomes(batches: [new BatchDelivery(["a", "b"], Error("Function.DeadlineExceeded"))]));

        Assert.Equal((2, 0, 2), (figures.Scans.Sent, figures.Scans.Invalid, figures.Scans.Failed));
    }

    [Fact]
    public void Devices_and_stations_come_from_the_stats_table_with_the_top_three_devices_by_scans_and_ties_in_serial_order()
    {
        var figures = RunReport.ForTenant(Outcomes(stored: 12, scanCounts:
        [
            new("device:M2-0009", 2, 1), new("device:M2-0005", 1, 0), new("device:M2-0004", 1, 0), new("device:M2-0007", 2, 0),
            new("station:Pack 1", 4, 1), new("station:Goods-In 1", 2, 0),
        ]));

        Assert.Equal([new DeviceScans("M2-0009", 3), new DeviceScans("M2-0007", 2), new DeviceScans("M2-0004", 1)], figures.TopDevices);
        Assert.Equal([new StationErrors("Goods-In 1", 2, 0), new StationErrors("Pack 1", 5, 0.2)], figures.Stations);
        Assert.Equal(12, figures.Scans.Stored);
    }

    [Fact]
    public void Every_scan_is_accounted_for_when_stored_invalid_and_dropped_add_up_to_sent()
    {
        TenantOutcomes Storing(int stored) => Outcomes(
            singles: [Receipt("accepted"), Receipt("rejected"), Receipt("accepted", duplicate: true), Error("Function.ContractViolation")],
            stored: stored);

        var balanced = RunReport.Compute([Storing(2)]);
        var oneMissing = RunReport.Compute([Storing(2), Storing(1)]);

        Assert.True(balanced.EveryEventAccountedFor);
        Assert.False(oneMissing.EveryEventAccountedFor);
        Assert.Equal([0, 1], oneMissing.Tenants.Select(t => t.Scans.Unaccounted));
    }

    [Fact]
    public void Throughput_spans_every_tenant_over_the_slowest_tenants_time()
    {
        var fast = Outcomes(singles: [Receipt("accepted")], elapsed: TimeSpan.FromSeconds(1));
        var slow = Outcomes(singles: [Receipt("accepted"), Receipt("accepted"), Receipt("accepted")], elapsed: TimeSpan.FromSeconds(2));

        var run = RunReport.Compute([fast, slow]);

        Assert.Equal(4, run.Sent);
        Assert.Equal(2.0, run.EventsPerSecond, 10);
    }

    [Fact]
    public void Metric_and_ergonomics_batches_count_duplicates_from_their_services_own_metrics()
    {
        var batch = new BatchDelivery(["a", "b", "c"], Response("""{"batchItemFailures":[{"itemIdentifier":"c"}]}"""));
        string[] output =
        [
            """{"_aws":{"Timestamp":1,"CloudWatchMetrics":[]},"SamplesCounted":[1],"SamplesDuplicate":1}""",
            """{"level":"WARN","message":"SQS message c failed","MessageId":"c","ErrorType":"Function.ContractViolation"}""",
        ];
        var outcomes = Outcomes() with { Metrics = new FeedOutcomes(Feed("metric samples", "Productivity", "SamplesDuplicate"), [], [batch], [], output, 1) };

        var metrics = RunReport.ForTenant(outcomes).Metrics;

        Assert.Equal((3, 1, 0, 1, 1, 0), (metrics.Sent, metrics.Invalid, metrics.Failed, metrics.DuplicatesDropped, metrics.Stored, metrics.Unaccounted));
    }

    [Fact]
    public void Top_workers_are_by_scans_per_hour_counted_and_risk_is_the_highest_shift_score_answered()
    {
        WorkerAnswers Worker(string id, long scans, int hours, params double[] scores) => new(
            id,
            Http(200, $$"""{"worker_id":"{{id}}","scans":{{scans}},"hourly":[{{string.Join(',', Enumerable.Repeat("{}", hours))}}]}"""),
            scores.Length == 0
                ? Http(404, """{"error":"no ergonomics measures"}""")
                : Http(200, $$"""{"worker_id":"{{id}}","shifts":[{{string.Join(',', scores.Select(score => $$"""{"score":{{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"""))}}]}"""));

        var figures = RunReport.ForTenant(Outcomes(alerts: 2, workers:
        [
            Worker("W-1", 40, 4, 0.5, 0.71), Worker("W-2", 90, 3), Worker("W-3", 11, 1, 0.2), Worker("W-4", 30, 3, 0.71), Worker("W-5", 0, 0),
        ]));

        Assert.Equal([new WorkerProductivity("W-2", 90, 3), new WorkerProductivity("W-3", 11, 1), new WorkerProductivity("W-1", 40, 4)], figures.TopWorkers);
        Assert.Equal(new ErgonomicsRisk(0.71, "W-1", 2), figures.Risk);
    }

    private static InvocationOutcome Http(int status, string body) =>
        Response(System.Text.Json.JsonSerializer.Serialize(new Insight.Sdk.Aws.HttpApiResponse { StatusCode = status, Body = body }, Insight.Sdk.Serialization.InsightJsonContext.Default.HttpApiResponse));

    private static TenantOutcomes Outcomes(
        InvocationOutcome[]? singles = null, BatchDelivery[]? batches = null, string[]? sqsOutput = null, int stored = 0,
        SubjectCounts[]? scanCounts = null, WorkerAnswers[]? workers = null, int alerts = 0, TimeSpan? elapsed = null) =>
        new(
            Tenant,
            new FeedOutcomes(Feed("scans", "ScanIngest", "ScansDuplicate"), singles ?? [], batches ?? [], [], sqsOutput ?? [], stored),
            new FeedOutcomes(Feed("metric samples", "Productivity", "SamplesDuplicate"), [], [], [], [], 0),
            new FeedOutcomes(Feed("ergonomics measures", "Ergonomics", "MeasuresDuplicate"), [], [], [], [], 0),
            scanCounts ?? [],
            alerts,
            workers ?? [],
            elapsed ?? TimeSpan.FromSeconds(1));

    private static EventFeed Feed(string noun, string service, string duplicateMetric) =>
        new(noun, new PublishedService(service, "bootstrap", [], []), EventBridgeFunction: null, SqsFunction: null, "Stored", duplicateMetric);

    private static InvocationOutcome Receipt(string verdict, bool duplicate = false) =>
        Response($$"""{"event_id":"{{Guid.NewGuid()}}","device_serial":"M2-0001","verdict":"{{verdict}}","reason":null,"duplicate":{{(duplicate ? "true" : "false")}}}""");

    private static InvocationOutcome Response(string body) =>
        new() { RequestId = Guid.NewGuid().ToString(), Body = Encoding.UTF8.GetBytes(body) };

    private static InvocationOutcome Error(string errorType) =>
        new() { RequestId = Guid.NewGuid().ToString(), IsError = true, ErrorType = errorType, Body = Encoding.UTF8.GetBytes($$"""{"errorType":"{{errorType}}","errorMessage":"x"}""") };
}
