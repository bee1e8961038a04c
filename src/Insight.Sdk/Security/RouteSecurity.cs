namespace Insight.Sdk.Hosting;

/// <summary>
/// What an HTTP route requires of its caller, as the handler's attribute declares it. The generated invoker passes it
/// to the dispatcher, which re-checks what API Gateway's authorizer should already have enforced.
/// </summary>
public sealed class RouteSecurity
{
    private RouteSecurity(IReadOnlyList<string> scopes, string? anonymousReason)
    {
        Scopes = scopes;
        AnonymousReason = anonymousReason;
    }

    /// <summary>The scopes a caller's token must carry (all of them).</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Why the route takes callers without a token; null for an authenticated route.</summary>
    public string? AnonymousReason { get; }

    /// <summary>Whether the route takes callers without a token.</summary>
    public bool IsAnonymous => AnonymousReason is not null;

    /// <summary>A route for callers with a verified token of this tenant that carries every one of <paramref name="scopes"/>.</summary>
    public static RouteSecurity Authenticated(params string[] scopes) => new([.. scopes], null);

    /// <summary>A route open to callers without a token, for the stated <paramref name="reason"/>.</summary>
    public static RouteSecurity Anonymous(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new([], reason);
    }
}
