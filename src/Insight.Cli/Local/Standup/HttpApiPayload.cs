using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;


// Parameters whose names say it all go without a <param> tag.
#pragma warning disable CS1573
namespace Insight.Cli.Local.Standup;

/// <summary>An HTTP request as it reached a tenant's local API, before it is turned into a Lambda event.</summary>
/// <param name="Headers">Every header as received (a name may repeat).</param>
internal sealed record HttpApiRequest(
    string Method, string RawPath, string RawQueryString, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, string SourceIp, string Protocol);

/// <summary>What the local API answers.</summary>
internal sealed record HttpApiResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>One of API Gateway's own answers: <c>{"message":"…"}</c>.</summary>
    public static HttpApiResponse Message(int statusCode, string message) =>
        new(statusCode, [new("content-type", "application/json")], Encoding.UTF8.GetBytes(new JsonObject { ["message"] = message }.ToJsonString()));
}

/// <summary>
/// The Lambda proxy integration's payload format 2.0, both ways: the event API Gateway sends a function for a request,
/// and the response it makes of what the function returns (including the "just a JSON body" shorthand).
/// </summary>
internal static class HttpApiPayload
{
    /// <summary>The event for <paramref name="request"/> matched to <paramref name="match"/>, as API Gateway builds it.</summary>
    /// <param name="claims">The JWT's claims when a JWT authorizer admitted the request, else null.</param>
    /// <param name="scopes">The JWT's scopes when it carried any.</param>
    public static string Event(
        HttpApiRequest request, RouteMatch match, string accountId, string domainName, IReadOnlyDictionary<string, string>? claims, IReadOnlyList<string>? scopes,
        string requestId, DateTimeOffset now)
    {
        var headers = new JsonObject();
        var cookies = new JsonArray();
        foreach (var group in request.Headers.GroupBy(h => h.Key.ToLowerInvariant()))
        {
            if (group.Key == "cookie")
            {
                foreach (var cookie in group.SelectMany(h => h.Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
                {
                    cookies.Add(cookie);
                }

                continue;
            }

            // Repeated headers are joined with commas, as payload 2.0 has them.
            headers[group.Key] = string.Join(',', group.Select(h => h.Value));
        }

        var payload = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = match.Route.RouteKey,
            ["rawPath"] = request.RawPath,
            ["rawQueryString"] = request.RawQueryString,
        };
        if (cookies.Count > 0)
        {
            payload["cookies"] = cookies;
        }

        payload["headers"] = headers;
        var query = QueryParameters(request.RawQueryString);
        if (query.Count > 0)
        {
            payload["queryStringParameters"] = query;
        }

        var context = new JsonObject
        {
            ["accountId"] = accountId,
            ["apiId"] = match.Route.ApiId,
        };
        if (claims is not null)
        {
            var jwt = new JsonObject { ["claims"] = new JsonObject([.. claims.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value)))]) };
            jwt["scopes"] = scopes is { Count: > 0 } ? new JsonArray([.. scopes.Select(s => (JsonNode)JsonValue.Create(s))]) : null;
            context["authorizer"] = new JsonObject { ["jwt"] = jwt };
        }

        context["domainName"] = domainName;
        context["domainPrefix"] = domainName.Split('.')[0].Split(':')[0];
        context["http"] = new JsonObject
        {
            ["method"] = request.Method.ToUpperInvariant(),
            ["path"] = request.RawPath,
            ["protocol"] = request.Protocol,
            ["sourceIp"] = request.SourceIp,
            ["userAgent"] = headers["user-agent"]?.GetValue<string>() ?? "",
        };
        context["requestId"] = requestId;
        context["routeKey"] = match.Route.RouteKey;
        context["stage"] = "$default";
        context["time"] = now.ToUniversalTime().ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);
        context["timeEpoch"] = now.ToUnixTimeMilliseconds();
        payload["requestContext"] = context;
        if (match.PathParameters.Count > 0)
        {
            payload["pathParameters"] = new JsonObject([.. match.PathParameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))]);
        }

        if (request.Body.Length > 0)
        {
            var text = IsText(headers["content-type"]?.GetValue<string>());
            payload["body"] = text ? Encoding.UTF8.GetString(request.Body) : Convert.ToBase64String(request.Body);
            payload["isBase64Encoded"] = !text;
        }
        else
        {
            payload["isBase64Encoded"] = false;
        }

        return payload.ToJsonString();
    }

    /// <summary>
    /// The HTTP response for what a function returned: an object with <c>statusCode</c> is a full response (headers,
    /// cookies, body, base64); any other valid JSON is the body of a 200 <c>application/json</c> response.
    /// </summary>
    public static HttpApiResponse Response(string? functionPayload)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(string.IsNullOrEmpty(functionPayload) ? "null" : functionPayload);
        }
        catch (JsonException)
        {
            // API Gateway answers a response it cannot read as JSON with its own 500.
            return HttpApiResponse.Message(500, "Internal Server Error");
        }

        if (node is not JsonObject response || response["statusCode"] is null)
        {
            return new HttpApiResponse(200, [new("content-type", "application/json")], Encoding.UTF8.GetBytes(functionPayload ?? "null"));
        }

        if (response["statusCode"] is not JsonValue status || !int.TryParse(status.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var statusCode)
            || statusCode is < 100 or > 599)
        {
            return HttpApiResponse.Message(500, "Internal Server Error");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in response["headers"] as JsonObject ?? [])
        {
            headers.Add(new(name, value?.ToString() ?? ""));
        }

        foreach (var (name, values) in response["multiValueHeaders"] as JsonObject ?? [])
        {
            headers.AddRange((values as JsonArray ?? []).Select(value => new KeyValuePair<string, string>(name, value?.ToString() ?? "")));
        }

        headers.AddRange((response["cookies"] as JsonArray ?? []).Select(cookie => new KeyValuePair<string, string>("set-cookie", cookie?.ToString() ?? "")));
        var body = response["body"] switch
        {
            null => "",
            JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
            var other => other.ToJsonString(),
        };
        var base64 = response["isBase64Encoded"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
        byte[] bytes;
        try
        {
            bytes = base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
        }
        catch (FormatException)
        {
            return HttpApiResponse.Message(500, "Internal Server Error");
        }

        if (!headers.Any(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)) && bytes.Length > 0)
        {
            headers.Add(new("content-type", "application/json"));
        }

        return new HttpApiResponse(statusCode, headers, bytes);
    }

    /// <summary>Query parameters as payload 2.0 has them: repeated names joined with commas.</summary>
    private static JsonObject QueryParameters(string rawQueryString)
    {
        var result = new JsonObject();
        foreach (var group in rawQueryString.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')), StringComparer.Ordinal))
        {
            result[group.Key] = string.Join(',', group.Select(pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : ""));
        }

        return result;
    }

    private static bool IsText(string? contentType) =>
        contentType is null
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase);
}
