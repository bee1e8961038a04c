using static Productivity.Tests.ProductivityEvents;

namespace Productivity.Tests;

[Collection(LocalDynamoDbCollection.Name)]
public sealed class IngestMetricsTests(LocalDynamoDb db)
{
    [Fact]
    public async Task Each_measure_is_counted_into_its_workers_hour_and_its_shifts_hour()
    {
        var service = await ProductivityService.CreateAsync(db);

        var failed = await service.IngestAsync(
            Metric("scan", 1, "count", At(8, 10)),
            Metric("scan", 1, "count", At(8, 11)),
            Metric("scan", 2, "count", At(8, 59)),
            Metric("missed_scan", 1, "count", At(8, 20)),
            Metric("scan_duration", 400, "ms", At(8, 30)),
            Metric("scan_duration", 0.6, "s", At(8, 40)),
            Metric("scan", 1, "count", At(9, 5)),
            Metric("scan", 2, "count", At(8, 15), worker: "W-18"),
            Metric("scan", 3, "count", At(8, 45), worker: null));

        Assert.Empty(failed);
        var w17At8 = await service.WorkerHours.GetAsync("W-17", At(8, 0));
        Assert.Equal(new HourlyFigures(4, 1, 1000, 2), w17At8!.Figures);
        Assert.Equal(0.2, w17At8.Figures.MissedRate, 9);
        Assert.Equal(500, w17At8.Figures.MeanScanDurationMs);
        Assert.Equal(new HourlyFigures(1, 0, 0, 0), (await service.WorkerHours.GetAsync("W-17", At(9, 0)))!.Figures);
        Assert.Equal(new HourlyFigures(2, 0, 0, 0), (await service.WorkerHours.GetAsync("W-18", At(8, 0)))!.Figures);

        // The shift hour holds every worker's samples and those whose worker was unknown.
        Assert.Equal(new HourlyFigures(9, 1, 1000, 2), (await service.ShiftHours.GetAsync("S-early", At(8, 0)))!.Figures);
        Assert.Equal(new HourlyFigures(1, 0, 0, 0), (await service.ShiftHours.GetAsync("S-early", At(9, 0)))!.Figures);
    }

    [Fact]
    public async Task A_redelivered_sample_counts_once()
    {
        var service = await ProductivityService.CreateAsync(db);
        var sample = Metric("scan", 1, "count", At(8, 10), eventId: WireEvents.NewId());

        Assert.Empty(await service.IngestAsync(sample, sample));
        Assert.Empty(await service.IngestAsync(sample));

        Assert.Equal(1, (await service.WorkerHours.GetAsync("W-17", At(8, 0)))!.Scans);
        Assert.Equal(1, (await service.ShiftHours.GetAsync("S-early", At(8, 0)))!.Scans);
    }

    [Fact]
    public async Task A_bad_record_fails_alone_and_its_batch_mates_are_counted()
    {
        var service = await ProductivityService.CreateAsync(db);

        var failed = await service.IngestAsync(
            Metric("scan", 1, "count", At(8, 10)),
            "not json",
            Metric("scan", 1, "count", At(8, 11), eventId: "not-a-uuid"),
            Metric("scan_duration", 40, "percent", At(8, 12)),
            Metric("scan", 1.5, "count", At(8, 13)),
            Metric("missed_scan", 1, "count", At(8, 14)));

        Assert.Equal(["m1", "m2", "m3", "m4"], failed);
        Assert.Equal(new HourlyFigures(1, 1, 0, 0), (await service.WorkerHours.GetAsync("W-17", At(8, 0)))!.Figures);
    }

    [Fact]
    public async Task Measures_productivity_does_not_count_and_samples_without_worker_or_shift_leave_no_trace()
    {
        var service = await ProductivityService.CreateAsync(db);

        var failed = await service.IngestAsync(
            Metric("battery", 80, "percent", At(8, 10)),
            Metric("scan", 1, "count", At(8, 11), worker: null, shift: null));

        Assert.Empty(failed);
        Assert.Null(await service.WorkerHours.GetAsync("W-17", At(8, 0)));
        Assert.Empty(await service.ShiftHours.QueryByHourAsync(At(8, 0)).ToListAsync());
    }
}
