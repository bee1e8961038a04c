using System.Net.Http.Headers;
using System.Text.Json;
using Insight.Local.Emulation;
using Insight.Local.Identity;

namespace LocalScenario;

/// <summary>An HTTP route's answer: its status and body.</summary>
internal sealed record RouteAnswer(int StatusCode, string Body)
{
    /// <summary>The body as JSON when the answer is 200, else null.</summary>
    public JsonDocument? OkJson() => StatusCode == 200 && Body.Length > 0 ? JsonDocument.Parse(Body) : null;
}

/// <summary>Calls a tenant's HTTP routes as one of its users would: with a token from the run's local issuer carrying the tenant and the route's scope.</summary>
internal sealed class RouteClient(HttpClient http, LocalIssuer issuer, string tenantClaim)
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Asks <paramref name="route"/> of <paramref name="tenant"/> at <paramref name="path"/>, with a token of <paramref name="tokenTenant"/> holding <paramref name="scopes"/> (the route's scope when null), or no token at all.</summary>
    public async Task<RouteAnswer> GetAsync(
        LocalTenantEndpoints tenant, SampleRoute route, string path, CancellationToken cancellationToken, bool withToken = true, string? tokenTenant = null, IReadOnlyList<string>? scopes = null)
    {
        var baseUrl = tenant.HttpApiUrl ?? throw new InvalidOperationException($"{tenant.TenantId} has no HTTP API in the local run; {route.Service} has routes.");
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl.TrimEnd('/') + path);
        if (withToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(tenantClaim, tokenTenant ?? tenant.TenantId, scopes ?? [route.Scope], TokenLifetime));
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return new RouteAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }
}
