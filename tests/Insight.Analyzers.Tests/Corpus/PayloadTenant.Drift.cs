// INS103 drift: a handler that takes the tenant from its event payload (under any name the JSON gives it, or derived
// from another payload field) to choose data or to authorize.

// ==== case: tenant-property-as-key
public sealed record OrderEvent(string OrderId, string TenantId);

public sealed class Orders { public Task SaveAsync(string tenantId, string orderId) => Task.CompletedTask; }

[EventHandler]
public sealed partial class SaveOrder(Orders orders)
{
    public Task HandleAsync(OrderEvent order) => orders.SaveAsync(order.TenantId, order.OrderId); // expect: INS103
}

// ==== case: nested-tenant-property
public sealed record Customer(string Name, string Tenant);
public sealed record OrderEvent(string OrderId, Customer Buyer);

public sealed class Orders { public Task SaveAsync(string tenantId, string orderId) => Task.CompletedTask; }

[EventHandler]
public sealed partial class SaveOrder(Orders orders)
{
    public Task HandleAsync(OrderEvent order) => orders.SaveAsync(order.Buyer.Tenant, order.OrderId); // expect: INS103
}

// ==== case: json-property-name-on-other-name
public sealed record DeviceEvent([property: JsonPropertyName("tenantId")] string Customer, string Serial);

public sealed class Devices { public Task TouchAsync(string customer, string serial) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Touch(Devices devices)
{
    public Task HandleAsync(DeviceEvent device) => devices.TouchAsync(device.Customer, device.Serial); // expect: INS103
}

// ==== case: json-property-name-snake-case
public sealed class ShiftEvent
{
    [JsonPropertyName("tenant_id")]
    public string Owner { get; init; } = "";

    public string Shift { get; init; } = "";
}

public sealed class Shifts { public Task OpenAsync(string owner, string shift) => Task.CompletedTask; }

[EventHandler]
public sealed partial class OpenShift(Shifts shifts)
{
    public Task HandleAsync(ShiftEvent shift) => shifts.OpenAsync(shift.Owner, shift.Shift); // expect: INS103
}

// ==== case: tenant-from-serial-prefix
public sealed class Settings { public Task<string> LoadAsync(string tenantId) => Task.FromResult(""); }

[ScanEventHandler]
public sealed partial class Configure(Settings settings)
{
    public async Task HandleAsync(ScanEvent scan)
    {
        var tenant = scan.DeviceSerial.Substring(0, 4); // expect: INS103
        await settings.LoadAsync(tenant);
    }
}

// ==== case: tenant-from-serial-split
public sealed class Settings { public Task<string> LoadAsync(string tenantId) => Task.FromResult(""); }

[ScanEventHandler]
public sealed partial class Configure(Settings settings)
{
    public Task HandleAsync(ScanEvent scan)
    {
        string tenantId = scan.DeviceSerial.Split('-')[0]; // expect: INS103
        return settings.LoadAsync(tenantId);
    }
}

// ==== case: tenant-from-gateway-range
public sealed class Settings { public Task<string> LoadAsync(string tenantId) => Task.FromResult(""); }

[ScanEventHandler]
public sealed partial class Configure(Settings settings)
{
    public Task HandleAsync(ScanEvent scan) => settings.LoadAsync(tenantId: scan.GatewaySerial![..6]); // expect: INS103
}

// ==== case: header-tenant
public sealed class Orders { public Task<int> CountAsync(string tenant) => Task.FromResult(0); }

[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /orders")]
public sealed partial class ListOrders(Orders orders)
{
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request)
    {
        var tenant = request.Headers?["x-tenant-id"]; // expect: INS103
        await orders.CountAsync(tenant ?? "");
        return new HttpApiResponse { StatusCode = 200 };
    }
}

// ==== case: query-string-tenant
public sealed class Orders { public Task<int> CountAsync(string tenant) => Task.FromResult(0); }

[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /orders")]
public sealed partial class ListOrders(Orders orders)
{
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request)
    {
        await orders.CountAsync(request.QueryStringParameters!.GetValueOrDefault("tenant_id") ?? ""); // expect: INS103
        return new HttpApiResponse { StatusCode = 200 };
    }
}

// ==== case: path-parameter-tenant
public sealed class Reports { public Task<string> BuildAsync(string tenant) => Task.FromResult(""); }

[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /tenants/{tenant}/report")]
public sealed partial class Report(Reports reports)
{
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request)
    {
        var body = await reports.BuildAsync(request.PathParameters!["tenant"]); // expect: INS103
        return new HttpApiResponse { StatusCode = 200, Body = body };
    }
}

// ==== case: authorization-by-payload
public sealed record OrderEvent(string OrderId, string TenantId);

[EventHandler]
public sealed partial class Approve
{
    public Task HandleAsync(OrderEvent order)
    {
        if (order.TenantId == "acme") // expect: INS103
        {
            return Task.CompletedTask;
        }

        throw new UnauthorizedAccessException();
    }
}

// ==== case: payload-tenant-in-key
public sealed record OrderEvent(string OrderId, string TenantId);

public sealed class Store { public Task PutAsync(string key) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Index(Store store)
{
    public Task HandleAsync(OrderEvent order) => store.PutAsync($"{order.TenantId}#{order.OrderId}"); // expect: INS103
}

// ==== case: payload-tenant-to-local-then-used
public sealed record OrderEvent(string OrderId, string TenantId);

public sealed class Store { public Task PutAsync(string tenant, string key) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Index(Store store)
{
    public Task HandleAsync(OrderEvent order, CancellationToken cancellationToken)
    {
        var owner = order.TenantId; // expect: INS103
        return store.PutAsync(owner, order.OrderId);
    }
}

// ==== case: invocation-context-overload
public sealed record OrderEvent(string OrderId, string TenantId);

public sealed class Store { public Task PutAsync(string tenant, string key) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Index(Store store)
{
    public Task HandleAsync(OrderEvent order, InvocationContext invocation) => store.PutAsync(order.TenantId, invocation.RequestId); // expect: INS103
}

// ==== case: payload-tenant-extension-method
public sealed record OrderEvent(string OrderId, string TenantId);

public static class OrderEventExtensions
{
    public static string Owner(this OrderEvent order) => order.TenantId;
}

public sealed class Store { public Task PutAsync(string tenant, string key) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Index(Store store)
{
    public Task HandleAsync(OrderEvent order) => store.PutAsync(order.Owner(), order.OrderId); // expect: INS103
}

// ==== case: payload-tenant-static-resolver
public sealed record OrderEvent(string OrderId, string TenantId);

public static class Resolve
{
    public static string Tenant(OrderEvent order) => order.TenantId;
}

public sealed class Store { public Task PutAsync(string tenant, string key) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Index(Store store)
{
    public Task HandleAsync(OrderEvent order) => store.PutAsync(Resolve.Tenant(order), order.OrderId); // expect: INS103
}

// ==== case: tenant-from-scan-code-prefix
public sealed class Labels { public Task PrintAsync(string tenantId, string code) => Task.CompletedTask; }

[ScanEventHandler]
public sealed partial class Print(Labels labels)
{
    public Task HandleAsync(ScanEvent scan) => labels.PrintAsync(scan.ScanCode.Substring(0, 3).ToUpperInvariant(), scan.ScanCode); // expect: INS103
}

// ==== case: try-get-value-on-headers
public sealed class Orders { public Task<int> CountAsync(string tenant) => Task.FromResult(0); }

[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /orders")]
public sealed partial class ListOrders(Orders orders)
{
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request)
    {
        if (request.Headers!.TryGetValue("X-Tenant", out var claimed)) // expect: INS103
        {
            await orders.CountAsync(claimed);
        }

        return new HttpApiResponse { StatusCode = 200 };
    }
}

// ==== case: tenant-property-assigned-into-record
public sealed record OrderEvent(string OrderId, string TenantId);
public sealed record OrderRow(string Tenant, string Order);

public sealed class Store { public Task PutAsync(OrderRow row) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Index(Store store)
{
    public Task HandleAsync(OrderEvent order) => store.PutAsync(new OrderRow(order.TenantId, order.OrderId)); // expect: INS103
}

// ==== case: tenant-field-of-payload
public sealed class LegacyEvent
{
    public string? tenant;
    public string? id;
}

public sealed class Store { public Task PutAsync(string tenant, string key) => Task.CompletedTask; }

[EventHandler]
public sealed partial class Legacy(Store store)
{
    public Task HandleAsync(LegacyEvent legacy) => store.PutAsync(legacy.tenant ?? "", legacy.id ?? ""); // expect: INS103
}

// ==== case: sqs-batch-handler
public sealed record Shipment(string Id, string TenantId);

public sealed class Store { public Task PutAsync(string tenant, string key) => Task.CompletedTask; }

[EventHandler(Trigger = Trigger.SqsBatch)]
public sealed partial class Ship(Store store)
{
    public Task HandleAsync(Shipment shipment, CancellationToken cancellationToken) => store.PutAsync(shipment.TenantId, shipment.Id); // expect: INS103
}
