using System.Security.Cryptography;
using Insight.Cli.Local.Emulation;
using Insight.Cli.Local.Emulation.Running;
using Insight.Local.Identity;
using Microsoft.AspNetCore.Http;


// Parameters whose names say it all go without a <param> tag.
#pragma warning disable CS1573
namespace Insight.Cli.Local.Standup;

/// <summary>
/// One tenant's HTTP port, serving the routes of every service of the account as API Gateway's HTTP APIs would: the
/// route matched by key, the JWT authorizer checked against the local issuer (401/403 as API Gateway answers them), the
/// function invoked with a payload 2.0 event and its response mapped back.
/// </summary>
internal sealed class TenantHttpApi(AccountPlan plan, RouteTable routes, LocalIssuer issuer, Func<string, string, CancellationToken, Task<FunctionResult>> invoke, TimeProvider time)
{
    /// <summary>Starts the tenant's port, or returns null when no service of the account has a route.</summary>
    public static async Task<LoopbackServer?> StartAsync(
        AccountPlan plan, LocalIssuer issuer, Func<string, string, CancellationToken, Task<FunctionResult>> invoke, TimeProvider time, CancellationToken cancellationToken)
    {
        var routes = new RouteTable(plan.Routes);
        if (routes.IsEmpty)
        {
            return null;
        }

        var api = new TenantHttpApi(plan, routes, issuer, invoke, time);
        return await LoopbackServer.StartAsync(0, $"the HTTP API of {plan.TenantId}", api.HandleAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers one request.</summary>
    public async Task<HttpApiResponse> AnswerAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        if (routes.Match(request.Method, request.RawPath) is not { } match)
        {
            return HttpApiResponse.Message(404, "Not Found");
        }

        IReadOnlyDictionary<string, string>? claims = null;
        IReadOnlyList<string>? scopes = null;
        if (match.Route.Authorizer is { } authorizer)
        {
            var check = issuer.Check(Identity(request, authorizer.IdentitySource), authorizer.Issuer, authorizer.Audience, authorizer.Scopes, time.GetUtcNow());
            switch (check.StatusCode)
            {
                case 401:
                    return HttpApiResponse.Message(401, "Unauthorized");
                case 403:
                    return HttpApiResponse.Message(403, "Forbidden");
            }

            claims = check.Claims;
            scopes = check.Scopes;
        }

        var requestId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).TrimEnd('=').Replace('+', 'A').Replace('/', 'B');
        var host = request.Headers.FirstOrDefault(h => h.Key.Equals("host", StringComparison.OrdinalIgnoreCase)).Value ?? "127.0.0.1";
        var payload = HttpApiPayload.Event(request, match, plan.AccountId, host, claims, scopes, requestId, time.GetUtcNow());
        var result = await invoke(match.Route.FunctionArn, payload, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.ErrorType switch
            {
                "TooManyRequestsException" => HttpApiResponse.Message(429, "Too Many Requests"),
                "Sandbox.Timedout" => HttpApiResponse.Message(503, "Service Unavailable"),
                _ => HttpApiResponse.Message(500, "Internal Server Error"),
            };
        }

        var response = HttpApiPayload.Response(result.Payload);
        return response with { Headers = [.. response.Headers, new("apigw-requestid", requestId)] };
    }

    /// <summary>The identity source's value: <c>$request.header.Name</c> reads that header.</summary>
    private static string? Identity(HttpApiRequest request, string identitySource)
    {
        const string header = "$request.header.";
        var name = identitySource.StartsWith(header, StringComparison.OrdinalIgnoreCase) ? identitySource[header.Length..] : "Authorization";
        return request.Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
        var request = new HttpApiRequest(
            context.Request.Method,
            context.Request.PathBase.Add(context.Request.Path).ToUriComponent() is { Length: > 0 } path ? path : "/",
            context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "",
            headers,
            body.ToArray(),
            context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            context.Request.Protocol);
        var response = await AnswerAsync(request, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = response.StatusCode;
        foreach (var group in response.Headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Headers.Append(group.Key, new Microsoft.Extensions.Primitives.StringValues([.. group.Select(h => h.Value)]));
        }

        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
