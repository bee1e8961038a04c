namespace Insight.Sdk;

/// <summary>
/// Who this deployment serves. In an account-per-tenant fleet the tenant is a property of the deployment, not of
/// the message: the values come from the stack's parameters through the function's environment, never from an
/// event payload, so a forged payload cannot move work to another tenant.
/// </summary>
public sealed class TenantContext
{
    /// <summary>Environment variable holding the tenant id; the service stack sets it from its <c>TenantId</c> parameter.</summary>
    public const string TenantIdVariable = "INSIGHT_TENANT_ID";

    /// <summary>Environment variable holding the tenant's AWS account id; the service stack sets it from <c>AWS::AccountId</c>.</summary>
    public const string AccountIdVariable = "INSIGHT_ACCOUNT_ID";

    /// <summary>
    /// Environment variable naming the token claim that carries the caller's tenant; the service stack sets it from its
    /// <c>TenantClaim</c> parameter. Defaults to <see cref="DefaultTenantClaim"/>.
    /// </summary>
    public const string TenantClaimVariable = "INSIGHT_TENANT_CLAIM";

    /// <summary>The tenant claim's name when the deployment names none.</summary>
    public const string DefaultTenantClaim = "tenant_id";

    /// <summary>Environment variable Lambda sets to the function's region.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>Creates a tenant context from known values.</summary>
    public TenantContext(string tenantId, string accountId, string region, string serviceName, string tenantClaim = DefaultTenantClaim)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantClaim);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        TenantId = tenantId;
        AccountId = accountId;
        Region = region;
        ServiceName = serviceName;
        TenantClaim = tenantClaim;
    }

    /// <summary>The tenant this account belongs to.</summary>
    public string TenantId { get; }

    /// <summary>The tenant's AWS account id.</summary>
    public string AccountId { get; }

    /// <summary>The region the function runs in.</summary>
    public string Region { get; }

    /// <summary>The service this function belongs to.</summary>
    public string ServiceName { get; }

    /// <summary>The name of the token claim whose value must equal <see cref="TenantId"/> for an HTTP caller to be served.</summary>
    public string TenantClaim { get; }

    /// <summary>Reads the deployment's values.</summary>
    /// <exception cref="FunctionConfigurationException">A value the deployment must set is missing.</exception>
    public static TenantContext FromEnvironment(string serviceName, Func<string, string?> environment) =>
        new(Require(environment, TenantIdVariable, "the service stack sets it from its TenantId parameter"),
            Require(environment, AccountIdVariable, "the service stack sets it from AWS::AccountId"),
            Require(environment, RegionVariable, "Lambda sets it in every function"),
            serviceName,
            environment(TenantClaimVariable) is { Length: > 0 } claim ? claim : DefaultTenantClaim);

    /// <inheritdoc/>
    public override string ToString() => $"tenant {TenantId} (account {AccountId}, {Region})";

    private static string Require(Func<string, string?> environment, string name, string why)
    {
        var value = environment(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new FunctionConfigurationException($"The environment variable {name} is not set ({why}).")
            : value;
    }
}

/// <summary>The function's deployment is incomplete; reported as an initialisation error.</summary>
public sealed class FunctionConfigurationException(string message) : Exception(message);
