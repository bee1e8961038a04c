// Blind corpus, INS103 near-misses: payload tenants that are logged or checked against the deployment, payload fields
// that are not the tenant, and code outside handlers. Written from the rule page only; each case must stay silent.

// ==== case: mismatch-rejected
public sealed record OrderPlaced(string TenantId, string OrderId);

[EventHandler]
public sealed partial class AcceptOrder
{
    public Task HandleAsync(OrderPlaced order, TenantContext tenant, CancellationToken ct)
    {
        if (order.TenantId != tenant.TenantId)
        {
            throw new InvalidOperationException("Event for another tenant.");
        }

        return Task.CompletedTask;
    }
}

// ==== case: mismatch-rejected-reversed-equals
public sealed record Heartbeat(string Tenant, string Device);

[EventHandler]
public sealed partial class Beat
{
    public Task HandleAsync(Heartbeat beat, TenantContext tenant, CancellationToken ct) =>
        string.Equals(tenant.TenantId, beat.Tenant, StringComparison.Ordinal) ? Task.CompletedTask : Task.FromException(new InvalidOperationException("foreign"));
}

// ==== case: logged-with-ilogger
public sealed record Sync(string TenantId, int Count);

[EventHandler]
public sealed partial class LogSync(ILogger<LogSync> log)
{
    public Task HandleAsync(Sync sync, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Sync from {Sender} for {Count} items", sync.TenantId, sync.Count);
        return Task.CompletedTask;
    }
}

// ==== case: logged-through-extension-taking-logger
public sealed record Ping(string TenantId);

public static class PingLog
{
    public static void Received(this ILogger log, string sender) => log.LogDebug("Ping from {Sender}", sender);
}

[EventHandler]
public sealed partial class Pong(ILogger<Pong> log)
{
    public Task HandleAsync(Ping ping, CancellationToken ct)
    {
        log.Received(ping.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: nameof-in-validation
public sealed record Claim(string TenantId, string Device);

[EventHandler]
public sealed partial class ValidateClaim
{
    public Task HandleAsync(Claim claim, CancellationToken ct) =>
        string.IsNullOrEmpty(claim.Device) ? Task.FromException(new ArgumentException("missing", nameof(claim.TenantId))) : Task.CompletedTask;
}

// ==== case: device-serial-model-prefix
public interface IModels
{
    Task<string> DescribeAsync(string model, CancellationToken ct);
}

[ScanEventHandler]
public sealed partial class Describe(IModels models)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        var modelPrefix = scan.DeviceSerial[..4];
        return models.DescribeAsync(modelPrefix, ct);
    }
}

// ==== case: gateway-site-split
public interface ISites
{
    Task TouchAsync(string site, CancellationToken ct);
}

[ScanEventHandler]
public sealed partial class TouchSite(ISites sites)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => sites.TouchAsync(site: (scan.GatewaySerial ?? "").Split('-')[0], ct);
}

// ==== case: deployment-tenant-in-key
public interface IStore
{
    Task PutAsync(string key, CancellationToken ct);
}

[ScanEventHandler]
public sealed partial class Put(IStore store)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) => store.PutAsync($"{tenant.TenantId}#{scan.EventId}", ct);
}

// ==== case: helper-outside-handler-never-called
public sealed record Transfer(string TenantId, string Pallet);

public static class TransferText
{
    public static string Describe(Transfer transfer) => $"{transfer.Pallet} for {transfer.TenantId}";
}

// ==== case: non-tenant-header
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /ping")]
public sealed partial class Echo
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken ct) =>
        Task.FromResult(new HttpApiResponse { Body = request.Headers?.GetValueOrDefault("x-request-id") ?? "" });
}

// ==== case: tenant-header-compared-with-deployment
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /status")]
public sealed partial class Status
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant, CancellationToken ct) =>
        Task.FromResult(request.Headers?.GetValueOrDefault("x-tenant-id") is { } asked && asked != tenant.TenantId
            ? new HttpApiResponse { StatusCode = 403 }
            : new HttpApiResponse { StatusCode = 200 });
}

// ==== case: jwt-claim-checked-by-authorizer
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /me")]
public sealed partial class Me(ILogger<Me> log)
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant, CancellationToken ct)
    {
        var subject = request.RequestContext?.Authorizer?.Jwt?.Claims?.GetValueOrDefault("sub") ?? "";
        return Task.FromResult(new HttpApiResponse { Body = subject });
    }
}

// ==== case: tenant-name-display-field
public sealed record Welcome(string TenantDisplayName, string Email);

public interface IMail
{
    Task SendAsync(string to, string subject, CancellationToken ct);
}

[EventHandler]
public sealed partial class SendWelcome(IMail mail)
{
    public Task HandleAsync(Welcome welcome, CancellationToken ct) => mail.SendAsync(welcome.Email, $"Welcome to {welcome.TenantDisplayName}", ct);
}

// ==== case: station-and-gateway-fields
public interface IStations
{
    Task MarkAsync(string station, string gateway, CancellationToken ct);
}

[ScanEventHandler]
public sealed partial class MarkStation(IStations stations)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => stations.MarkAsync(scan.StationName ?? "", scan.GatewayId ?? "", ct);
}

// ==== case: logged-via-interpolated-log
public sealed record Import(string TenantId, int Rows);

[EventHandler]
public sealed partial class LogImport(ILogger<LogImport> log)
{
    public Task HandleAsync(Import import, CancellationToken ct)
    {
        log.LogWarning("Import of {Rows} rows names tenant {Sender}; the deployment's tenant is used", import.Rows, import.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: payload-tenant-outside-handler-class
public sealed record Batch(string TenantId, int Size);

public sealed class BatchPlanner
{
    public string Key(Batch batch) => $"{batch.TenantId}:{batch.Size}";
}

// ==== case: scan-code-used-in-key
public interface IScans
{
    Task PutAsync(string pk, string sk, CancellationToken ct);
}

[ScanEventHandler]
public sealed partial class PutScan(IScans scans)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) => scans.PutAsync(scan.DeviceSerial, $"{scan.TimeCreated}#{scan.ScanCode}", ct);
}

// ==== case: payload-tenant-equals-deployment-guard-clause
public sealed record Move(string SourceTenantId, string Pallet);

public interface IMoves
{
    Task MoveAsync(string pallet, CancellationToken ct);
}

[EventHandler]
public sealed partial class MovePallet(IMoves moves)
{
    public Task HandleAsync(Move move, TenantContext tenant, CancellationToken ct)
    {
        if (move.SourceTenantId == tenant.TenantId)
        {
            return moves.MoveAsync(move.Pallet, ct);
        }

        return Task.CompletedTask;
    }
}

// ==== case: tenant-field-as-json-name-of-non-tenant
public sealed record Label([property: JsonPropertyName("labelId")] string Id, string Printer);

public interface IPrinters
{
    Task PrintAsync(string printer, string label, CancellationToken ct);
}

[EventHandler]
public sealed partial class Print(IPrinters printers)
{
    public Task HandleAsync(Label label, CancellationToken ct) => printers.PrintAsync(label.Printer, label.Id, ct);
}

// ==== case: tenancy-mode-enum-field
public enum TenancyMode { Dedicated, Shared }

public sealed record Provisioned(TenancyMode Tenancy, string Service);

public interface IProvisioner
{
    Task ApplyAsync(string service, bool dedicated, CancellationToken ct);
}

[EventHandler]
public sealed partial class Provision(IProvisioner provisioner)
{
    public Task HandleAsync(Provisioned provisioned, CancellationToken ct) =>
        provisioner.ApplyAsync(provisioned.Service, provisioned.Tenancy == TenancyMode.Dedicated, ct);
}
