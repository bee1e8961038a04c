namespace Insight.Testing;

/// <summary>
/// The deployment a function under test runs in: what the service stack sets per tenant account on AWS
/// (<c>INSIGHT_TENANT_ID</c>, <c>INSIGHT_ACCOUNT_ID</c>, <c>AWS_REGION</c>).
/// </summary>
/// <param name="TenantId">The tenant the account serves.</param>
/// <param name="AccountId">The account's id (a test value; no AWS account is reached).</param>
/// <param name="Region">The region.</param>
public sealed record TestTenant(string TenantId = "test-tenant", string AccountId = "000000000000", string Region = "eu-central-1")
{
    /// <summary>The function environment of this deployment.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        [Sdk.TenantContext.TenantIdVariable] = TenantId,
        [Sdk.TenantContext.AccountIdVariable] = AccountId,
        [Sdk.TenantContext.RegionVariable] = Region,
    };
}
