using static Productivity.Tests.ProductivityEvents;

namespace Productivity.Tests;

[Collection(LocalDynamoDbCollection.Name)]
public sealed class CloseShiftHoursTests(LocalDynamoDb db)
{
    [Fact]
    public async Task Each_run_closes_the_previous_hour_of_every_shift_that_worked_in_it_with_the_running_scans_per_hour()
    {
        var service = await ProductivityService.CreateAsync(db);
        Assert.Empty(await service.IngestAsync(
            Metric("scan", 10, "count", At(7, 10)),
            Metric("scan", 20, "count", At(7, 40), worker: "W-18"),
            Metric("missed_scan", 2, "count", At(7, 50)),
            Metric("scan", 12, "count", At(8, 10)),
            Metric("scan", 7, "count", At(8, 30), worker: "W-20", shift: "S-late")));
        await using var close = await service.StartAsync(nameof(CloseShiftHours));

        await RunAsync(close, At(8, 7));
        var early7 = (await service.ShiftSummaries.GetAsync("S-early", At(7, 0)))!;
        Assert.Equal((30L, 2L, 30L, 1), (early7.Scans, early7.Missed, early7.ShiftScans, early7.ShiftActiveHours));
        Assert.Equal(30, early7.ShiftScansPerHour);
        Assert.Null(await service.ShiftSummaries.GetAsync("S-late", At(7, 0)));

        await RunAsync(close, At(9, 7));
        var early8 = (await service.ShiftSummaries.GetAsync("S-early", At(8, 0)))!;
        Assert.Equal((12L, 42L, 2), (early8.Scans, early8.ShiftScans, early8.ShiftActiveHours));
        Assert.Equal(21, early8.ShiftScansPerHour);
        var late8 = (await service.ShiftSummaries.GetAsync("S-late", At(8, 0)))!;
        Assert.Equal((7L, 7L, 1), (late8.Scans, late8.ShiftScans, late8.ShiftActiveHours));

        // An hour without work closes nothing.
        await RunAsync(close, At(10, 7));
        Assert.Empty(await service.ShiftSummaries.QueryAsync("S-early", Insight.Sdk.Data.KeyCondition<DateTimeOffset>.EqualTo(At(9, 0))).ToListAsync());
    }

    [Fact]
    public async Task A_repeated_run_leaves_the_closed_hour_as_it_was_closed()
    {
        var service = await ProductivityService.CreateAsync(db);
        Assert.Empty(await service.IngestAsync(Metric("scan", 12, "count", At(8, 10))));
        await using var close = await service.StartAsync(nameof(CloseShiftHours));
        await RunAsync(close, At(9, 7));

        // A late sample still counts in the shift hour, but the summary is the hour as it stood at closing.
        Assert.Empty(await service.IngestAsync(Metric("scan", 5, "count", At(8, 50))));
        await RunAsync(close, At(9, 7));

        Assert.Equal(17, (await service.ShiftHours.GetAsync("S-early", At(8, 0)))!.Scans);
        var summary = (await service.ShiftSummaries.GetAsync("S-early", At(8, 0)))!;
        Assert.Equal((12L, 12L, 1), (summary.Scans, summary.ShiftScans, summary.ShiftActiveHours));
    }

    private static async Task RunAsync(FunctionUnderTest close, DateTimeOffset firedAt)
    {
        var outcome = await close.InvokeAsync(Scheduled(firedAt));
        Assert.False(outcome.IsError, outcome.ErrorMessage);
    }
}
