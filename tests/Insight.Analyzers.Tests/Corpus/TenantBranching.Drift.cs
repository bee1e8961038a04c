// INS102 drift: behaviour that singles out a tenant by a literal id, however the tenant id travels to the check.

// ==== case: equality
public static class Rules
{
    public static bool Strict(TenantContext tenant) => tenant.TenantId == "acme"; // expect: INS102
}

// ==== case: inequality-literal-first
public static class Exports
{
    public static bool Allowed(TenantContext tenant) => "globex" != tenant.TenantId; // expect: INS102
}

// ==== case: static-string-equals
public static class Legacy
{
    public static bool Is(TenantContext tenant) => string.Equals(tenant.TenantId, "initech", StringComparison.OrdinalIgnoreCase); // expect: INS102
}

// ==== case: instance-equals
[ScanEventHandler]
public sealed partial class Enrich
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant)
    {
        if (tenant.TenantId.Equals("acme")) // expect: INS102
        {
            return Task.Delay(10);
        }

        return Task.CompletedTask;
    }
}

// ==== case: switch-statement
public static class Retries
{
    public static int For(TenantContext tenant)
    {
        switch (tenant.TenantId) // expect: INS102
        {
            case "acme":
                return 5;
            default:
                return 3;
        }
    }
}

// ==== case: switch-expression
public static class Batches
{
    public static int Size(TenantContext tenant) => tenant.TenantId switch // expect: INS102
    {
        "acme" => 500,
        "globex" => 250,
        _ => 100,
    };
}

// ==== case: is-pattern
public static class Beta
{
    public static bool On(TenantContext tenant) => tenant.TenantId is "acme" or "globex"; // expect: INS102
}

// ==== case: through-a-local
public static class Throttle
{
    public static int Limit(TenantContext tenant)
    {
        var id = tenant.TenantId;
        return id == "acme" ? 1000 : 100; // expect: INS102
    }
}

// ==== case: through-two-locals
public static class Routing
{
    public static string Queue(TenantContext tenant)
    {
        var current = tenant.TenantId;
        var key = current;
        if (key == "acme") // expect: INS102
        {
            return "priority";
        }

        return "standard";
    }
}

// ==== case: field-set-in-constructor
public sealed class Pricing
{
    private readonly string _tenantId;

    public Pricing(TenantContext tenant) => _tenantId = tenant.TenantId;

    public decimal Discount() => _tenantId == "acme" ? 0.2m : 0m; // expect: INS102
}

// ==== case: field-initialised-from-primary-constructor
public sealed class Plan(TenantContext tenant)
{
    private readonly string _customer = tenant.TenantId;

    public bool Unlimited => _customer == "acme"; // expect: INS102
}

// ==== case: expression-bodied-property
public sealed class Features(TenantContext tenant)
{
    private string Customer => tenant.TenantId;

    public bool BulkExport() => Customer == "globex"; // expect: INS102
}

// ==== case: static-helper-with-parameter
public static class Helpers
{
    public static bool IsAcme(string id) => id == "acme"; // expect: INS102
}

[ScanEventHandler]
public sealed partial class Route
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant) => Helpers.IsAcme(tenant.TenantId) ? Task.Delay(1) : Task.CompletedTask;
}

// ==== case: extension-taking-the-literal
public static class TenantExtensions
{
    public static bool Is(this TenantContext tenant, string id) => tenant.TenantId == id;
}

public static class Reports
{
    public static bool Monthly(TenantContext tenant) => tenant.Is("acme"); // expect: INS102
}

// ==== case: two-parameter-helper
public static class Text
{
    public static bool Same(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}

public static class Labels
{
    public static string For(TenantContext tenant) => Text.Same(tenant.TenantId, "initech") ? "TPS" : "Standard"; // expect: INS102
}

// ==== case: dictionary-indexer-lookup
public static class Limits
{
    private static readonly Dictionary<string, int> BatchSizes = new() { ["acme"] = 500, ["globex"] = 50 };

    public static int Batch(TenantContext tenant) => BatchSizes[tenant.TenantId]; // expect: INS102
}

// ==== case: try-get-value-through-local
public static class Labelling
{
    private static readonly Dictionary<string, string> Names = new() { { "acme", "ACME Corp" } };

    public static string Name(TenantContext tenant)
    {
        var id = tenant.TenantId;
        return Names.TryGetValue(id, out var name) ? name : id; // expect: INS102
    }
}

// ==== case: hash-set-contains
public static class Pilots
{
    private static readonly HashSet<string> BetaTenants = ["initech", "umbrella"];

    public static bool InBeta(TenantContext tenant) => BetaTenants.Contains(tenant.TenantId); // expect: INS102
}

// ==== case: indexer-through-local
public static class Colours
{
    private static readonly Dictionary<string, string> Themes = new() { ["acme"] = "red" };

    public static string Theme(TenantContext tenant)
    {
        var id = tenant.TenantId;
        return Themes[id]; // expect: INS102
    }
}

// ==== case: normalised-before-comparing
public static class Casing
{
    public static bool Acme(TenantContext tenant) => tenant.TenantId.ToLowerInvariant() == "acme"; // expect: INS102
}

// ==== case: invocation-tenant
public static class Isolation
{
    public static bool Acme(InvocationContext invocation) => invocation.InvocationTenantId == "acme"; // expect: INS102
}

// ==== case: method-returning-the-tenant
public sealed class Context(TenantContext tenant)
{
    private string Current() => tenant.TenantId;

    public bool Special() => Current() == "acme"; // expect: INS102
}

// ==== case: record-carrying-the-tenant
public sealed record Scope(string TenantId, string Station);

public static class Stations
{
    public static Scope Of(TenantContext tenant, string station) => new(tenant.TenantId, station);

    public static bool Priority(Scope scope) => scope.TenantId == "acme"; // expect: INS102
}

// ==== case: ternary-in-handler
[ScanEventHandler]
public sealed partial class Sample
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant)
    {
        var rate = tenant.TenantId == "acme" ? 1.0 : 0.1; // expect: INS102
        return Task.CompletedTask;
    }
}

// ==== case: inside-a-lambda
public static class Filters
{
    public static IEnumerable<string> Visible(TenantContext tenant, IEnumerable<string> stations) =>
        stations.Where(_ => tenant.TenantId != "globex"); // expect: INS102
}

// ==== case: instance-helper-with-parameter
public sealed class Gate(TenantContext tenant)
{
    public bool Open() => Check(tenant.TenantId);

    private static bool Check(string customer) => customer is "acme"; // expect: INS102
}
