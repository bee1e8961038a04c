using System.Text.Json.Serialization;

namespace Insight.Sdk.Aws;

/// <summary>An API Gateway HTTP API request, payload format 2.0.</summary>
public sealed record HttpApiRequest
{
    /// <summary>Payload format version, <c>"2.0"</c>.</summary>
    [JsonPropertyName("version")] public string? Version { get; init; }

    /// <summary>The matched route, for example <c>POST /scans</c>.</summary>
    [JsonPropertyName("routeKey")] public string? RouteKey { get; init; }

    /// <summary>The path as requested.</summary>
    [JsonPropertyName("rawPath")] public string? RawPath { get; init; }

    /// <summary>The query string without <c>?</c>.</summary>
    [JsonPropertyName("rawQueryString")] public string? RawQueryString { get; init; }

    /// <summary>Request cookies.</summary>
    [JsonPropertyName("cookies")] public IReadOnlyList<string>? Cookies { get; init; }

    /// <summary>Request headers, lower-case names; repeated headers joined by commas.</summary>
    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Query string parameters.</summary>
    [JsonPropertyName("queryStringParameters")] public IReadOnlyDictionary<string, string>? QueryStringParameters { get; init; }

    /// <summary>Values of the route's path parameters.</summary>
    [JsonPropertyName("pathParameters")] public IReadOnlyDictionary<string, string>? PathParameters { get; init; }

    /// <summary>Stage variables.</summary>
    [JsonPropertyName("stageVariables")] public IReadOnlyDictionary<string, string>? StageVariables { get; init; }

    /// <summary>Who called and how.</summary>
    [JsonPropertyName("requestContext")] public HttpApiRequestContext? RequestContext { get; init; }

    /// <summary>The body, base64-encoded when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")] public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }
}

/// <summary>The request context of an HTTP API request.</summary>
public sealed record HttpApiRequestContext
{
    /// <summary>The API's account.</summary>
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }

    /// <summary>The API id.</summary>
    [JsonPropertyName("apiId")] public string? ApiId { get; init; }

    /// <summary>The domain the request came to.</summary>
    [JsonPropertyName("domainName")] public string? DomainName { get; init; }

    /// <summary>API Gateway's request id.</summary>
    [JsonPropertyName("requestId")] public string? RequestId { get; init; }

    /// <summary>The matched route.</summary>
    [JsonPropertyName("routeKey")] public string? RouteKey { get; init; }

    /// <summary>The stage.</summary>
    [JsonPropertyName("stage")] public string? Stage { get; init; }

    /// <summary>Request time in Unix ms.</summary>
    [JsonPropertyName("timeEpoch")] public long TimeEpoch { get; init; }

    /// <summary>HTTP details.</summary>
    [JsonPropertyName("http")] public HttpApiHttpDescription? Http { get; init; }

    /// <summary>What the route's authorizer verified; absent on a route without one.</summary>
    [JsonPropertyName("authorizer")] public HttpApiAuthorizerContext? Authorizer { get; init; }
}

/// <summary>The authorizer section of an HTTP API request context.</summary>
public sealed record HttpApiAuthorizerContext
{
    /// <summary>Set by a JWT authorizer: the verified token's claims and scopes.</summary>
    [JsonPropertyName("jwt")] public HttpApiJwtContext? Jwt { get; init; }
}

/// <summary>The claims and scopes of a token API Gateway's JWT authorizer verified (signature, issuer, audience, expiry).</summary>
public sealed record HttpApiJwtContext
{
    /// <summary>The token's claims; API Gateway passes every value as a string.</summary>
    [JsonPropertyName("claims")] public IReadOnlyDictionary<string, string>? Claims { get; init; }

    /// <summary>The token's scopes, when its <c>scope</c> or <c>scp</c> claim had any.</summary>
    [JsonPropertyName("scopes")] public IReadOnlyList<string>? Scopes { get; init; }
}

/// <summary>Method, path and caller of an HTTP API request.</summary>
public sealed record HttpApiHttpDescription
{
    /// <summary>HTTP method.</summary>
    [JsonPropertyName("method")] public string? Method { get; init; }

    /// <summary>Request path.</summary>
    [JsonPropertyName("path")] public string? Path { get; init; }

    /// <summary>Protocol, for example <c>HTTP/1.1</c>.</summary>
    [JsonPropertyName("protocol")] public string? Protocol { get; init; }

    /// <summary>The caller's address.</summary>
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; init; }

    /// <summary>The caller's user agent.</summary>
    [JsonPropertyName("userAgent")] public string? UserAgent { get; init; }
}

/// <summary>The response to an HTTP API request, payload format 2.0.</summary>
public sealed record HttpApiResponse
{
    /// <summary>HTTP status code.</summary>
    [JsonPropertyName("statusCode")] public int StatusCode { get; init; } = 200;

    /// <summary>Response headers.</summary>
    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Response body.</summary>
    [JsonPropertyName("body")] public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }

    /// <summary>Cookies to set.</summary>
    [JsonPropertyName("cookies")] public IReadOnlyList<string>? Cookies { get; init; }
}
