// Blind corpus, INS102 near-misses: the tenant id used as data, compared with configuration or other tenant values,
// and literal checks on values that are not the tenant. Written from the rule page only; each case must stay silent.

// ==== case: tenant-in-log-and-key
[ScanEventHandler]
public sealed partial class StoreScan(ILogger<StoreScan> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        var key = $"{tenant.TenantId}#{scan.EventId}";
        log.LogInformation("Storing {Key} for tenant {Tenant}", key, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: compare-with-options
public sealed class PilotOptions
{
    public string PilotTenant { get; init; } = "";
}

public sealed class Pilot(TenantContext tenant, PilotOptions options)
{
    public bool Enabled => tenant.TenantId == options.PilotTenant;
}

// ==== case: compare-with-grant-tenant
public sealed record Grant(string TenantId, string Scope);

public static class Grants
{
    public static bool Applies(Grant grant, TenantContext tenant) => grant.TenantId == tenant.TenantId;
}

// ==== case: null-and-empty-checks
public static class Guards
{
    public static void Require(TenantContext tenant)
    {
        if (string.IsNullOrEmpty(tenant.TenantId) || tenant.TenantId == "")
        {
            throw new InvalidOperationException("The deployment names no tenant.");
        }
    }
}

// ==== case: runtime-filled-cache
public sealed class SettingsCache(TenantContext tenant)
{
    private readonly Dictionary<string, string> _byTenant = new();

    public string Get(Func<string, string> load)
    {
        if (!_byTenant.TryGetValue(tenant.TenantId, out var value))
        {
            value = load(tenant.TenantId);
            _byTenant[tenant.TenantId] = value;
        }

        return value;
    }
}

// ==== case: helper-never-given-tenant
public static class Symbologies
{
    public static bool IsQr(string symbology) => symbology == "QR";

    public static bool Qr(ScanEvent scan) => IsQr(scan.Symbology ?? "");
}

// ==== case: switch-on-event-type
public static class Routing
{
    public static string Queue(ScanEvent scan) => scan.EventType switch
    {
        "scan" => "scans",
        "metric" => "metrics",
        _ => "other",
    };
}

// ==== case: substring-of-tenant-id
public static class Shards
{
    public static string Prefix(TenantContext tenant) => tenant.TenantId.Substring(0, 2);

    public static bool EvenShard(TenantContext tenant) => Prefix(tenant) == "00";
}

// ==== case: tenant-settings-flag
public sealed record TenantSettings(bool NightlyExport, int BatchSize);

public sealed class Export(TenantSettings settings)
{
    public int Batch() => settings.NightlyExport ? settings.BatchSize : 0;
}

// ==== case: payload-tenant-against-deployment
[ScanEventHandler]
public sealed partial class RejectForeign
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        var owner = scan.StationName ?? tenant.TenantId;
        return owner == tenant.TenantId ? Task.CompletedTask : Task.FromException(new InvalidOperationException("foreign"));
    }
}

// ==== case: station-name-literal
[ScanEventHandler]
public sealed partial class Station(ILogger<Station> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        if (scan.StationName == "Packing 3")
        {
            log.LogInformation("Packing station scan for {Tenant}", tenant.TenantId);
        }

        return Task.CompletedTask;
    }
}

// ==== case: tenant-in-exception-message
public static class Failures
{
    public static Exception Missing(TenantContext tenant, string device) => new KeyNotFoundException($"Device {device} is not registered for tenant {tenant.TenantId}.");
}

// ==== case: service-name-check
public static class Services
{
    public static bool IsIngest(TenantContext tenant) => tenant.ServiceName == "ingest";
}

// ==== case: literal-comparison-helper-given-device
public sealed class Firmware
{
    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.Ordinal);

    public bool Outdated(ScanEvent scan) => Is(scan.DeviceFirmware ?? "", "1.0.0");
}

// ==== case: tenant-comment-mentions-acme
public static class Notes
{
    // acme asked for this in 2024; every tenant gets it now, switched by TenantSettings.
    public static string Bucket(TenantContext tenant) => $"exports-{tenant.TenantId}";
}

// ==== case: tenant-id-as-dictionary-key-filled-from-registry
public sealed class Registry(IReadOnlyDictionary<string, int> quotas, TenantContext tenant)
{
    public int Quota() => quotas.TryGetValue(tenant.TenantId, out var quota) ? quota : 0;
}

// ==== case: environment-variable-name-constant
public static class Variables
{
    public static bool IsTenantVariable(string name) => name == TenantContext.TenantIdVariable;
}

// ==== case: tenant-id-split-part
public static class Regions
{
    public static bool European(TenantContext tenant) => tenant.TenantId.Split('-')[0] == "eu";
}

// ==== case: set-filled-at-runtime
public sealed class Seen(TenantContext tenant)
{
    private readonly HashSet<string> _tenants = [];

    public bool First() => _tenants.Add(tenant.TenantId);
}

// ==== case: literal-set-checked-with-symbology
public static class Codes
{
    private static readonly HashSet<string> TwoD = ["QR", "DataMatrix", "Aztec"];

    public static bool IsTwoD(ScanEvent scan) => TwoD.Contains(scan.Symbology ?? "");
}

// ==== case: tenant-passed-to-logger-message
public static class Log
{
    public static void Exported(ILogger logger, string tenant, int count) =>
        logger.LogInformation("Tenant {Tenant} exported {Count} scans", tenant, count);
}

[ScanEventHandler]
public sealed partial class Exported(ILogger<Exported> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        Log.Exported(log, tenant.TenantId, 1);
        return Task.CompletedTask;
    }
}
