namespace Insight.Local.RuntimeApi;

/// <summary>
/// Per-invocation overrides so tests can pin the context values a runtime sees
/// (request id, deadline, tracing, identity) instead of relying on generated ones.
/// </summary>
public sealed record InvocationOptions
{
    internal static InvocationOptions Default { get; } = new();

    /// <summary>Fixed request id, so tests can assert on it; a GUID is generated when null.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// Function timeout. The deadline handed to the runtime is the moment the invocation is
    /// dispatched by <c>/next</c> plus this value, mirroring Lambda where init time is not charged
    /// against the invoke timeout.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>X-Ray trace header; a sampled root/parent pair is generated when null.</summary>
    public string? TraceId { get; init; }

    /// <summary>Base64 client context, as sent by mobile SDK callers; omitted when null.</summary>
    public string? ClientContext { get; init; }

    /// <summary>Cognito identity JSON; omitted when null.</summary>
    public string? CognitoIdentity { get; init; }

    /// <summary>Tenant id for tenant-isolated functions; omitted when null.</summary>
    public string? TenantId { get; init; }

    /// <summary>Overrides <see cref="RuntimeApiServer.FunctionArn"/> for this invocation only (e.g. alias or version ARNs).</summary>
    public string? FunctionArn { get; init; }
}
