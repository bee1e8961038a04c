// INS102 near-misses: the tenant id used as data, checked against configuration or against the payload, and literal
// checks of values that are not the tenant. None may be reported.

// ==== case: tenant-as-item-key
public static class Items
{
    public static Dictionary<string, AttributeValue> Key(TenantContext tenant, string device) => new()
    {
        ["TenantId"] = new AttributeValue { S = tenant.TenantId },
        ["Device"] = new AttributeValue { S = device },
    };
}

// ==== case: tenant-in-logs
[ScanEventHandler]
public sealed partial class Record(ILogger<Record> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant)
    {
        log.LogInformation("Scan {Code} for tenant {Tenant}", scan.ScanCode, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: compared-with-configuration
public sealed record PilotOptions(string PilotTenant, IReadOnlyList<string> BetaTenants);

public static class Pilot
{
    public static bool Is(TenantContext tenant, PilotOptions options) =>
        tenant.TenantId == options.PilotTenant || options.BetaTenants.Contains(tenant.TenantId);
}

// ==== case: required-tenant-check
public static class Guard
{
    public static void Require(TenantContext tenant)
    {
        if (string.IsNullOrEmpty(tenant.TenantId) || tenant.TenantId.Length == 0)
        {
            throw new InvalidOperationException("No tenant");
        }
    }
}

// ==== case: runtime-cache-keyed-by-tenant
public sealed class SettingsCache
{
    private readonly Dictionary<string, string> _settings = new();

    public string? Get(TenantContext tenant) => _settings.TryGetValue(tenant.TenantId, out var value) ? value : null;

    public void Put(TenantContext tenant, string value) => _settings[tenant.TenantId] = value;
}

// ==== case: status-switch
public static class Statuses
{
    public static int Priority(string status) => status switch
    {
        "error" => 1,
        "warning" => 2,
        _ => 3,
    };
}

// ==== case: device-model-check
[ScanEventHandler]
public sealed partial class Displays
{
    public Task HandleAsync(ScanEvent scan) => scan.DeviceModel == "MARK Display" ? Task.Delay(1) : Task.CompletedTask;
}

// ==== case: helper-never-given-the-tenant
public static class Stations
{
    public static bool IsDefault(string name) => name == "default";
}

[ScanEventHandler]
public sealed partial class Sort
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant) => Stations.IsDefault(scan.StationName ?? "") ? Task.CompletedTask : Task.Delay(1);
}

// ==== case: helper-checks-only-for-empty
public static class Require
{
    public static string NotEmpty(string value, string name) => value is null || value.Length == 0 ? throw new ArgumentException(name) : value;
}

public static class Use
{
    public static string Tenant(TenantContext tenant) => Require.NotEmpty(tenant.TenantId, "tenant");
}

// ==== case: tenant-as-metric-dimension
public static class Dimensions
{
    public static Dictionary<string, string> Of(TenantContext tenant, string station) => new() { ["tenant"] = tenant.TenantId, ["station"] = station };
}

// ==== case: tenant-format-check
public static class Format
{
    public static bool HasSpace(TenantContext tenant) => tenant.TenantId.Contains(' ');
}

// ==== case: tenant-in-a-key-prefix
public static class Prefixes
{
    public static string Of(TenantContext tenant, string device) => $"{tenant.TenantId}#{device}";
}

// ==== case: tenant-in-a-comment
public static class Notes
{
    // acme asked for longer retention; that is a tenant setting now, see RetentionDays.
    public static int RetentionDays(TenantContext tenant, IReadOnlyDictionary<string, int> configured) =>
        configured.TryGetValue(tenant.TenantId, out var days) ? days : 30;
}

// ==== case: test-project-compares-tenants
// project: test
public static class TenantFixture
{
    public static bool IsFixtureTenant(TenantContext tenant) => tenant.TenantId == "acme";
}

// ==== case: feature-flags-from-settings
public sealed record TenantSettings(IReadOnlyList<string> Features);

public static class Flags
{
    public static bool BulkExport(TenantSettings settings) => settings.Features.Contains("bulk-export");
}

// ==== case: station-keyed-dictionary
public static class Lines
{
    private static readonly Dictionary<string, int> ByStation = new() { ["packing-1"] = 1, ["packing-2"] = 2 };

    public static int Line(ScanEvent scan) => ByStation.TryGetValue(scan.StationName ?? "", out var line) ? line : 0;
}

// ==== case: tenant-keyed-literals-looked-up-by-station
public static class Mixed
{
    private static readonly Dictionary<string, int> Codes = new() { ["acme"] = 1 };

    public static int Code(ScanEvent scan) => Codes.GetValueOrDefault(scan.StationName ?? "");
}

// ==== case: region-compared-with-configuration
public sealed record Residency(string HomeRegion);

public static class Placement
{
    public static bool Local(TenantContext tenant, Residency residency) => tenant.Region == residency.HomeRegion;
}

// ==== case: nameof-tenant
public static class Names
{
    public static string Property(TenantContext tenant) => nameof(tenant.TenantId);
}

// ==== case: tenant-compared-with-another-tenant
public sealed record Grant(string TenantId, string Scope);

public static class Grants
{
    public static bool Mine(TenantContext tenant, Grant grant) => tenant.TenantId.Equals(grant.TenantId, StringComparison.Ordinal);
}

// ==== case: literal-compared-with-a-non-tenant-local
public static class Shifts
{
    public static bool Night(DateTimeOffset at)
    {
        var shift = at.Hour >= 22 || at.Hour < 6 ? "night" : "day";
        return shift == "night";
    }
}

// ==== case: helper-given-the-tenant-compares-other-arguments
public static class Audit
{
    public static string Entry(string tenantId, string action) => action == "delete" ? $"{tenantId}: removed" : $"{tenantId}: {action}";
}

public static class Use2
{
    public static string Log(TenantContext tenant) => Audit.Entry(tenant.TenantId, "delete");
}
