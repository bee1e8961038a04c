using System.Text;
using System.Text.Json.Nodes;
using Insight.Cli.Local.Emulation;
using Insight.Cli.Local.Emulation.Running;
using Insight.Cli.Local.Standup;
using Insight.Local.Identity;

namespace Insight.Cli.Tests.Local.Standup;

/// <summary>A tenant's HTTP port as API Gateway's HTTP API: authorizer answers, the payload 2.0 event, the response mapping.</summary>
public sealed class HttpApiTests : IDisposable
{
    private const string Issuer = "http://127.0.0.1:4999/issuer";
    private const string Audience = "insight-local";
    private readonly string _folder = Directory.CreateTempSubdirectory("insight-http-").FullName;
    private readonly LocalIssuer _issuer;
    private readonly List<(string Arn, string Payload)> _invocations = [];
    private string _answer = """{"statusCode":201,"headers":{"x-kind":"order"},"cookies":["a=1"],"body":"{\"ok\":true}"}""";

    public HttpApiTests() => _issuer = LocalIssuer.LoadOrCreate(Path.Combine(_folder, "issuer.key"), Issuer, Audience);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TenantHttpApi Api()
    {
        var authorizer = new RouteAuthorizerPlan(Issuer, [Audience], ["orders:read"], "$request.header.Authorization");
        RoutePlan[] routes =
        [
            new("Orders", "api1", "GET /orders/{id}", "arn:aws:lambda:eu-central-1:111111111111:function:Orders-Get", "2.0", authorizer),
            new("Orders", "api1", "GET /health", "arn:aws:lambda:eu-central-1:111111111111:function:Orders-Health", "2.0", null),
        ];
        var plan = new AccountPlan("tenant-001", "111111111111", "eu-central-1", [], [], [], [], [], routes, []);
        return new TenantHttpApi(plan, new RouteTable(routes), _issuer, (arn, payload, _) =>
        {
            _invocations.Add((arn, payload));
            return Task.FromResult(_answer.StartsWith('!') ? new FunctionResult(false, null, _answer[1..], "failed") : new FunctionResult(true, _answer, null, null));
        }, TimeProvider.System);
    }

    private static HttpApiRequest Get(string path, string query = "", string? token = null) => new(
        "GET", path, query,
        [new("Host", "127.0.0.1:5000"), new("User-Agent", "tests"), new("X-Multi", "a"), new("X-Multi", "b"), new("Cookie", "s=1; t=2"), .. token is null ? Array.Empty<KeyValuePair<string, string>>() : [new("Authorization", $"Bearer {token}")]],
        [], "127.0.0.1", "HTTP/1.1");

    private static string Body(HttpApiResponse response) => Encoding.UTF8.GetString(response.Body);

    [Fact]
    public async Task A_route_behind_the_authorizer_answers_401_without_a_token_and_403_without_its_scope()
    {
        var api = Api();
        var missing = await api.AnswerAsync(Get("/orders/7"), CancellationToken.None);
        Assert.Equal((401, """{"message":"Unauthorized"}"""), (missing.StatusCode, Body(missing)));

        var wrongScope = await api.AnswerAsync(Get("/orders/7", token: _issuer.Issue("tenant", "tenant-001", ["other:scope"], TimeSpan.FromMinutes(5))), CancellationToken.None);
        Assert.Equal((403, """{"message":"Forbidden"}"""), (wrongScope.StatusCode, Body(wrongScope)));

        var foreign = LocalIssuer.LoadOrCreate(Path.Combine(_folder, "other.key"), Issuer, Audience).Issue("tenant", "tenant-001", ["orders:read"], TimeSpan.FromMinutes(5));
        Assert.Equal(401, (await api.AnswerAsync(Get("/orders/7", token: foreign), CancellationToken.None)).StatusCode);
        Assert.Empty(_invocations);
    }

    [Fact]
    public async Task An_admitted_request_reaches_the_function_as_a_payload_2_0_event_with_the_token_claims()
    {
        var response = await Api().AnswerAsync(Get("/orders/7", "a=1&a=2&b=x%20y", _issuer.Issue("tenant", "tenant-001", ["orders:read"], TimeSpan.FromMinutes(5))), CancellationToken.None);

        var (arn, payload) = Assert.Single(_invocations);
        Assert.Equal("arn:aws:lambda:eu-central-1:111111111111:function:Orders-Get", arn);
        var e = JsonNode.Parse(payload)!;
        Assert.Equal("2.0", (string?)e["version"]);
        Assert.Equal("GET /orders/{id}", (string?)e["routeKey"]);
        Assert.Equal("/orders/7", (string?)e["rawPath"]);
        Assert.Equal("a=1&a=2&b=x%20y", (string?)e["rawQueryString"]);
        Assert.Equal("1,2", (string?)e["queryStringParameters"]!["a"]);
        Assert.Equal("x y", (string?)e["queryStringParameters"]!["b"]);
        Assert.Equal("7", (string?)e["pathParameters"]!["id"]);
        Assert.Equal("a,b", (string?)e["headers"]!["x-multi"]);
        Assert.Null(e["headers"]!["cookie"]);
        Assert.Equal("""["s=1","t=2"]""", e["cookies"]!.ToJsonString());
        var context = e["requestContext"]!;
        Assert.Equal(("111111111111", "api1", "GET", "/orders/7", "tests", "127.0.0.1", "HTTP/1.1"),
            ((string?)context["accountId"], (string?)context["apiId"], (string?)context["http"]!["method"], (string?)context["http"]!["path"],
             (string?)context["http"]!["userAgent"], (string?)context["http"]!["sourceIp"], (string?)context["http"]!["protocol"]));
        Assert.Equal("tenant-001", (string?)context["authorizer"]!["jwt"]!["claims"]!["tenant"]);
        Assert.Equal("""["orders:read"]""", context["authorizer"]!["jwt"]!["scopes"]!.ToJsonString());
        Assert.True((long)context["timeEpoch"]! > 0);
        Assert.False((bool)e["isBase64Encoded"]!);

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("""{"ok":true}""", Body(response));
        Assert.Contains(new KeyValuePair<string, string>("x-kind", "order"), response.Headers);
        Assert.Contains(new KeyValuePair<string, string>("set-cookie", "a=1"), response.Headers);
    }

    [Fact]
    public async Task An_open_route_needs_no_token_and_a_plain_json_answer_is_a_200_body()
    {
        _answer = """{"healthy":true}""";
        var response = await Api().AnswerAsync(Get("/health"), CancellationToken.None);
        Assert.Equal((200, """{"healthy":true}"""), (response.StatusCode, Body(response)));
        Assert.Contains(new KeyValuePair<string, string>("content-type", "application/json"), response.Headers);
        Assert.Null(JsonNode.Parse(Assert.Single(_invocations).Payload)!["requestContext"]!["authorizer"]);
    }

    [Theory]
    [InlineData("!Runtime.ExitError", 500, "Internal Server Error")]
    [InlineData("!TooManyRequestsException", 429, "Too Many Requests")]
    [InlineData("!Sandbox.Timedout", 503, "Service Unavailable")]
    [InlineData("""{"statusCode":"abc"}""", 500, "Internal Server Error")]
    public async Task A_failed_or_unreadable_answer_is_api_gateways_own_error(string answer, int status, string message)
    {
        _answer = answer;
        var response = await Api().AnswerAsync(Get("/health"), CancellationToken.None);
        Assert.Equal((status, $$"""{"message":"{{message}}"}"""), (response.StatusCode, Body(response)));
    }

    [Fact]
    public async Task An_unknown_path_is_404_not_found()
    {
        var response = await Api().AnswerAsync(Get("/nope"), CancellationToken.None);
        Assert.Equal((404, """{"message":"Not Found"}"""), (response.StatusCode, Body(response)));
    }

    [Fact]
    public void A_base64_response_body_is_decoded()
    {
        var response = HttpApiPayload.Response("""{"statusCode":200,"isBase64Encoded":true,"body":"aGVsbG8=","headers":{"content-type":"text/plain"}}""");
        Assert.Equal("hello", Body(response));
        Assert.Equal("text/plain", Assert.Single(response.Headers).Value);
    }
}
