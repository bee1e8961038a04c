using System.Text.Json;
using static Ergonomics.Tests.ErgonomicsEvents;

namespace Ergonomics.Tests;

[Collection(LocalDynamoDbCollection.Name)]
public sealed class GetWorkerRiskTests(LocalDynamoDb db)
{
    private async Task<ErgonomicsService> TwoShiftsAsync()
    {
        var service = await ErgonomicsService.CreateAsync(db);
        await service.ScoreAsync(
            // Yesterday's late shift: 300 motions an hour, a quarter of the limit: 0.1.
            Measure("repetitive_motions", 300, "count", TimeSpan.FromHours(1), Day.AddHours(-2), shift: "S-late-0301"),
            Measure("repetitive_motions", 600, "count", TimeSpan.FromMinutes(30), At(8, 0)),
            Measure("strained_posture", 675, "s", TimeSpan.FromHours(1), At(9, 0)),
            Measure("steps", 4_000, "steps", TimeSpan.FromHours(1), At(9, 0)));
        return service;
    }

    [Fact]
    public async Task The_recent_shifts_come_most_recent_first_with_their_scores_and_alerts()
    {
        var service = await TwoShiftsAsync();
        await using var function = await service.StartAsync(nameof(GetWorkerRisk));

        var (status, view) = await GetAsync(function, RiskRequest("W-17"));

        Assert.Equal(200, status);
        Assert.Equal(0.7, view.GetProperty("threshold").GetDouble());
        var shifts = view.GetProperty("shifts").EnumerateArray().ToArray();
        Assert.Equal(["S-early", "S-late-0301"], shifts.Select(s => s.GetProperty("shift_id").GetString()));
        Assert.Equal(0.7, shifts[0].GetProperty("score").GetDouble());
        Assert.Equal(1_200, shifts[0].GetProperty("repetitive_motions_per_hour").GetDouble(), 9);
        Assert.Equal(11.25, shifts[0].GetProperty("strained_posture_minutes_per_hour").GetDouble(), 9);
        Assert.Equal(4_000, shifts[0].GetProperty("steps").GetDouble());
        Assert.Equal(At(9, 0), shifts[0].GetProperty("alert").GetProperty("raised_at").GetDateTimeOffset());
        Assert.Equal(0.1, shifts[1].GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Null, shifts[1].GetProperty("alert").ValueKind);
    }

    [Fact]
    public async Task One_shift_can_be_asked_for()
    {
        var service = await TwoShiftsAsync();
        await using var function = await service.StartAsync(nameof(GetWorkerRisk));

        var (_, view) = await GetAsync(function, RiskRequest("W-17", shift: "S-late-0301"));

        Assert.Equal(["S-late-0301"], view.GetProperty("shifts").EnumerateArray().Select(s => s.GetProperty("shift_id").GetString()));
    }

    [Fact]
    public async Task A_worker_without_measures_is_a_404()
    {
        var service = await TwoShiftsAsync();
        await using var function = await service.StartAsync(nameof(GetWorkerRisk));

        var (status, view) = await GetAsync(function, RiskRequest("W-99"));

        Assert.Equal(404, status);
        Assert.Equal("no ergonomics measures for worker W-99", view.GetProperty("error").GetString());
    }

    private static async Task<(int Status, JsonElement Body)> GetAsync(FunctionUnderTest function, string request)
    {
        var outcome = await function.InvokeAsync(request);
        Assert.False(outcome.IsError, outcome.ErrorMessage);
        using var response = JsonDocument.Parse(outcome.Body);
        return (response.RootElement.GetProperty("statusCode").GetInt32(),
            JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!).RootElement.Clone());
    }
}
