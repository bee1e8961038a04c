// Second blind corpus, INS103 drift: the tenant taken from what the sender wrote, from the rule page only — EventBridge
// envelopes, SQS bodies and attributes, HTTP path parameters and claims, positional records, GroupBy, switch patterns,
// records copied with `with`, fields that keep it for later.

// ==== case: eventbridge-detail-tenant-in-key
public sealed record OrderPlaced(string OrderId, string TenantId, decimal Total);

[EventHandler]
public sealed partial class StoreOrder(IAmazonDynamoDB dynamo, Insight.Sdk.Data.DynamoTableNames names)
{
    public Task HandleAsync(EventBridgeEvent<OrderPlaced> evt, CancellationToken ct) =>
        dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = names.Resolve("Orders"),
            Item = new() { ["Pk"] = new AttributeValue { S = $"{evt.Detail.TenantId}#{evt.Detail.OrderId}" } }, // expect: INS103
        }, ct);
}

// ==== case: nested-customer-tenant-stored-in-row
public sealed record Customer(string Name, string Tenant);

public sealed record Signup(string Email, Customer Customer);

public sealed class AuditRow
{
    public string? Tenant { get; set; }

    public string? Email { get; set; }
}

[EventHandler]
public sealed partial class RecordSignup
{
    public Task HandleAsync(Signup signup, CancellationToken ct)
    {
        var row = new AuditRow { Tenant = signup.Customer.Tenant, Email = signup.Email }; // expect: INS103
        return Task.FromResult(row);
    }
}

// ==== case: switch-expression-on-payload-tenant
public sealed record Reading(string TenantId, double Value);

[EventHandler]
public sealed partial class Scale
{
    public Task<double> HandleAsync(Reading reading, CancellationToken ct) =>
        Task.FromResult(reading.TenantId switch // expect: INS103
        {
            "acme" => reading.Value * 2,
            _ => reading.Value,
        });
}

// ==== case: payload-tenant-passed-to-repository
public sealed record Return(string Rma, string TenantId);

public interface IReturnStore
{
    Task SaveAsync(string tenantId, string rma, CancellationToken ct);
}

[EventHandler]
public sealed partial class AcceptReturn(IReturnStore store)
{
    public async Task HandleAsync(Return ret, CancellationToken ct)
    {
        await store.SaveAsync(ret.TenantId, ret.Rma, ct); // expect: INS103
    }
}

// ==== case: json-property-name-tenant-on-org
public sealed record Enrollment
{
    [JsonPropertyName("tenant")]
    public required string Org { get; init; }

    public required string DeviceSerial { get; init; }
}

[EventHandler]
public sealed partial class Enroll
{
    private readonly Dictionary<string, string> _owners = new();

    public Task HandleAsync(Enrollment enrollment, CancellationToken ct)
    {
        _owners[enrollment.DeviceSerial] = enrollment.Org; // expect: INS103
        return Task.CompletedTask;
    }
}

// ==== case: extension-returning-detail-tenant
public sealed record ShipmentBooked(string ShipmentId, string SourceTenantId);

public static class ShipmentEvents
{
    public static string Owner(this EventBridgeEvent<ShipmentBooked> evt) => evt.Detail.SourceTenantId;
}

public interface ILabels
{
    Task PrintAsync(string tenant, string shipment, CancellationToken ct);
}

[EventHandler]
public sealed partial class PrintLabel(ILabels labels)
{
    public Task HandleAsync(EventBridgeEvent<ShipmentBooked> evt, CancellationToken ct) =>
        labels.PrintAsync(evt.Owner(), evt.Detail.ShipmentId, ct); // expect: INS103
}

// ==== case: group-by-line-tenant
public sealed record Line(string Sku, string TenantId, int Quantity);

public sealed record Batch(IReadOnlyList<Line> Lines);

public interface IForwarder
{
    Task ForwardAsync(string tenant, IEnumerable<Line> lines, CancellationToken ct);
}

[EventHandler]
public sealed partial class Split(IForwarder forwarder)
{
    public async Task HandleAsync(Batch batch, CancellationToken ct)
    {
        foreach (var group in batch.Lines.GroupBy(l => l.TenantId)) // expect: INS103
        {
            await forwarder.ForwardAsync(group.Key, group, ct);
        }
    }
}

// ==== case: switch-statement-property-pattern-capture
public sealed record Invoice(string Number, string? TenantId);

public interface IBilling
{
    Task ChargeAsync(string tenant, string invoice, CancellationToken ct);
}

[EventHandler]
public sealed partial class Charge(IBilling billing)
{
    public Task HandleAsync(Invoice invoice, CancellationToken ct)
    {
        switch (invoice)
        {
            case { TenantId: { Length: > 0 } owner }: // expect: INS103
                return billing.ChargeAsync(owner, invoice.Number, ct);
            default:
                return Task.CompletedTask;
        }
    }
}

// ==== case: http-path-parameter-tenant
public interface IDeviceStore
{
    Task<string> ListAsync(string tenant, CancellationToken ct);
}

[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /tenants/{tenantId}/devices")]
public sealed partial class ListDevices(IDeviceStore store)
{
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken ct)
    {
        var tenantId = request.PathParameters?["tenantId"] ?? ""; // expect: INS103
        return new HttpApiResponse { Body = await store.ListAsync(tenantId, ct) };
    }
}

// ==== case: http-header-try-get-value-x-tenant
[EventHandler(Trigger = Trigger.HttpApi, Route = "POST /exports")]
public sealed partial class StartExport
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken ct)
    {
        var key = request.Headers is not null && request.Headers.TryGetValue("X-Tenant", out var who) ? $"exports/{who}/" : "exports/"; // expect: INS103
        return Task.FromResult(new HttpApiResponse { Body = key });
    }
}

// ==== case: query-string-tenant-in-ternary
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /report")]
public sealed partial class Report
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant, CancellationToken ct)
    {
        var scope = request.QueryStringParameters is { } q && q.ContainsKey("tenant") ? q["tenant"] : "all"; // expect: INS103
        return Task.FromResult(new HttpApiResponse { Body = $"report:{scope}" });
    }
}

// ==== case: sqs-message-attribute-tenant
public interface IInbox
{
    Task PutAsync(string tenant, string body, CancellationToken ct);
}

[EventHandler(Trigger = Trigger.SqsBatch)]
public sealed partial class Drain(IInbox inbox)
{
    public async Task HandleAsync(SqsEvent batch, CancellationToken ct)
    {
        foreach (var message in batch.Records)
        {
            await inbox.PutAsync(message.Attributes?["tenant_id"] ?? "", message.Body ?? "", ct); // expect: INS103
        }
    }
}

// ==== case: station-name-prefix-named-tenant
[ScanEventHandler]
public sealed partial class Bucket(ILogger<Bucket> log)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var tenantCode = scan.StationName?.Split('/')[0] ?? "unknown"; // expect: INS103
        var prefix = $"scans/{tenantCode}/{scan.EventId}";
        log.LogDebug("Writing {Prefix}", prefix);
        return Task.CompletedTask;
    }
}

// ==== case: named-argument-tenant-from-gateway
public interface ISettingsStore
{
    Task<int> BatchSizeAsync(string tenant, CancellationToken ct);
}

[ScanEventHandler]
public sealed partial class Tune(ISettingsStore settings)
{
    public Task<int> HandleAsync(ScanEvent scan, CancellationToken ct) =>
        settings.BatchSizeAsync(tenant: scan.GatewayId ?? "", ct); // expect: INS103
}

// ==== case: payload-tenant-compared-with-literal
public sealed record Alarm(string TenantId, int Severity);

[EventHandler]
public sealed partial class Page
{
    public Task HandleAsync(Alarm alarm, TenantContext tenant, CancellationToken ct) =>
        alarm.TenantId == "acme" && alarm.Severity > 3 ? Task.Delay(1, ct) : Task.CompletedTask; // expect: INS103
}

// ==== case: payload-tenant-kept-in-field
public sealed record Heartbeat(string TenantId, long At);

[EventHandler]
public sealed partial class Watch
{
    private string? _lastTenant;

    public Task HandleAsync(Heartbeat beat, CancellationToken ct)
    {
        _lastTenant = beat.TenantId; // expect: INS103
        return Task.CompletedTask;
    }

    public string? Last => _lastTenant;
}

// ==== case: string-concat-key-from-payload-tenant
public sealed record Upload(string FileName, string Tenant_Id);

[EventHandler]
public sealed partial class IndexUpload
{
    public Task<string> HandleAsync(Upload upload, CancellationToken ct) =>
        Task.FromResult(string.Concat(upload.Tenant_Id, "/", upload.FileName)); // expect: INS103
}

// ==== case: record-with-expression-copies-payload-tenant
public sealed record Event(string Kind, string TenantId);

public sealed record Envelope(string Tenant, string Kind);

[EventHandler]
public sealed partial class Wrap
{
    private static readonly Envelope Template = new("", "");

    public Task<Envelope> HandleAsync(Event evt, CancellationToken ct) =>
        Task.FromResult(Template with { Tenant = evt.TenantId, Kind = evt.Kind }); // expect: INS103
}

// ==== case: metric-attributes-tenant-key
[MetricHandler]
public sealed partial class Aggregate(IAmazonDynamoDB dynamo, Insight.Sdk.Data.DynamoTableNames names)
{
    public Task HandleAsync(MetricSample sample, CancellationToken ct) =>
        dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = names.Resolve("Aggregates"),
            Key = new() { ["Pk"] = new AttributeValue { S = sample.Attributes?.GetValueOrDefault("tenant") ?? "" } }, // expect: INS103
        }, ct);
}

// ==== case: deserialized-sqs-body-tenant
using System.Text.Json;

public sealed record Command(string TenantId, string Action);

public interface ICommands
{
    Task RunAsync(string tenant, string action, CancellationToken ct);
}

[EventHandler(Trigger = Trigger.SqsBatch)]
public sealed partial class Execute(ICommands commands)
{
    public async Task HandleAsync(SqsEvent batch, CancellationToken ct)
    {
        foreach (var message in batch.Records)
        {
            var command = JsonSerializer.Deserialize<Command>(message.Body ?? "{}")!;
            await commands.RunAsync(command.TenantId, command.Action, ct); // expect: INS103
        }
    }
}
