// Second blind corpus, INS102 near-misses: the tenant id used as data, compared with configuration or with another
// tenant value, sliced, hashed; literal checks on other values — all must stay silent.

// ==== case: compare-with-options-class
public sealed class PilotOptions
{
    public string PilotTenant { get; set; } = "";
}

public sealed class Pilot(TenantContext tenant, PilotOptions options)
{
    public bool Enabled => string.Equals(tenant.TenantId, options.PilotTenant, StringComparison.Ordinal);
}

// ==== case: null-or-empty-pattern
public static class Sanity
{
    public static bool Missing(TenantContext tenant) => tenant.TenantId is null or "" || string.IsNullOrWhiteSpace(tenant.TenantId);
}

// ==== case: composite-key-with-tenant
public static class Keys
{
    public static string Scan(TenantContext tenant, ScanEvent scan) => $"{tenant.TenantId}#SCAN#{scan.EventId}";
}

// ==== case: runtime-cache-get-or-add
using System.Collections.Concurrent;

public sealed class SettingsCache
{
    private readonly ConcurrentDictionary<string, int> _limits = new();

    public int Limit(TenantContext tenant, Func<string, int> load) => _limits.GetOrAdd(tenant.TenantId, load);
}

// ==== case: caller-tenant-matches-deployment
public static class Authorization
{
    public static bool SameTenant(TenantContext tenant) =>
        InvocationContext.Current?.Caller?.Tenant is { } claimed && claimed == tenant.TenantId;
}

// ==== case: split-prefix-comparison
public static class Regions
{
    public static bool IsTrialFamily(TenantContext tenant) => tenant.TenantId.Split('-')[0] == "trial";
}

// ==== case: substring-comparison
public static class Prefixes
{
    public static bool Eu(TenantContext tenant) => tenant.TenantId.Length > 3 && tenant.TenantId.Substring(0, 3) == "eu_";
}

// ==== case: literal-helper-never-given-tenant
public static class Serials
{
    public static bool IsInternal(string id) => id == "acme";

    public static bool Check(ScanEvent scan) => IsInternal(scan.DeviceSerial);
}

// ==== case: logging-tenant-id
[ScanEventHandler]
public sealed partial class Audit(ILogger<Audit> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Tenant {Tenant} scanned {Code}; acme is the reference tenant", tenant.TenantId, scan.ScanCode);
        return Task.CompletedTask;
    }
}

// ==== case: switch-on-symbology
public static class Decoding
{
    public static int Length(ScanEvent scan) => scan.Symbology switch
    {
        "EAN13" => 13,
        "UPCA" => 12,
        _ => 0,
    };
}

// ==== case: tenant-id-length-guard
public static class Limits
{
    public static void Require(TenantContext tenant)
    {
        if (tenant.TenantId.Length > 64)
        {
            throw new InvalidOperationException($"Tenant id {tenant.TenantId} is longer than 64 characters");
        }
    }
}

// ==== case: feature-flag-from-tenant-settings
public sealed record TenantSettings(IReadOnlySet<string> Features, int BatchSize);

public sealed class Dashboard(TenantSettings settings)
{
    public bool NewLayout => settings.Features.Contains("new-dashboard");
}

// ==== case: dictionary-filled-from-configuration
public sealed record TenantLimit(string TenantId, int MaxDevices);

public sealed class DeviceLimits(IEnumerable<TenantLimit> configured)
{
    private readonly Dictionary<string, int> _limits = configured.ToDictionary(l => l.TenantId, l => l.MaxDevices);

    public int For(TenantContext tenant) => _limits.TryGetValue(tenant.TenantId, out var max) ? max : 200;
}

// ==== case: exception-message-names-tenant
public static class Errors
{
    public static Exception NotSupported(TenantContext tenant) =>
        new NotSupportedException($"Tenant {tenant.TenantId} asked for the legacy export, which only 'acme' used to have");
}

// ==== case: tenant-claim-name-comparison
public static class Claims
{
    public static bool DefaultClaim(TenantContext tenant) => tenant.TenantClaim == "tenant_id";
}

// ==== case: service-name-comparison
public static class Services
{
    public static bool IsIngest(TenantContext tenant) => tenant.ServiceName is "scan-ingest" or "scan-archive";
}

// ==== case: shard-from-hash
public static class Sharding
{
    public static int Shard(TenantContext tenant) => (int)((uint)StringComparer.Ordinal.GetHashCode(tenant.TenantId) % 16);
}

// ==== case: group-by-row-tenant-compared-with-deployment
public sealed record Row(string TenantId, int Count);

public static class Totals
{
    public static int Mine(IEnumerable<Row> rows, TenantContext tenant) =>
        rows.GroupBy(r => r.TenantId).Where(g => g.Key == tenant.TenantId).Sum(g => g.Sum(r => r.Count));
}

// ==== case: literal-set-looked-up-by-other-value
public static class Symbologies
{
    private static readonly HashSet<string> TwoD = ["QR", "DATAMATRIX", "acme"];

    public static bool Is2D(ScanEvent scan) => TwoD.Contains(scan.Symbology ?? "");
}

// ==== case: test-project-tenant-literal
// project: test
using Xunit;

public sealed class TenantTests
{
    [Fact]
    public void Reads_the_tenant()
    {
        var tenant = new TenantContext("acme", "123456789012", "eu-central-1", "scans");
        if (tenant.TenantId != "acme") throw new InvalidOperationException();
    }
}

// ==== case: stage-from-options
public sealed record StageOptions(string Stage);

public static class Stages
{
    public static bool Production(StageOptions options) => options.Stage == "prod";
}

// ==== case: metric-dimension-with-tenant
using Insight.Sdk.Observability;

public sealed class Counting(IMetrics metrics, TenantContext tenant)
{
    public void Count(ScanEvent scan) => metrics.Add($"scans.{tenant.TenantId}", 1);
}
