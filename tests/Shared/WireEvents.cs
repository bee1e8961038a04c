using System.Text.Json;

namespace Insight.Testing;

/// <summary>Wire-format events as scanners and AWS services send them; linked into every test project that needs them.</summary>
public static class WireEvents
{
    public const long Now = 1767225600000; // 2026-01-01T00:00:00Z

    public static string NewId() => Guid.NewGuid().ToString();

    public static string Scan(string? eventId = null, string scanCode = "4006381333931", string device = "M2-0001", string? extra = null) =>
        $$"""{"api_version":"1.0","event_type":"scan","event_id":"{{eventId ?? NewId()}}","time_created":{{Now}},"scan_code":{{JsonSerializer.Serialize(scanCode)}},"device_serial":"{{device}}"{{extra}}}""";

    public static string EventBridge(string detail, string detailType = "scan") =>
        $$"""{"version":"0","id":"{{NewId()}}","detail-type":"{{detailType}}","source":"insight.scanners","account":"123456789012","time":"2026-01-01T00:00:00Z","region":"eu-central-1","resources":[],"detail":{{detail}}}""";

    public static string Sqs(params (string MessageId, string Body)[] messages) =>
        "{\"Records\":[" + string.Join(",", messages.Select(m =>
            $$"""{"messageId":"{{m.MessageId}}","receiptHandle":"rh-{{m.MessageId}}","body":{{JsonSerializer.Serialize(m.Body)}},"attributes":{"ApproximateReceiveCount":"1"},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-central-1:123456789012:scans","awsRegion":"eu-central-1"}""")) + "]}";

    public static string HttpApi(string body, string routeKey = "POST /scans") =>
        $$"""{"version":"2.0","routeKey":"{{routeKey}}","rawPath":"/scans","rawQueryString":"","headers":{"content-type":"application/json"},"requestContext":{"accountId":"123456789012","apiId":"api","http":{"method":"POST","path":"/scans","protocol":"HTTP/1.1","sourceIp":"10.0.0.1","userAgent":"test"},"requestId":"r","routeKey":"{{routeKey}}","stage":"$default","timeEpoch":{{Now}}},"body":{{JsonSerializer.Serialize(body)}},"isBase64Encoded":false}""";
}
