using System.Text.Json;
using static Ergonomics.Tests.ErgonomicsEvents;

namespace Ergonomics.Tests;

[Collection(LocalDynamoDbCollection.Name)]
public sealed class ScoreErgonomicsTests(LocalDynamoDb db)
{
    /// <summary>1,200 motions an hour: the repetitive-motion component is full, 0.4.</summary>
    private static string FullRepetition(string shift = "S-early", string? eventId = null) =>
        Measure("repetitive_motions", 600, "count", TimeSpan.FromMinutes(30), shift: shift, eventId: eventId);

    /// <summary>11.25 strained minutes an hour: 0.75 of that component, 0.3.</summary>
    private static string StrainedQuarterLess(string shift = "S-early") =>
        Measure("strained_posture", 675, "s", TimeSpan.FromHours(1), shift: shift);

    /// <summary>60 reaches an hour: the overhead component is full, 0.2.</summary>
    private static string FullOverhead(string shift = "S-early") =>
        Measure("overhead_reaches", 15, "count", TimeSpan.FromMinutes(15), shift: shift);

    [Fact]
    public async Task Reaching_the_threshold_raises_one_alert_per_worker_and_shift()
    {
        var service = await ErgonomicsService.CreateAsync(db);

        var results = await service.ScoreAsync(
            FullRepetition(), StrainedQuarterLess(), FullOverhead(),
            FullRepetition("S-late"), StrainedQuarterLess("S-late"));

        Assert.Equal([0.4, 0.7, 0.9, 0.4, 0.7], results.Select(r => r.GetProperty("score").GetDouble()));
        Assert.Equal([false, true, false, false, true], results.Select(r => r.GetProperty("alert").ValueKind == JsonValueKind.Object));
        var alert = results[1].GetProperty("alert");
        Assert.Equal(0.7, alert.GetProperty("score").GetDouble());
        Assert.Equal(0.7, alert.GetProperty("threshold").GetDouble());
        Assert.Equal("repetitive_motions", alert.GetProperty("dominant_measure").GetString());

        var stored = await service.Alerts.QueryAsync("W-17").ToListAsync();
        Assert.Equal(["S-early", "S-late"], stored.Select(a => a.ShiftId));
        Assert.All(stored, a => Assert.Equal("2026-03-02", a.Day));
    }

    [Fact]
    public async Task Just_below_the_threshold_raises_no_alert()
    {
        var service = await ErgonomicsService.CreateAsync(db);

        // 630 s an hour = 10.5 min of 15: 0.7 · 0.4 = 0.28, so 0.68 in all.
        var results = await service.ScoreAsync(FullRepetition(), Measure("strained_posture", 630_000, "ms", TimeSpan.FromHours(1)));

        Assert.Equal(0.68, results[1].GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("alert").ValueKind);
        Assert.Empty(await service.Alerts.QueryAsync("W-17").ToListAsync());
    }

    [Fact]
    public async Task A_redelivered_event_is_added_once()
    {
        var service = await ErgonomicsService.CreateAsync(db);
        var eventId = WireEvents.NewId();

        var results = await service.ScoreAsync(FullRepetition(eventId: eventId), FullRepetition(eventId: eventId));

        Assert.Equal([false, true], results.Select(r => r.GetProperty("duplicate").GetBoolean()));
        Assert.Equal([0.4, 0.4], results.Select(r => r.GetProperty("score").GetDouble()));
        var exposure = (await service.Exposures.GetAsync("W-17", "S-early"))!;
        Assert.Equal((600.0, (long)TimeSpan.FromMinutes(30).TotalMilliseconds), (exposure.RepetitiveMotions, exposure.RepetitiveMotionsWindowMs));
    }

    [Fact]
    public async Task The_tenant_settings_set_the_threshold()
    {
        var service = await ErgonomicsService.CreateAsync(db, tenantSettings: """{"shiftStart":"06:00","ergonomicsThreshold":0.75}""");

        var results = await service.ScoreAsync(FullRepetition(), StrainedQuarterLess(), FullOverhead());

        Assert.All(results, r => Assert.Equal(0.75, r.GetProperty("threshold").GetDouble()));
        Assert.Equal([false, false, true], results.Select(r => r.GetProperty("alert").ValueKind == JsonValueKind.Object));
        Assert.Equal(0.75, (await service.Alerts.GetAsync("W-17", "S-early"))!.Threshold);
    }

    [Fact]
    public async Task A_threshold_in_the_tenant_settings_that_is_not_a_score_fails_initialisation_naming_it()
    {
        var service = await ErgonomicsService.CreateAsync(db, tenantSettings: """{"ergonomicsThreshold":7}""");

        await using var score = await service.StartAsync(nameof(ScoreErgonomics));
        var error = await score.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Runtime.MissingConfiguration", error.ErrorType);
        Assert.Contains("ergonomicsThreshold", error.ErrorMessage);
    }

    [Fact]
    public async Task A_measure_in_a_unit_that_does_not_fit_fails_and_changes_nothing()
    {
        var service = await ErgonomicsService.CreateAsync(db);
        await using var score = await service.StartAsync(nameof(ScoreErgonomics));

        var outcome = await score.InvokeAsync(Measure("strained_posture", 5, "count", TimeSpan.FromMinutes(5)));

        Assert.True(outcome.IsError);
        Assert.Equal("Function.ContractViolation", outcome.ErrorType);
        Assert.Contains("unit", outcome.ErrorMessage);
        Assert.Null(await service.Exposures.GetAsync("W-17", "S-early"));
    }

    [Fact]
    public async Task A_measure_without_a_shift_accumulates_in_its_utc_day()
    {
        var service = await ErgonomicsService.CreateAsync(db);

        var results = await service.ScoreAsync(Measure("overhead_reaches", 30, "count", TimeSpan.FromHours(1), shift: null));

        Assert.Equal("day-2026-03-02", results[0].GetProperty("shift_id").GetString());
        Assert.Equal(30, (await service.Exposures.GetAsync("W-17", "day-2026-03-02"))!.OverheadReaches);
    }
}
