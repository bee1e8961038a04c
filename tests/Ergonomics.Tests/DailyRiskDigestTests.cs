using static Ergonomics.Tests.ErgonomicsEvents;

namespace Ergonomics.Tests;

[Collection(LocalDynamoDbCollection.Name)]
public sealed class DailyRiskDigestTests(LocalDynamoDb db)
{
    [Fact]
    public async Task The_morning_run_summarises_the_previous_utc_days_alerts()
    {
        var service = await ErgonomicsService.CreateAsync(db);
        await service.ScoreAsync(
            // W-17 reaches 0.7 at 09:00, mostly from repetition.
            Measure("repetitive_motions", 600, "count", TimeSpan.FromMinutes(30), At(8, 30)),
            Measure("strained_posture", 675, "s", TimeSpan.FromHours(1), At(9, 0)),
            // W-18 reaches 0.4 + 0.2 + 0.3 = 0.9 at 11:00, mostly from strained posture.
            Measure("strained_posture", 900, "s", TimeSpan.FromHours(1), At(10, 0), worker: "W-18"),
            Measure("overhead_reaches", 60, "count", TimeSpan.FromHours(1), At(10, 30), worker: "W-18"),
            Measure("repetitive_motions", 900, "count", TimeSpan.FromHours(1), At(11, 0), worker: "W-18"),
            // W-17's alert of the next night belongs to the next day's digest.
            Measure("repetitive_motions", 1_200, "count", TimeSpan.FromHours(1), At(25, 0), shift: "S-night"),
            Measure("overhead_reaches", 60, "count", TimeSpan.FromHours(1), At(25, 0), shift: "S-night"),
            Measure("strained_posture", 900, "s", TimeSpan.FromHours(1), At(25, 0), shift: "S-night"));
        await using var digest = await service.StartAsync(nameof(DailyRiskDigest));

        await RunAsync(digest, At(30, 4));
        await RunAsync(digest, At(30, 4));
        await RunAsync(digest, At(6, 4));

        var day = (await service.Digests.GetAsync("2026-03-02"))!;
        Assert.Equal((2, 2), (day.Alerts, day.WorkersAlerted));
        Assert.Equal(0.8, day.MeanScore);
        Assert.Equal((0.9, "W-18"), (day.HighestScore, day.HighestScoreWorkerId));
        Assert.Equal((1, 1, 0), (day.RepetitiveMotionsAlerts, day.StrainedPostureAlerts, day.OverheadReachesAlerts));

        var quiet = (await service.Digests.GetAsync("2026-03-01"))!;
        Assert.Equal((0, 0, null), (quiet.Alerts, quiet.HighestScore, quiet.HighestScoreWorkerId));
    }

    private static async Task RunAsync(FunctionUnderTest digest, DateTimeOffset firedAt)
    {
        var outcome = await digest.InvokeAsync(Scheduled(firedAt));
        Assert.False(outcome.IsError, outcome.ErrorMessage);
    }
}
