using System.Text.Json;
using System.Text.Json.Serialization;
using Insight.Sdk.Cdk.Stacks;

namespace Insight.Sdk.Cdk.Fleet;

/// <summary>One tenant of the fleet: its id, its AWS account and its settings.</summary>
public sealed record TenantAccount(
    [property: JsonPropertyName("tenantId")] string TenantId,
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("settings")] JsonElement? Settings = null);

/// <summary>
/// The fleet's tenants. The registry never enters a service template — every account gets the same template — it
/// becomes the StackSet's per-account parameter overrides, so adding a tenant changes no template.
/// </summary>
public sealed class TenantRegistry(IReadOnlyList<TenantAccount> tenants)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The tenants.</summary>
    public IReadOnlyList<TenantAccount> Tenants { get; } = tenants;

    /// <summary>Reads a registry file: a JSON array of <c>{tenantId, accountId, settings?}</c>.</summary>
    public static TenantRegistry Load(string path) =>
        new(JsonSerializer.Deserialize<List<TenantAccount>>(File.ReadAllText(path)) ?? []);

    /// <summary>
    /// The parameter overrides of each account's stack instance: tenant id, settings and schedule slot (the
    /// artifact bucket and alarm topic are the same for every account and set on the StackSet itself).
    /// </summary>
    public IReadOnlyList<StackInstanceOverrides> InstanceOverrides() =>
        [.. Tenants.Select(t => new StackInstanceOverrides(t.AccountId, new Dictionary<string, string>
        {
            ["TenantId"] = t.TenantId,
            ["TenantSettings"] = t.Settings?.GetRawText() ?? "{}",
            ["ScheduleSlot"] = ScheduleSlots.ForAccount(t.AccountId),
        }))];

    /// <summary>Writes <see cref="InstanceOverrides"/> beside the templates as <c>{stackName}.instances.json</c>.</summary>
    public string WriteInstanceOverrides(string outdir, string stackName)
    {
        var path = Path.Combine(outdir, $"{stackName}.instances.json");
        File.WriteAllText(path, JsonSerializer.Serialize(InstanceOverrides(), Indented));
        return path;
    }
}

/// <summary>The parameter overrides of one account's stack instance.</summary>
public sealed record StackInstanceOverrides(
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, string> Parameters);
