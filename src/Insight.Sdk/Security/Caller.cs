namespace Insight.Sdk;

/// <summary>
/// Who made an HTTP request, from the token the route's JWT authorizer verified. The runtime has already checked that
/// the token's tenant claim is this deployment's tenant and that it carries the route's scopes.
/// </summary>
public sealed class Caller
{
    internal Caller(string? subject, IReadOnlyList<string> scopes, string? tenant, IReadOnlyDictionary<string, string> claims)
    {
        Subject = subject;
        Scopes = scopes;
        Tenant = tenant;
        Claims = claims;
    }

    /// <summary>The token's subject (<c>sub</c>): the user or client that called.</summary>
    public string? Subject { get; }

    /// <summary>The token's scopes.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The value of the tenant claim; equal to the deployment's tenant for an authenticated route.</summary>
    public string? Tenant { get; }

    /// <summary>Every claim of the token, as API Gateway passes them (strings). Never log them.</summary>
    public IReadOnlyDictionary<string, string> Claims { get; }

    /// <summary>Whether the token carries <paramref name="scope"/>.</summary>
    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    /// <summary>Leaves the claims out, so a caller written to a log gives nothing away.</summary>
    public override string ToString() => $"caller {Subject ?? "(no subject)"} with {Scopes.Count} scope(s)";
}
