using System.Globalization;
using System.Text.Json;
using Insight.Sdk;
using Insight.Sdk.Aws;
using Insight.Sdk.Data;

namespace Productivity;

/// <summary>
/// A worker's productivity over a rolling window: <c>GET /workers/W-17/productivity?hours=8</c> covers the current
/// clock hour and the 7 before it. Scans per hour is the window's scans over the time the window has run so far
/// (so a half-gone current hour does not drag the rate down).
/// </summary>
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /workers/{worker}/productivity", Scopes = ["productivity:read"], MemorySize = 256, TimeoutSeconds = 5)]
public sealed partial class GetWorkerProductivity(WorkerHourReader workerHours)
{
    /// <summary>The window used when the request names none.</summary>
    public const int DefaultHours = 8;

    /// <summary>The longest window, a week: longer views belong to reports, not to this endpoint.</summary>
    public const int MaxHours = 168;

    /// <summary>Answers 200 with the window's figures, 400 for a missing worker or a bad <c>hours</c>.</summary>
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        if (request.PathParameters?.GetValueOrDefault("worker") is not { Length: > 0 } worker)
        {
            return Error("use /workers/{worker}/productivity");
        }

        var hours = DefaultHours;
        if (request.QueryStringParameters?.GetValueOrDefault("hours") is { } requested
            && (!int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out hours) || hours is < 1 or > MaxHours))
        {
            return Error($"hours must be a whole number from 1 to {MaxHours}, got \"{requested}\"");
        }

        // API Gateway's receive time, so the window is where the caller asked from, not where a retry lands.
        var now = request.RequestContext is { TimeEpoch: > 0 } context ? DateTimeOffset.FromUnixTimeMilliseconds(context.TimeEpoch) : DateTimeOffset.UtcNow;
        var currentHour = Hours.StartOf(now);
        var windowStart = currentHour - ((hours - 1) * Hours.One);

        var hourly = new List<HourView>();
        var total = default(HourlyFigures);
        await foreach (var bucket in workerHours.QueryAsync(worker, KeyCondition<DateTimeOffset>.Between(windowStart, currentHour), cancellationToken: cancellationToken))
        {
            var figures = bucket.Figures;
            total += figures;
            hourly.Add(new HourView(bucket.HourStart, figures.Scans, figures.Missed, figures.MeanScanDurationMs));
        }

        var elapsedHours = (now - windowStart).TotalHours;
        var view = new ProductivityView(
            worker, hours, windowStart, now, total.Scans, total.Missed,
            elapsedHours > 0 ? total.Scans / elapsedHours : 0, total.MissedRate, total.MeanScanDurationMs, hourly);
        return new HttpApiResponse
        {
            StatusCode = 200,
            Headers = JsonHeaders,
            Body = JsonSerializer.Serialize(view, ProductivityJsonContext.Default.ProductivityView),
        };
    }

    private static readonly IReadOnlyDictionary<string, string> JsonHeaders = new Dictionary<string, string> { ["content-type"] = "application/json" };

    private static HttpApiResponse Error(string message) => new()
    {
        StatusCode = 400,
        Headers = JsonHeaders,
        Body = JsonSerializer.Serialize(new ErrorView(message), ProductivityJsonContext.Default.ErrorView),
    };
}
