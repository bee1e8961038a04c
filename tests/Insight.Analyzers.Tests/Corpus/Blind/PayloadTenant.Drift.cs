// Blind corpus, INS103 drift: the tenant taken from what the sender wrote — under other C# names, nested, in headers
// and query strings, derived from serials, through helpers in other files. Written from the rule page only.

// ==== case: json-name-on-positional-record
public sealed record DeviceRegistered(string Serial, [property: JsonPropertyName("tenantId")] string Customer);

public interface IDeviceStore
{
    Task SaveAsync(string owner, string serial, CancellationToken ct);
}

[EventHandler]
public sealed partial class RegisterDevice(IDeviceStore store)
{
    public Task HandleAsync(DeviceRegistered device, TenantContext tenant, CancellationToken ct) =>
        store.SaveAsync(device.Customer, device.Serial, ct); // expect: INS103
}

// ==== case: json-name-snake-case-in-key
public sealed class ShiftClosed
{
    [JsonPropertyName("tenant_id")]
    public string Owner { get; init; } = "";

    public string ShiftId { get; init; } = "";
}

[EventHandler]
public sealed partial class CloseShift(ILogger<CloseShift> log)
{
    public Task HandleAsync(ShiftClosed shift, CancellationToken ct)
    {
        var key = $"{shift.Owner}#{shift.ShiftId}"; // expect: INS103
        log.LogInformation("Closing {Key}", key);
        return Task.CompletedTask;
    }
}

// ==== case: nested-buyer-tenant
public sealed record Buyer(string TenantId, string Name);
public sealed record OrderPlaced(string OrderId, Buyer Buyer);

public interface IOrders
{
    Task StoreAsync(string tenantId, string orderId, CancellationToken ct);
}

[EventHandler]
public sealed partial class StoreOrder(IOrders orders)
{
    public Task HandleAsync(OrderPlaced order, CancellationToken ct) => orders.StoreAsync(order.Buyer.TenantId, order.OrderId, ct); // expect: INS103
}

// ==== case: header-indexer
[EventHandler(Trigger = Trigger.HttpApi, Route = "POST /exports")]
public sealed partial class StartExport
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken ct)
    {
        var bucketPrefix = $"exports/{request.Headers!["x-tenant-id"]}/"; // expect: INS103
        return Task.FromResult(new HttpApiResponse { Body = bucketPrefix });
    }
}

// ==== case: query-get-value-or-default
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /devices")]
public sealed partial class ListDevices(IDeviceQuery query)
{
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken ct)
    {
        var devices = await query.ListAsync(request.QueryStringParameters?.GetValueOrDefault("tenant") ?? "", ct); // expect: INS103
        return new HttpApiResponse { Body = string.Join(",", devices) };
    }
}

public interface IDeviceQuery
{
    Task<IReadOnlyList<string>> ListAsync(string tenantId, CancellationToken ct);
}

// ==== case: path-parameter
[EventHandler(Trigger = Trigger.HttpApi, Route = "DELETE /tenants/{tenantId}/devices/{serial}")]
public sealed partial class RemoveDevice(IDeviceStore store)
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken ct)
    {
        var owner = request.PathParameters!["tenantId"]; // expect: INS103
        return store.RemoveAsync(owner, request.PathParameters["serial"], ct).ContinueWith(_ => new HttpApiResponse { StatusCode = 204 }, ct);
    }
}

public interface IDeviceStore
{
    Task RemoveAsync(string tenantId, string serial, CancellationToken ct);
}

// ==== case: try-get-value-header
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /report")]
public sealed partial class Report
{
    private string _requestedFor = "";

    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken ct)
    {
        if (request.Headers != null && request.Headers.TryGetValue("tenant_id", out var requested)) // expect: INS103
        {
            _requestedFor = requested;
        }

        return Task.FromResult(new HttpApiResponse { Body = _requestedFor });
    }
}

// ==== case: derived-from-device-serial
public interface ISettings
{
    Task<string> LoadAsync(string tenantId, CancellationToken ct);
}

[ScanEventHandler]
public sealed partial class ApplySettings(ISettings settings)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        var tenantId = scan.DeviceSerial[..4]; // expect: INS103
        return settings.LoadAsync(tenantId, ct);
    }
}

// ==== case: named-argument-from-gateway-serial
public interface IQuota
{
    Task CountAsync(string tenantId, int scans, CancellationToken ct);
}

[ScanEventHandler]
public sealed partial class CountScans(IQuota quota)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) =>
        quota.CountAsync(tenantId: (scan.GatewaySerial ?? "").Split('-')[0], scans: 1, ct); // expect: INS103
}

// ==== case: extension-method-in-another-file
public sealed record InvoiceRequested(string TenantId, string InvoiceId);

public interface IInvoices
{
    Task CreateAsync(string tenantId, string invoiceId, CancellationToken ct);
}

[EventHandler]
public sealed partial class CreateInvoice(IInvoices invoices)
{
    public Task HandleAsync(InvoiceRequested request, CancellationToken ct) => invoices.CreateAsync(request.Owner(), request.InvoiceId, ct); // expect: INS103
}
// ---- file: InvoiceExtensions.cs
public static class InvoiceExtensions
{
    public static string Owner(this InvoiceRequested request) => request.TenantId;
}

// ==== case: static-resolver-class
public sealed record PalletMoved(string Tenant, string PalletId);

public static class Resolve
{
    public static string TenantOf(PalletMoved moved) => moved.Tenant;
}

public interface IPallets
{
    Task MoveAsync(string tenantId, string palletId, CancellationToken ct);
}

[EventHandler]
public sealed partial class MovePallet(IPallets pallets)
{
    public Task HandleAsync(PalletMoved moved, CancellationToken ct) => pallets.MoveAsync(Resolve.TenantOf(moved), moved.PalletId, ct); // expect: INS103
}

// ==== case: stored-in-field
public sealed record Heartbeat(string TenantId, string Device);

[EventHandler]
public sealed partial class TrackHeartbeat
{
    private static string? _lastTenant;

    public Task HandleAsync(Heartbeat beat, CancellationToken ct)
    {
        _lastTenant = beat.TenantId; // expect: INS103
        return Task.CompletedTask;
    }
}

// ==== case: compared-with-literal
public sealed record LabelPrinted(string TenantId, string Label);

[EventHandler]
public sealed partial class PrintLabel
{
    public Task HandleAsync(LabelPrinted printed, CancellationToken ct) =>
        printed.TenantId == "acme" ? Task.Delay(10, ct) : Task.CompletedTask; // expect: INS103
}

// ==== case: source-tenant-in-attribute-value
public sealed record TransferRequested(string SourceTenantId, string Pallet);

[EventHandler]
public sealed partial class Transfer(IAmazonDynamoDB dynamo, Insight.Sdk.Data.DynamoTableNames tables)
{
    public Task HandleAsync(TransferRequested transfer, CancellationToken ct) =>
        dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = tables.Resolve("Transfers"),
            Item = new()
            {
                ["Pk"] = new AttributeValue { S = transfer.SourceTenantId }, // expect: INS103
                ["Pallet"] = new AttributeValue { S = transfer.Pallet },
            },
        }, ct);
}

// ==== case: switch-expression-on-payload-tenant
public sealed record ReportRequested(string Tenant, string Kind);

[EventHandler]
public sealed partial class Render
{
    public Task<string> HandleAsync(ReportRequested report, CancellationToken ct) =>
        Task.FromResult(report.Tenant switch { "acme" => "a4", _ => "letter" }); // expect: INS103
}

// ==== case: interpolated-resource-name
public sealed record ExportRequested(string TenantId, DateOnly Day);

public interface IExports
{
    Task WriteAsync(string path, CancellationToken ct);
}

[EventHandler]
public sealed partial class Export(IExports exports)
{
    public Task HandleAsync(ExportRequested export, CancellationToken ct) =>
        exports.WriteAsync($"exports-{export.TenantId}/{export.Day:yyyy-MM-dd}.csv", ct); // expect: INS103
}

// ==== case: through-local-then-argument
public sealed record AlarmRaised(string TenantId, string Alarm);

public interface IPager
{
    Task PageAsync(string tenantId, string alarm, CancellationToken ct);
}

[EventHandler]
public sealed partial class Page(IPager pager)
{
    public async Task HandleAsync(AlarmRaised alarm, CancellationToken ct)
    {
        var tenantId = alarm.TenantId; // expect: INS103
        await pager.PageAsync(tenantId, alarm.Alarm, ct);
    }
}

// ==== case: upper-case-json-field
public sealed class LegacyScan
{
    public string TENANT_ID { get; init; } = "";
    public string Code { get; init; } = "";
}

public interface ILegacy
{
    Task ImportAsync(string tenant, string code, CancellationToken ct);
}

[EventHandler(Trigger = Trigger.SqsBatch)]
public sealed partial class ImportLegacy(ILegacy legacy)
{
    public Task HandleAsync(LegacyScan scan, CancellationToken ct) => legacy.ImportAsync(scan.TENANT_ID, scan.Code, ct); // expect: INS103
}

// ==== case: linq-over-batch-items
public sealed record Line(string TenantId, string Sku);
public sealed record Shipment(string ShipmentId, IReadOnlyList<Line> Lines);

public interface IBilling
{
    Task ChargeAsync(IEnumerable<string> tenants, CancellationToken ct);
}

[EventHandler]
public sealed partial class Charge(IBilling billing)
{
    public Task HandleAsync(Shipment shipment, CancellationToken ct) =>
        billing.ChargeAsync(shipment.Lines.Select(l => l.TenantId).Distinct(), ct); // expect: INS103
}

// ==== case: property-pattern-capture
public sealed record Recall(string TenantId, string Batch);

public interface IRecalls
{
    Task OpenAsync(string tenantId, string batch, CancellationToken ct);
}

[EventHandler]
public sealed partial class OpenRecall(IRecalls recalls)
{
    public Task HandleAsync(Recall recall, CancellationToken ct) =>
        recall is { TenantId: var owner } ? recalls.OpenAsync(owner, recall.Batch, ct) : Task.CompletedTask; // expect: INS103
}

// ==== case: tenant-compared-with-other-payload-field
public sealed record Handover(string Tenant, string TargetTenant, string Device);

[EventHandler]
public sealed partial class HandoverDevice
{
    public Task HandleAsync(Handover handover, CancellationToken ct) =>
        handover.Tenant == handover.TargetTenant ? Task.CompletedTask : Task.Delay(1, ct); // expect: INS103
}
