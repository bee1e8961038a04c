using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ergonomics.Tests;

/// <summary>Wire-format payloads for the Ergonomics functions.</summary>
internal static class ErgonomicsEvents
{
    /// <summary>The start of the day the tests measure in.</summary>
    public static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);

    /// <summary>An ergonomics event as EventBridge delivers it.</summary>
    public static string Measure(
        string measure, double value, string unit, TimeSpan window, DateTimeOffset? at = null,
        string worker = "W-17", string? shift = "S-early", string? eventId = null) =>
        WireEvents.EventBridge(Detail(measure, value, unit, window, at, worker, shift, eventId), detailType: "ErgonomicsEvent");

    /// <summary>An ergonomics event as the scanner sends it (an SQS message body, an EventBridge detail).</summary>
    public static string Detail(
        string measure, double value, string unit, TimeSpan window, DateTimeOffset? at = null,
        string worker = "W-17", string? shift = "S-early", string? eventId = null) =>
        $$"""{"api_version":"1.0","event_type":"ergonomics","event_id":"{{eventId ?? WireEvents.NewId()}}","time_created":{{(at ?? At(9, 0)).ToUnixTimeMilliseconds()}},"measure":"{{measure}}","value":{{value.ToString(CultureInfo.InvariantCulture)}},"unit":"{{unit}}","window_ms":{{(long)window.TotalMilliseconds}},"device_serial":"M2-0001","worker_id":{{JsonSerializer.Serialize(worker)}}{{(shift is null ? "" : ",\"shift_id\":" + JsonSerializer.Serialize(shift))}}}""";

    public static string RiskRequest(string worker, string? shift = null)
    {
        var request = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "GET /workers/{worker}/risk",
            ["rawPath"] = $"/workers/{worker}/risk",
            ["pathParameters"] = new JsonObject { ["worker"] = worker },
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = "r",
                ["routeKey"] = "GET /workers/{worker}/risk",
                ["stage"] = "$default",
                ["authorizer"] = JsonNode.Parse("{" + WireEvents.Authorizer(WireEvents.Tenant, "ergonomics:read") + "}")!["authorizer"]!.DeepClone(),
            },
            ["isBase64Encoded"] = false,
        };
        if (shift is not null)
        {
            request["rawQueryString"] = "shift=" + shift;
            request["queryStringParameters"] = new JsonObject { ["shift"] = shift };
        }

        return request.ToJsonString();
    }

    public static string Scheduled(DateTimeOffset time) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = WireEvents.NewId(),
        ["detail-type"] = "Scheduled Event",
        ["source"] = "aws.events",
        ["account"] = "123456789012",
        ["time"] = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["region"] = "eu-central-1",
        ["resources"] = new JsonArray("arn:aws:events:eu-central-1:123456789012:rule/DailyRiskDigest"),
        ["detail"] = new JsonObject(),
    }.ToJsonString();
}
