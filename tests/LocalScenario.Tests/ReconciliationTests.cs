using Insight.Local.Emulation;
using LocalScenario.Streams;

namespace LocalScenario.Tests;

public sealed class ReconciliationTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static MeasureDelivery Measure(string id, MeasureFlaw flaw = MeasureFlaw.None, bool redelivery = false, double daysAgo = 1) =>
        new(id, "W-1", "S-1", "{}", ReadAt.AddDays(-daysAgo), flaw, redelivery);

    private static readonly IReadOnlyList<MeasureDelivery> Stream =
    [
        Measure("a"), Measure("b"), Measure("a", redelivery: true), Measure("bad", MeasureFlaw.NegativeValue), Measure("c"),
        Measure("bad", MeasureFlaw.NegativeValue, redelivery: true), Measure("old", daysAgo: 8),
    ];

    [Fact]
    public void The_expectation_counts_invalid_deliveries_and_duplicates_of_valid_events()
    {
        var expected = FeedExpectation.Of(SampleFeeds.Measures, Stream, ReadAt);

        Assert.Equal(7, expected.Sent);
        Assert.Equal(2, expected.Invalid);
        Assert.Equal(["a", "b", "c", "old"], expected.StoredIds.Order());
        Assert.Equal(1, expected.Duplicates);
        Assert.Equal(4, expected.DeadLettered); // two invalid deliveries, two functions take each
        Assert.Equal(["old"], expected.MayHaveExpired);
    }

    [Fact]
    public void A_table_holding_every_valid_event_once_and_the_dead_letters_expected_reconciles()
    {
        var result = FeedReconciliation.Of(FeedExpectation.Of(SampleFeeds.Measures, Stream, ReadAt), Ids("a", "b", "c", "old"), deadLettered: 4);

        Assert.True(result.Reconciled);
        Assert.Empty(result.Problems());
        Assert.Equal(0, result.Expired);
    }

    [Fact]
    public void An_item_past_its_time_to_live_may_be_gone()
    {
        var result = FeedReconciliation.Of(FeedExpectation.Of(SampleFeeds.Measures, Stream, ReadAt), Ids("a", "b", "c"), deadLettered: 4);

        Assert.True(result.Reconciled);
        Assert.Equal(1, result.Expired);
    }

    [Fact]
    public void A_lost_event_an_invalid_one_stored_and_a_missing_dead_letter_are_each_named()
    {
        var result = FeedReconciliation.Of(FeedExpectation.Of(SampleFeeds.Measures, Stream, ReadAt), Ids("a", "bad", "old"), deadLettered: 3);

        Assert.False(result.Reconciled);
        Assert.Equal(2, result.MissingCount);
        Assert.Equal(["b", "c"], result.Missing);
        Assert.Equal(["bad"], result.Unexpected);
        var problems = result.Problems().ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains("2 ergonomics measures not in CountedMeasures (e.g. b, c)", problems[0], StringComparison.Ordinal);
        Assert.Contains("1 items in CountedMeasures that no valid delivery carried (e.g. bad)", problems[1], StringComparison.Ordinal);
        Assert.Contains("gained 3 messages; 2 invalid ergonomics measures × 2 function(s) = 4 expected", problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_verdicts_count_each_stored_scan_once_and_must_add_up_per_device_and_per_station()
    {
        ScanDelivery[] scans =
        [
            Scan("1", ScanFlaw.None), Scan("2", ScanFlaw.Misread), Scan("1", ScanFlaw.None, redelivery: true), Scan("3", ScanFlaw.EmptyScanCode), Scan("4", ScanFlaw.None),
        ];
        SubjectCounts[] counts = [new("device:M2-1", 2, 1), new("station:Pack 1", 1, 1), new("station:Pick 1", 1, 0)];

        var verdicts = ScanVerdicts.Of(scans, counts);

        Assert.Equal((2, 1), (verdicts.Accepted, verdicts.Rejected));
        Assert.Empty(verdicts.Problems());
        Assert.Equal([("M2-1", 3L)], verdicts.TopDevices(3));
        Assert.Equal([("Pack 1", 2L, 0.5), ("Pick 1", 1L, 0.0)], verdicts.StationErrors());

        var wrong = ScanVerdicts.Of(scans, [new("device:M2-1", 3, 1), new("station:Pack 1", 2, 2)]);
        Assert.Equal(2, wrong.Problems().Count());
        Assert.Contains("the devices' counts add up to 3 accepted and 1 rejected; the stream's scans make 2 and 1", wrong.Problems().First(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_runs_accounting_must_count_every_event_put_none_unmatched_none_pending()
    {
        var before = new EventAccounting(100, 90, 5, 5, 0);

        Assert.Empty(Scenario.AccountingProblems(before, new EventAccounting(150, 135, 10, 5, 0), put: 50));
        var problems = Scenario.AccountingProblems(before, new EventAccounting(148, 130, 10, 7, 1), put: 50);
        Assert.Equal(["the run counted 48 events sent; the scenario put 50", "2 events matched no rule", "1 events are still pending after the run settled"], problems);
    }

    private static ScanDelivery Scan(string id, ScanFlaw flaw, bool redelivery = false) => new(id, "M2-1", "{}", ReadAt.AddDays(-1), flaw, redelivery);

    private static HashSet<string> Ids(params string[] ids) => [.. ids];
}
