using System.Text.Json;
using Insight.Cli.Local.Emulation.Planning;
using Insight.Sdk.Cdk.Fleet;

namespace Insight.Cli.Local.Standup;

/// <summary>The tenant accounts a run stands up: synthetic ones, or those of the tenants file the infrastructure app deploys.</summary>
internal static class LocalTenants
{
    /// <summary><c>tenant-001</c>… with account ids drawn from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<TenantAccount> Synthetic(int count, int seed) =>
        [.. LocalTenant.Create(count, seed).Select(tenant => new TenantAccount(tenant.TenantId, tenant.AccountId))];

    /// <summary>The tenants of a registry file (<c>[{ "tenantId", "accountId", "settings"? }]</c>).</summary>
    /// <exception cref="LocalRunException">The file is missing, not a registry, or lists no tenant.</exception>
    public static IReadOnlyList<TenantAccount> FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new LocalRunException($"--tenants-file {path}: no such file.");
        }

        IReadOnlyList<TenantAccount> tenants;
        try
        {
            tenants = TenantRegistry.Load(path).Tenants;
        }
        catch (JsonException exception)
        {
            throw new LocalRunException($"--tenants-file {path} is not a tenants file (a JSON array of {{\"tenantId\", \"accountId\", \"settings\"?}}): {exception.Message}");
        }

        var invalid = tenants.Where(t => string.IsNullOrEmpty(t.TenantId) || t.AccountId is not { Length: 12 } || !t.AccountId.All(char.IsAsciiDigit)).ToList();
        if (tenants.Count == 0 || invalid.Count > 0)
        {
            throw new LocalRunException($"--tenants-file {path} needs at least one tenant, each with a tenantId and a twelve-digit accountId.");
        }

        var duplicates = tenants.GroupBy(t => t.AccountId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return duplicates.Count == 0
            ? tenants
            : throw new LocalRunException($"--tenants-file {path} gives account {string.Join(", ", duplicates)} to more than one tenant.");
    }

    /// <summary>
    /// The tenant as the planner takes it: where the synth wrote no overrides for its account, the registry's own
    /// (tenant id, settings, schedule slot), as the platform would set them.
    /// </summary>
    public static PlannedTenant Planned(TenantAccount tenant)
    {
        var overrides = new TenantRegistry([tenant]).InstanceOverrides()[0].Parameters;
        return new PlannedTenant(tenant.TenantId, tenant.AccountId, _ => overrides);
    }
}
