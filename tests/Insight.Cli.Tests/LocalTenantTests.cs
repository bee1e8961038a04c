using Insight.Cli.Local;

namespace Insight.Cli.Tests;

public sealed class LocalTenantTests
{
    [Fact]
    public void Tenants_are_numbered_with_distinct_twelve_digit_accounts_drawn_from_the_seed()
    {
        var tenants = LocalTenant.Create(3, seed: 42);

        Assert.Equal(["tenant-001", "tenant-002", "tenant-003"], tenants.Select(t => t.TenantId));
        Assert.All(tenants, t => Assert.Matches("^[1-9][0-9]{11}$", t.AccountId));
        Assert.Equal(3, tenants.Select(t => t.AccountId).Distinct().Count());
        Assert.Equal(tenants, LocalTenant.Create(3, seed: 42));
        Assert.Equal(tenants.Take(2), LocalTenant.Create(2, seed: 42));
        Assert.NotEqual(tenants, LocalTenant.Create(3, seed: 43));
    }
}
