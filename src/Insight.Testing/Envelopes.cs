using System.Globalization;
using System.Text.Json.Nodes;

namespace Insight.Testing;

/// <summary>
/// Invocation payloads exactly as AWS delivers them to a function, around an event's JSON: an EventBridge event, an
/// SQS batch, an API Gateway HTTP API (payload 2.0) request after its JWT authorizer, a scheduled event.
/// </summary>
public static class Envelopes
{
    /// <summary>An EventBridge event on the tenant's bus whose <c>detail</c> is <paramref name="detailJson"/>.</summary>
    public static string EventBridge(string detailJson, string detailType, TestTenant? tenant = null, string source = "insight.test") =>
        EventBridgeEvent(detailJson, detailType, tenant ?? new TestTenant(), source, []).ToJsonString();

    private static JsonObject EventBridgeEvent(string detailJson, string detailType, TestTenant tenant, string source, string[] resources) =>
        new()
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = detailType,
            ["source"] = source,
            ["account"] = tenant.AccountId,
            ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["region"] = tenant.Region,
            ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode)r)]),
            ["detail"] = JsonNode.Parse(detailJson),
        };

    /// <summary>An SQS batch with one message per body; message ids are <c>m0</c>, <c>m1</c>, … in order.</summary>
    public static string Sqs(IEnumerable<string> bodies, TestTenant? tenant = null, string queue = "queue")
    {
        tenant ??= new TestTenant();
        var records = new JsonArray();
        var index = 0;
        foreach (var body in bodies)
        {
            records.Add(new JsonObject
            {
                ["messageId"] = $"m{index++}",
                ["receiptHandle"] = Guid.NewGuid().ToString("N"),
                ["body"] = body,
                ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
                ["messageAttributes"] = new JsonObject(),
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = $"arn:aws:sqs:{tenant.Region}:{tenant.AccountId}:{queue}",
                ["awsRegion"] = tenant.Region,
            });
        }

        return new JsonObject { ["Records"] = records }.ToJsonString();
    }

    /// <summary>A scheduled event of the rule <paramref name="rule"/>.</summary>
    public static string Schedule(TestTenant? tenant = null, string rule = "schedule")
    {
        tenant ??= new TestTenant();
        return EventBridgeEvent("{}", "Scheduled Event", tenant, "aws.events", [$"arn:aws:events:{tenant.Region}:{tenant.AccountId}:rule/{rule}"]).ToJsonString();
    }

    /// <summary>
    /// An HTTP API request for <paramref name="routeKey"/> (<c>GET /workers/{worker}/risk</c>) with the path filled from
    /// <paramref name="pathParameters"/>. <paramref name="caller"/> is the token API Gateway's JWT authorizer verified;
    /// null sends the request without one (what an anonymous route, or a misdeployed one, receives).
    /// </summary>
    public static string HttpApi(string routeKey, string? body = null, TestCaller? caller = null, IReadOnlyDictionary<string, string>? pathParameters = null, TestTenant? tenant = null)
    {
        tenant ??= new TestTenant();
        var space = routeKey.IndexOf(' ', StringComparison.Ordinal);
        var method = space > 0 ? routeKey[..space] : "GET";
        var path = space > 0 ? routeKey[(space + 1)..] : routeKey;
        var parameters = new JsonObject();
        foreach (var (name, value) in pathParameters ?? new Dictionary<string, string>())
        {
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            parameters[name] = value;
        }

        var context = new JsonObject
        {
            ["accountId"] = tenant.AccountId,
            ["apiId"] = "local",
            ["requestId"] = Guid.NewGuid().ToString(),
            ["routeKey"] = routeKey,
            ["stage"] = "$default",
            ["timeEpoch"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["http"] = new JsonObject { ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "127.0.0.1", ["userAgent"] = "insight-testing" },
        };
        if (caller is not null)
        {
            var claims = new JsonObject { ["sub"] = caller.Subject, [caller.TenantClaim] = caller.Tenant ?? tenant.TenantId, ["scope"] = string.Join(' ', caller.Scopes) };
            context["authorizer"] = new JsonObject
            {
                ["jwt"] = new JsonObject { ["claims"] = claims, ["scopes"] = new JsonArray([.. caller.Scopes.Select(s => (JsonNode)s)]) },
            };
        }

        return new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = routeKey,
            ["rawPath"] = path,
            ["rawQueryString"] = "",
            ["headers"] = new JsonObject { ["content-type"] = "application/json" },
            ["pathParameters"] = parameters,
            ["requestContext"] = context,
            ["body"] = body,
            ["isBase64Encoded"] = false,
        }.ToJsonString();
    }
}

/// <summary>
/// The verified token of an HTTP caller, as API Gateway's JWT authorizer passes it on. <paramref name="Tenant"/> null
/// means the deployment's own tenant; another value tests what the runtime does with a token for another tenant.
/// </summary>
public sealed record TestCaller(IReadOnlyList<string> Scopes, string Subject = "test-user", string? Tenant = null, string TenantClaim = Sdk.TenantContext.DefaultTenantClaim)
{
    /// <summary>A caller of the deployment's tenant with <paramref name="scopes"/>.</summary>
    public static TestCaller WithScopes(params string[] scopes) => new(scopes);
}
