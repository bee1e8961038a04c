// Blind corpus, INS102 drift: behaviour that singles out tenants by literal id, written from the rule page only —
// helpers and extension methods in other files, records, primary constructors, switch expressions, LINQ, sets.

// ==== case: extension-method-in-another-file
[ScanEventHandler]
public sealed partial class RouteScan
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) =>
        tenant.IsPilot() ? Task.Delay(1, ct) : Task.CompletedTask;
}
// ---- file: TenantExtensions.cs
public static class TenantExtensions
{
    public static bool IsPilot(this TenantContext tenant) => tenant.TenantId == "acme"; // expect: INS102
}

// ==== case: generic-extension-compares-parameter
public sealed class Discounts(TenantContext tenant)
{
    public decimal Rate() => tenant.Is("globex") ? 0.1m : 0m; // expect: INS102
}
// ---- file: TenantIdentity.cs
public static class TenantIdentity
{
    public static bool Is(this TenantContext tenant, string id) => string.Equals(tenant.TenantId, id, StringComparison.OrdinalIgnoreCase);
}

// ==== case: static-helper-in-another-class
[ScanEventHandler]
public sealed partial class Enrich
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) =>
        TenantRules.UsesLegacyCodes(tenant.TenantId) ? Task.Delay(1, ct) : Task.CompletedTask;
}
// ---- file: TenantRules.cs
public static class TenantRules
{
    public static bool UsesLegacyCodes(string tenantId) => tenantId is "initech" or "umbrella"; // expect: INS102
}

// ==== case: two-parameter-equality-helper
public sealed class Exports(TenantContext tenant)
{
    public bool Nightly() => Text.Same(tenant.TenantId, "hooli"); // expect: INS102
}
// ---- file: Text.cs
public static class Text
{
    public static bool Same(string left, string right) => string.Equals(left, right, StringComparison.Ordinal);
}

// ==== case: switch-expression-batch-size
public static class Batching
{
    public static int Size(TenantContext tenant) => tenant.TenantId switch // expect: INS102
    {
        "acme" => 500,
        "globex" => 100,
        _ => 25,
    };
}

// ==== case: switch-statement-in-handler
[ScanEventHandler]
public sealed partial class Notify(ILogger<Notify> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        switch (tenant.TenantId) // expect: INS102
        {
            case "acme":
                log.LogInformation("Escalating {Scan}", scan.EventId);
                break;
            default:
                break;
        }

        return Task.CompletedTask;
    }
}

// ==== case: frozen-set-of-beta-tenants
using System.Collections.Frozen;

public sealed class Features(TenantContext tenant)
{
    private static readonly FrozenSet<string> Beta = new[] { "acme", "globex" }.ToFrozenSet();

    public bool NewDashboard => Beta.Contains(tenant.TenantId); // expect: INS102
}

// ==== case: dictionary-settings-by-tenant
public sealed class Limits(TenantContext tenant)
{
    private static readonly Dictionary<string, int> MaxDevices = new()
    {
        ["acme"] = 2000,
        ["initech"] = 50,
    };

    public int Max() => MaxDevices.TryGetValue(tenant.TenantId, out var max) ? max : 200; // expect: INS102
}

// ==== case: linq-any-over-literal-list
public static class Holidays
{
    private static readonly string[] Tenants = ["acme", "globex"];

    public static bool Skip(TenantContext tenant) => Tenants.Any(t => t == tenant.TenantId); // expect: INS102
}

// ==== case: primary-constructor-field-copy
public sealed class Pricing(TenantContext tenant)
{
    private readonly string _customer = tenant.TenantId;

    public decimal Surcharge() => _customer == "umbrella" ? 5m : 0m; // expect: INS102
}

// ==== case: record-built-from-tenant
public sealed record RequestScope(string Tenant, string RequestId);

[ScanEventHandler]
public sealed partial class Audit
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        var scope = new RequestScope(tenant.TenantId, scan.EventId);
        return scope.Tenant == "acme" ? Task.Delay(1, ct) : Task.CompletedTask; // expect: INS102
    }
}

// ==== case: lowercased-copy
public static class Casing
{
    public static bool Strict(TenantContext tenant)
    {
        var id = tenant.TenantId.ToLowerInvariant();
        return id.Equals("acme", StringComparison.Ordinal); // expect: INS102
    }
}

// ==== case: starts-with-prefix
public static class Trials
{
    public static bool IsTrial(TenantContext tenant) => tenant.TenantId.StartsWith("trial-", StringComparison.Ordinal); // expect: INS102
}

// ==== case: tenant-id-property-of-service
public sealed class CurrentTenant(TenantContext tenant)
{
    public string Id => tenant.TenantId;
}

public sealed class Retention(CurrentTenant current)
{
    public int Days() => current.Id == "globex" ? 30 : 365; // expect: INS102
}

// ==== case: method-returning-tenant-id
public sealed class Reports(TenantContext tenant)
{
    private string Who() => tenant.TenantId;

    public bool Weekly() => Who() != "initech"; // expect: INS102
}

// ==== case: not-equal-early-return
[ScanEventHandler]
public sealed partial class MirrorScans
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        if (tenant.TenantId != "acme") // expect: INS102
        {
            return Task.CompletedTask;
        }

        return Task.Delay(1, ct);
    }
}

// ==== case: invocation-tenant-id
public static class Invocations
{
    public static bool Special(InvocationContext invocation) => invocation.InvocationTenantId == "globex"; // expect: INS102
}

// ==== case: const-tenant-in-another-file
public sealed class Sampling(TenantContext tenant)
{
    public double Rate() => tenant.TenantId == KnownTenants.Acme ? 1.0 : 0.1; // expect: INS102
}
// ---- file: KnownTenants.cs
public static class KnownTenants
{
    public const string Acme = "acme";
}

// ==== case: ternary-chain-through-parameter
public static class Labels
{
    public static string For(string tenantId) => tenantId == "acme" ? "ACME Corp" : tenantId; // expect: INS102

    public static string Current(TenantContext tenant) => For(tenant.TenantId);
}

// ==== case: string-equals-static-ignore-case
[ScanEventHandler]
public sealed partial class Dedupe
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) =>
        string.Equals("Umbrella", tenant.TenantId, StringComparison.OrdinalIgnoreCase) ? Task.CompletedTask : Task.Delay(1, ct); // expect: INS102
}

// ==== case: field-set-in-constructor
public sealed class Thresholds
{
    private readonly string _tenantId;

    public Thresholds(TenantContext tenant) => _tenantId = tenant.TenantId;

    public int Battery() => _tenantId switch { "acme" => 10, _ => 20 }; // expect: INS102
}

// ==== case: frozen-dictionary-indexer
using System.Collections.Frozen;

public sealed class Shifts(TenantContext tenant)
{
    private static readonly FrozenDictionary<string, int> StartHour =
        new Dictionary<string, int> { ["acme"] = 6, ["globex"] = 7 }.ToFrozenDictionary();

    public int Start() => StartHour[tenant.TenantId]; // expect: INS102
}
