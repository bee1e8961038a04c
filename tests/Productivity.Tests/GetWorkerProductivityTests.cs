using System.Text.Json;
using static Productivity.Tests.ProductivityEvents;

namespace Productivity.Tests;

[Collection(LocalDynamoDbCollection.Name)]
public sealed class GetWorkerProductivityTests(LocalDynamoDb db)
{
    /// <summary>W-17's day: 10 scans at 05h; 20 scans, 5 missed, one 300 ms scan at 07h; 30 scans, one 500 ms scan at 08h; 15 scans, 5 missed at 09h.</summary>
    private async Task<ProductivityService> WorkedDayAsync()
    {
        var service = await ProductivityService.CreateAsync(db);
        Assert.Empty(await service.IngestAsync(
            Metric("scan", 10, "count", At(5, 30)),
            Metric("scan", 20, "count", At(7, 10)),
            Metric("missed_scan", 5, "count", At(7, 20)),
            Metric("scan_duration", 300, "ms", At(7, 30)),
            Metric("scan", 30, "count", At(8, 10)),
            Metric("scan_duration", 500, "ms", At(8, 30)),
            Metric("scan", 15, "count", At(9, 10)),
            Metric("missed_scan", 5, "count", At(9, 15)),
            Metric("scan", 100, "count", At(10, 5)),
            Metric("scan", 50, "count", At(8, 0), worker: "W-18")));
        return service;
    }

    [Fact]
    public async Task The_window_covers_the_current_hour_and_the_ones_before_it_and_rates_over_the_time_elapsed()
    {
        var service = await WorkedDayAsync();
        await using var function = await service.StartAsync(nameof(GetWorkerProductivity));

        var view = await GetAsync(function, ProductivityRequest("W-17", At(9, 30), hours: "3"));

        // 07:00–09:30: 20 + 30 + 15 scans over 2.5 hours; 10 missed of 75 attempts; durations 300 and 500 ms.
        Assert.Equal(At(7, 0), view.GetProperty("window_start").GetDateTimeOffset());
        Assert.Equal(At(9, 30), view.GetProperty("window_end").GetDateTimeOffset());
        Assert.Equal(65, view.GetProperty("scans").GetInt64());
        Assert.Equal(10, view.GetProperty("missed").GetInt64());
        Assert.Equal(26, view.GetProperty("scans_per_hour").GetDouble(), 9);
        Assert.Equal(10.0 / 75, view.GetProperty("missed_rate").GetDouble(), 9);
        Assert.Equal(400, view.GetProperty("mean_scan_duration_ms").GetDouble(), 9);
        Assert.Equal([At(7, 0), At(8, 0), At(9, 0)], view.GetProperty("hourly").EnumerateArray().Select(h => h.GetProperty("hour_start").GetDateTimeOffset()));
        Assert.Equal([20L, 30, 15], view.GetProperty("hourly").EnumerateArray().Select(h => h.GetProperty("scans").GetInt64()));
    }

    [Fact]
    public async Task The_window_is_eight_hours_unless_asked_otherwise()
    {
        var service = await WorkedDayAsync();
        await using var function = await service.StartAsync(nameof(GetWorkerProductivity));

        var eight = await GetAsync(function, ProductivityRequest("W-17", At(9, 30)));
        var one = await GetAsync(function, ProductivityRequest("W-17", At(9, 30), hours: "1"));

        // 02:00–09:30 takes in the 05h bucket too: 75 scans over 7.5 hours.
        Assert.Equal(8, eight.GetProperty("hours").GetInt32());
        Assert.Equal(75, eight.GetProperty("scans").GetInt64());
        Assert.Equal(10, eight.GetProperty("scans_per_hour").GetDouble(), 9);
        Assert.Equal(10.0 / 85, eight.GetProperty("missed_rate").GetDouble(), 9);

        // 09:00–09:30: 15 scans in half an hour, no measured durations.
        Assert.Equal(30, one.GetProperty("scans_per_hour").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, one.GetProperty("mean_scan_duration_ms").ValueKind);
    }

    [Fact]
    public async Task A_worker_without_samples_in_the_window_has_zero_figures()
    {
        var service = await WorkedDayAsync();
        await using var function = await service.StartAsync(nameof(GetWorkerProductivity));

        var view = await GetAsync(function, ProductivityRequest("W-99", At(9, 30)));

        Assert.Equal(0, view.GetProperty("scans").GetInt64());
        Assert.Equal(0, view.GetProperty("scans_per_hour").GetDouble());
        Assert.Empty(view.GetProperty("hourly").EnumerateArray());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("169")]
    [InlineData("eight")]
    [InlineData("-1")]
    public async Task A_bad_hours_parameter_is_a_400_naming_it(string hours)
    {
        var service = await ProductivityService.CreateAsync(db);
        await using var function = await service.StartAsync(nameof(GetWorkerProductivity));

        var outcome = await function.InvokeAsync(ProductivityRequest("W-17", At(9, 30), hours));

        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(400, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("hours must be a whole number from 1 to 168", response.RootElement.GetProperty("body").GetString());
    }

    private static async Task<JsonElement> GetAsync(FunctionUnderTest function, string request)
    {
        var outcome = await function.InvokeAsync(request);
        Assert.False(outcome.IsError, outcome.ErrorMessage);
        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        return JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!).RootElement.Clone();
    }
}
