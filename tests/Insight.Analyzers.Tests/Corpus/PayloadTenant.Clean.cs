// INS103 near-misses: payload fields that are not the tenant, the payload's tenant only logged or checked against the
// deployment's, the deployment's own tenant, and tenant reads outside handlers. None may be reported.

// ==== case: deployment-tenant
public sealed record OrderEvent(string OrderId, string TenantId);
public sealed class Store { public Task PutAsync(string tenant, string key) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Index(Store store)
{
    public Task HandleAsync(OrderEvent order, TenantContext tenant) => store.PutAsync(tenant.TenantId, order.OrderId);
}

// ==== case: payload-tenant-logged
public sealed record OrderEvent(string OrderId, string TenantId);

[EventHandler]
public sealed partial class Index(ILogger<Index> log)
{
    public Task HandleAsync(OrderEvent order)
    {
        log.LogInformation("Order {Order} claims tenant {Tenant}", order.OrderId, order.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: payload-tenant-checked-against-deployment
public sealed record OrderEvent(string OrderId, string TenantId);

[EventHandler]
public sealed partial class Index
{
    public Task HandleAsync(OrderEvent order, TenantContext tenant)
    {
        if (order.TenantId != tenant.TenantId || !string.Equals(order.TenantId, tenant.TenantId, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException(nameof(order.TenantId));
        }

        return Task.CompletedTask;
    }
}

// ==== case: device-serial-used-as-device
public sealed class Devices { public Task TouchAsync(string serial) => Task.CompletedTask; }

[ScanEventHandler]
public sealed partial class Touch(Devices devices)
{
    public Task HandleAsync(ScanEvent scan) => devices.TouchAsync(scan.DeviceSerial);
}

// ==== case: serial-prefix-is-a-model
public sealed class Models { public Task CountAsync(string model) => Task.CompletedTask; }

[ScanEventHandler]
public sealed partial class CountModels(Models models)
{
    public Task HandleAsync(ScanEvent scan)
    {
        var modelPrefix = scan.DeviceSerial.Substring(0, 4);
        return models.CountAsync(modelPrefix);
    }
}

// ==== case: json-name-that-is-not-the-tenant
public sealed record DeviceEvent([property: JsonPropertyName("tenantName")] string DisplayName, string Serial);
public sealed class Devices { public Task TouchAsync(string name, string serial) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Touch(Devices devices)
{
    public Task HandleAsync(DeviceEvent device) => devices.TouchAsync(device.DisplayName, device.Serial);
}

// ==== case: tenant-read-outside-handlers
public sealed record OrderEvent(string OrderId, string TenantId);

public static class Audit
{
    public static string Describe(OrderEvent order) => $"{order.TenantId}/{order.OrderId}";
}

// ==== case: station-header
public sealed class Stations { public Task<int> CountAsync(string station) => Task.FromResult(0); }

[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /stations")]
public sealed partial class ListStations(Stations stations)
{
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant)
    {
        await stations.CountAsync(request.Headers?["x-station"] ?? "");
        return new HttpApiResponse { StatusCode = 200 };
    }
}

// ==== case: tenant-header-compared-with-deployment
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /orders")]
public sealed partial class CheckTenant
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant) =>
        Task.FromResult(new HttpApiResponse { StatusCode = request.Headers?["x-tenant-id"] == tenant.TenantId ? 200 : 403 });
}

// ==== case: payload-written-not-read
public sealed class OrderEvent { public string? TenantId { get; set; } public string OrderId { get; set; } = ""; }

[EventHandler]
public sealed partial class Stamp
{
    public Task HandleAsync(OrderEvent order, TenantContext tenant)
    {
        order.TenantId = tenant.TenantId;
        return Task.CompletedTask;
    }
}

// ==== case: nameof-payload-tenant
public sealed record OrderEvent(string OrderId, string TenantId);

[EventHandler]
public sealed partial class Validate
{
    public Task HandleAsync(OrderEvent order) =>
        string.IsNullOrEmpty(order.OrderId) ? throw new ArgumentException("missing", nameof(order.TenantId)) : Task.CompletedTask;
}

// ==== case: logging-helper-method
public sealed record OrderEvent(string OrderId, string TenantId);

[EventHandler]
public sealed partial class Trace(ILogger<Trace> log)
{
    public Task HandleAsync(OrderEvent order)
    {
        Claimed(log, order.TenantId);
        return Task.CompletedTask;
    }

    private static void Claimed(ILogger logger, string tenant) => logger.LogDebug("claimed {Tenant}", tenant);
}

// ==== case: gateway-id-as-gateway
public sealed class Gateways { public Task PingAsync(string gateway) => Task.CompletedTask; }

[ScanEventHandler]
public sealed partial class Ping(Gateways gateways)
{
    public Task HandleAsync(ScanEvent scan) => gateways.PingAsync(scan.GatewayId ?? "unknown");
}

// ==== case: tenant-local-from-deployment
public sealed class Settings { public Task<string> LoadAsync(string tenantId) => Task.FromResult(""); }

[ScanEventHandler]
public sealed partial class Configure(Settings settings)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant)
    {
        var tenantId = tenant.TenantId;
        return settings.LoadAsync(tenantId);
    }
}

// ==== case: tenant-parameter-given-a-constant
public sealed class Settings { public Task<string> LoadAsync(string tenantId) => Task.FromResult(""); }

[ScanEventHandler]
public sealed partial class Defaults(Settings settings)
{
    public Task HandleAsync(ScanEvent scan) => settings.LoadAsync(tenantId: "shared");
}

// ==== case: payload-code-to-code-parameter
public sealed class Codes { public Task LookupAsync(string code) => Task.CompletedTask; }

[ScanEventHandler]
public sealed partial class Lookup(Codes codes)
{
    public Task HandleAsync(ScanEvent scan) => codes.LookupAsync(scan.ScanCode.Substring(0, 3));
}

// ==== case: metrics-handler-dimension
public sealed class Meter { public void Add(string metric, string worker, double value) { } }

[MetricHandler]
public sealed partial class Record(Meter meter)
{
    public Task HandleAsync(MetricSample sample)
    {
        meter.Add(sample.MetricName, sample.WorkerId ?? sample.DeviceSerial, sample.Value);
        return Task.CompletedTask;
    }
}

// ==== case: query-parameter-not-tenant
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /scans")]
public sealed partial class Page
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request) =>
        Task.FromResult(new HttpApiResponse { StatusCode = 200, Body = request.QueryStringParameters?.GetValueOrDefault("page") });
}

// ==== case: test-project-reads-payload-tenant
// project: test
public sealed record OrderEvent(string OrderId, string TenantId);
public sealed class Store { public Task PutAsync(string tenant, string key) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Index(Store store)
{
    public Task HandleAsync(OrderEvent order) => store.PutAsync(order.TenantId, order.OrderId);
}

// ==== case: helper-reads-deployment-tenant
public sealed record OrderEvent(string OrderId, string TenantId);

public static class Keys
{
    public static string For(TenantContext tenant, OrderEvent order) => $"{tenant.TenantId}#{order.OrderId}";
}

public sealed class Store { public Task PutAsync(string key) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Index(Store store)
{
    public Task HandleAsync(OrderEvent order, TenantContext tenant) => store.PutAsync(Keys.For(tenant, order));
}

// ==== case: tenant-claim-compared-through-local
public sealed record OrderEvent(string OrderId, string TenantId);

[EventHandler]
public sealed partial class Check
{
    public Task HandleAsync(OrderEvent order, TenantContext tenant)
    {
        var deployment = tenant.TenantId;
        return order.TenantId == deployment ? Task.CompletedTask : throw new UnauthorizedAccessException();
    }
}
