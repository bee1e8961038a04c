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

    /// <summary>The tenant of the sample tests' deployment and of the tokens their requests carry.</summary>
    public const string Tenant = "acme-logistics";

    /// <summary>The deployment the sample services' functions run in under test: <see cref="Tenant"/>'s account.</summary>
    public static TestTenant Deployment { get; } = new(Tenant, "210987654321");

    /// <summary>
    /// An HTTP API request as API Gateway passes it after its JWT authorizer verified a token of <paramref name="tenant"/>
    /// with <paramref name="scopes"/> (space-separated); <paramref name="tenant"/> null means no authorizer section at all.
    /// </summary>
    public static string HttpApi(string body, string routeKey = "POST /scans", string? tenant = Tenant, string scopes = "scans:check scans:read") =>
        $$"""{"version":"2.0","routeKey":"{{routeKey}}","rawPath":"/scans","rawQueryString":"","headers":{"content-type":"application/json"},"requestContext":{"accountId":"123456789012","apiId":"api","http":{"method":"POST","path":"/scans","protocol":"HTTP/1.1","sourceIp":"10.0.0.1","userAgent":"test"},"requestId":"r","routeKey":"{{routeKey}}","stage":"$default","timeEpoch":{{Now}}{{(tenant is null ? "" : "," + Authorizer(tenant, scopes))}}},"body":{{JsonSerializer.Serialize(body)}},"isBase64Encoded":false}""";

    /// <summary>The <c>authorizer</c> member of a request context, as a JWT authorizer writes it (claims are strings).</summary>
    public static string Authorizer(string tenant, string scopes, string subject = "user-17")
    {
        var claims = new Dictionary<string, string> { ["sub"] = subject, ["tenant_id"] = tenant, ["scope"] = scopes, ["iss"] = "https://issuer.example", ["aud"] = "insight-api" };
        var scopeList = scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return "\"authorizer\":{\"jwt\":{\"claims\":" + JsonSerializer.Serialize(claims) + ",\"scopes\":" + JsonSerializer.Serialize(scopeList) + "}}";
    }
}
