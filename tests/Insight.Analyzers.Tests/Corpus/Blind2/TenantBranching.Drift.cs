// Second blind corpus, INS102 drift: tenants singled out by literal id, from the rule page only — negated and property
// patterns, reversed string.Equals, constants in another class, local functions, generic helpers, tuples, records,
// constructor-stored copies, settings tables looked up several ways.

// ==== case: negated-pattern-early-return
[ScanEventHandler]
public sealed partial class PilotOnly
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        if (tenant.TenantId is not "acme") // expect: INS102
        {
            return Task.CompletedTask;
        }

        return Task.Delay(1, ct);
    }
}

// ==== case: property-pattern-on-tenant-context
public static class Retention
{
    public static int Days(TenantContext tenant) => tenant is { TenantId: "globex" } ? 365 : 30; // expect: INS102
}

// ==== case: reversed-static-equals
public sealed class Exporter(TenantContext tenant)
{
    public bool UsesCsv => string.Equals("initech", tenant.TenantId, StringComparison.Ordinal); // expect: INS102
}

// ==== case: instance-equals-ignore-case
public static class Labels
{
    public static string Title(TenantContext tenant) =>
        tenant.TenantId.Equals("Umbrella", StringComparison.OrdinalIgnoreCase) ? "Umbrella Corp." : "Insight"; // expect: INS102
}

// ==== case: ends-with-suffix
public static class Sandbox
{
    public static bool IsSandbox(TenantContext tenant) => tenant.TenantId.EndsWith("-sandbox", StringComparison.Ordinal); // expect: INS102
}

// ==== case: case-insensitive-hash-set-in-other-file
public sealed class Reports(TenantContext tenant)
{
    public bool Weekly() => KnownTenants.WeeklyReports.Contains(tenant.TenantId); // expect: INS102
}
// ---- file: KnownTenants.cs
public static class KnownTenants
{
    public static readonly HashSet<string> WeeklyReports = new(StringComparer.OrdinalIgnoreCase) { "acme", "hooli" };
}

// ==== case: dictionary-get-value-or-default
public static class Windows
{
    private static readonly Dictionary<string, TimeSpan> Maintenance = new()
    {
        { "acme", TimeSpan.FromHours(2) },
        { "globex", TimeSpan.FromHours(4) },
    };

    public static TimeSpan For(TenantContext tenant) => Maintenance.GetValueOrDefault(tenant.TenantId, TimeSpan.Zero); // expect: INS102
}

// ==== case: contains-key-guard
public sealed class Webhooks(TenantContext tenant)
{
    private static readonly IReadOnlyDictionary<string, string> Targets = new Dictionary<string, string>
    {
        ["initech"] = "https://hooks.initech.example/scan",
    };

    public string? Target() => Targets.ContainsKey(tenant.TenantId) ? "custom" : null; // expect: INS102
}

// ==== case: invocation-tenant-id-pattern
public static class Tracing
{
    public static bool Verbose() => InvocationContext.Current?.InvocationTenantId is "acme"; // expect: INS102
}

// ==== case: method-returning-tenant-id
public sealed class Quotas(TenantContext tenant)
{
    private string Who() => tenant.TenantId;

    public int Max() => Who() == "hooli" ? 10_000 : 1_000; // expect: INS102
}

// ==== case: expression-bodied-property-switch-statement
[ScanEventHandler]
public sealed partial class Route(TenantContext tenant, ILogger<Route> log)
{
    private string Customer => tenant.TenantId;

    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        switch (Customer) // expect: INS102
        {
            case "acme":
            case "globex":
                log.LogInformation("Priority lane for {Scan}", scan.EventId);
                break;
        }

        return Task.CompletedTask;
    }
}

// ==== case: local-function-capturing-tenant
[ScanEventHandler]
public sealed partial class Enrich
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        bool Is(string id) => tenant.TenantId == id;

        return Is("initech") ? Task.Delay(1, ct) : Task.CompletedTask; // expect: INS102
    }
}

// ==== case: generic-equality-helper
public static class Same
{
    public static bool As<T>(T value, T expected) => EqualityComparer<T>.Default.Equals(value, expected);
}

public sealed class Billing(TenantContext tenant)
{
    public decimal Discount() => Same.As(tenant.TenantId, "umbrella") ? 0.2m : 0m; // expect: INS102
}

// ==== case: ternary-inside-interpolation
public static class Keys
{
    public static string Partition(TenantContext tenant, string id) =>
        $"{(tenant.TenantId == "acme" ? "LEGACY" : "SCAN")}#{id}"; // expect: INS102
}

// ==== case: switch-case-with-when-clause
[ScanEventHandler]
public sealed partial class Dedupe(ILogger<Dedupe> log)
{
    public async Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        switch (tenant.TenantId) // expect: INS102
        {
            case "globex" when scan.Symbology == "EAN13":
                await Task.Delay(1, ct);
                break;
            default:
                log.LogDebug("No dedupe");
                break;
        }
    }
}

// ==== case: record-with-property-pattern
public sealed record Scope(string Tenant, string Station);

public static class Stations
{
    public static bool Legacy(TenantContext tenant, ScanEvent scan)
    {
        var scope = new Scope(tenant.TenantId, scan.StationName ?? "");
        return scope is { Tenant: "initech", Station.Length: > 0 }; // expect: INS102
    }
}

// ==== case: tuple-deconstruction-of-tenant
public static class Residency
{
    public static bool Pinned(TenantContext tenant)
    {
        var (id, _) = (tenant.TenantId, tenant.Region);
        return id == "acme"; // expect: INS102
    }
}

// ==== case: upper-invariant-switch-expression
public static class Fonts
{
    public static string For(TenantContext tenant) => tenant.TenantId.ToUpperInvariant() switch // expect: INS102
    {
        "ACME" => "Helvetica",
        _ => "Inter",
    };
}

// ==== case: classic-constructor-field-starts-with
public sealed class Trials
{
    private readonly string _tenantId;

    public Trials(TenantContext tenant) => _tenantId = tenant.TenantId;

    public bool IsTrial() => _tenantId.StartsWith("trial-", StringComparison.Ordinal); // expect: INS102
}

// ==== case: constant-in-other-class
public static class Exports
{
    public static bool Nightly(TenantContext tenant) => tenant.TenantId == Customers.Acme; // expect: INS102
}
// ---- file: Customers.cs
public static class Customers
{
    public const string Acme = "acme";
}

// ==== case: strategy-table-of-delegates
public sealed class Pricing(TenantContext tenant)
{
    private static readonly Dictionary<string, Func<decimal, decimal>> Rules = new()
    {
        ["acme"] = p => p * 0.9m,
        ["globex"] = p => p - 1m,
    };

    public decimal Apply(decimal price) => Rules.TryGetValue(tenant.TenantId, out var rule) ? rule(price) : price; // expect: INS102
}

// ==== case: tenant-id-given-to-constructor-of-own-class
public sealed class Router(string tenantId)
{
    public bool Special => tenantId == "hooli"; // expect: INS102
}

[ScanEventHandler]
public sealed partial class Dispatch
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) =>
        new Router(tenant.TenantId).Special ? Task.Delay(1, ct) : Task.CompletedTask;
}

// ==== case: records-list-with-linq-first-or-default
public sealed record Override(string TenantId, int BatchSize);

public static class Overrides
{
    private static readonly Override[] All = [new("acme", 500), new("initech", 50)];

    public static int BatchSize(TenantContext tenant) => All.FirstOrDefault(o => o.TenantId == tenant.TenantId)?.BatchSize ?? 25; // expect: INS102
}

// ==== case: contains-substring-literal
public static class Demo
{
    public static bool IsDemo(TenantContext tenant) => tenant.TenantId.Contains("demo", StringComparison.OrdinalIgnoreCase); // expect: INS102
}
