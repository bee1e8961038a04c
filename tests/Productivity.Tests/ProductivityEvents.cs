using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Productivity.Tests;

/// <summary>Wire-format payloads for the Productivity functions.</summary>
internal static class ProductivityEvents
{
    /// <summary>The start of the day the tests measure in.</summary>
    public static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);

    public static string Metric(string metric, double value, string unit, DateTimeOffset at, string? worker = "W-17", string? shift = "S-early", string? eventId = null) =>
        $$"""{"api_version":"1.0","event_type":"metric","event_id":"{{eventId ?? WireEvents.NewId()}}","time_created":{{at.ToUnixTimeMilliseconds()}},"metric_name":"{{metric}}","value":{{value.ToString(CultureInfo.InvariantCulture)}},"unit":"{{unit}}","device_serial":"M2-0001"{{Optional("worker_id", worker)}}{{Optional("shift_id", shift)}},"station":"Packing 3"}""";

    /// <summary>An SQS batch whose message ids are m0, m1, ... in order.</summary>
    public static string Batch(params string[] bodies) => WireEvents.Sqs([.. bodies.Select((body, i) => ($"m{i}", body))]);

    public static string ProductivityRequest(string worker, DateTimeOffset now, string? hours = null)
    {
        var request = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "GET /workers/{worker}/productivity",
            ["rawPath"] = $"/workers/{worker}/productivity",
            ["pathParameters"] = new JsonObject { ["worker"] = worker },
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = "r",
                ["routeKey"] = "GET /workers/{worker}/productivity",
                ["stage"] = "$default",
                ["timeEpoch"] = now.ToUnixTimeMilliseconds(),
                ["http"] = new JsonObject { ["method"] = "GET", ["path"] = $"/workers/{worker}/productivity" },
                ["authorizer"] = JsonNode.Parse("{" + WireEvents.Authorizer(WireEvents.Tenant, "productivity:read") + "}")!["authorizer"]!.DeepClone(),
            },
            ["isBase64Encoded"] = false,
        };
        if (hours is not null)
        {
            request["rawQueryString"] = "hours=" + hours;
            request["queryStringParameters"] = new JsonObject { ["hours"] = hours };
        }

        return request.ToJsonString();
    }

    public static string Scheduled(DateTimeOffset time) =>
        $$"""{"version":"0","id":"{{WireEvents.NewId()}}","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":"{{time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}","region":"eu-central-1","resources":["arn:aws:events:eu-central-1:123456789012:rule/CloseShiftHours"],"detail":{} }""";

    private static string Optional(string name, string? value) => value is null ? "" : $",\"{name}\":{JsonSerializer.Serialize(value)}";
}
