// Second blind corpus, INS103 near-misses: the payload's tenant logged, checked against the deployment, null-checked
// or named; payload fields that only look like a tenant; tenant members of values that are not the event.

// ==== case: logging-helper-with-logger-first
public sealed record OrderPlaced(string OrderId, string TenantId);

public static class Diagnostics
{
    public static void Foreign(ILogger log, string tenant) => log.LogWarning("Event for tenant {Tenant}", tenant);
}

[EventHandler]
public sealed partial class Observe(ILogger<Observe> log)
{
    public Task HandleAsync(OrderPlaced order, CancellationToken ct)
    {
        Diagnostics.Foreign(log, order.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: string-equals-mismatch-throws
public sealed record Refund(string RefundId, string TenantId, decimal Amount);

[EventHandler]
public sealed partial class ApplyRefund
{
    public Task HandleAsync(Refund refund, TenantContext tenant, CancellationToken ct)
    {
        if (!string.Equals(refund.TenantId, tenant.TenantId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Refund for another tenant");
        }

        return Task.CompletedTask;
    }
}

// ==== case: property-pattern-variable-only-checked
public sealed record Transfer(string Id, string TenantId);

[EventHandler]
public sealed partial class AcceptTransfer(ILogger<AcceptTransfer> log)
{
    public Task HandleAsync(Transfer transfer, TenantContext tenant, CancellationToken ct)
    {
        if (transfer is { TenantId: var claimed } && claimed != tenant.TenantId)
        {
            log.LogWarning("Rejected transfer {Id} claimed by {Claimed}", transfer.Id, claimed);
            return Task.CompletedTask;
        }

        return Task.Delay(1, ct);
    }
}

// ==== case: null-check-only
public sealed record Ping(string? TenantId);

[EventHandler]
public sealed partial class Pong
{
    public Task<bool> HandleAsync(Ping ping, CancellationToken ct) => Task.FromResult(ping.TenantId is null);
}

// ==== case: nameof-in-validation-message
public sealed record Claim(string ClaimId, string TenantId);

[EventHandler]
public sealed partial class ValidateClaim
{
    public Task HandleAsync(Claim claim, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(claim.TenantId)
            ? throw new ArgumentException($"{nameof(Claim.TenantId)} is required", nameof(claim))
            : Task.CompletedTask;
}

// ==== case: mapper-outside-any-handler
public sealed record Delivery(string Id, string TenantId);

public static class DeliveryMapper
{
    public static string Key(Delivery delivery) => $"{delivery.TenantId}#{delivery.Id}";
}

// ==== case: station-prefix-not-named-tenant
[ScanEventHandler]
public sealed partial class Partition(ILogger<Partition> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        var stationPrefix = scan.StationName?[..Math.Min(3, scan.StationName.Length)];
        log.LogDebug("scans/{Tenant}/{Station}", tenant.TenantId, stationPrefix);
        return Task.CompletedTask;
    }
}

// ==== case: request-id-header
[EventHandler(Trigger = Trigger.HttpApi, Route = "POST /scans")]
public sealed partial class Submit
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant, CancellationToken ct)
    {
        var requestId = request.Headers?.GetValueOrDefault("x-request-id") ?? Guid.NewGuid().ToString("n");
        return Task.FromResult(new HttpApiResponse { Body = $"{tenant.TenantId}/{requestId}" });
    }
}

// ==== case: linq-filter-against-deployment-tenant
public sealed record Entry(string Sku, string TenantId);

public sealed record Import(IReadOnlyList<Entry> Entries);

[EventHandler]
public sealed partial class ImportEntries
{
    public Task<int> HandleAsync(Import import, TenantContext tenant, CancellationToken ct) =>
        Task.FromResult(import.Entries.Count(e => e.TenantId == tenant.TenantId));
}

// ==== case: lieutenant-is-not-a-tenant
public sealed record ShiftHandover(string Station, string Lieutenant);

[EventHandler]
public sealed partial class Handover
{
    private readonly Dictionary<string, string> _onDuty = new();

    public Task HandleAsync(ShiftHandover handover, CancellationToken ct)
    {
        _onDuty[handover.Station] = handover.Lieutenant;
        return Task.CompletedTask;
    }
}

// ==== case: log-scope-with-payload-tenant
public sealed record Sync(string TenantId, int Rows);

[EventHandler]
public sealed partial class RunSync(ILogger<RunSync> log)
{
    public Task HandleAsync(Sync sync, CancellationToken ct)
    {
        using (log.BeginScope("Sync for {Tenant}", sync.TenantId))
        {
            log.LogInformation("{Rows} rows", sync.Rows);
        }

        return Task.CompletedTask;
    }
}

// ==== case: http-forbidden-on-mismatch
public sealed record Body(string TenantId);

[EventHandler(Trigger = Trigger.HttpApi, Route = "PUT /settings")]
public sealed partial class PutSettings
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant, CancellationToken ct)
    {
        var asked = request.Headers?.GetValueOrDefault("x-tenant-id");
        if (asked is not null && asked != tenant.TenantId)
        {
            return Task.FromResult(new HttpApiResponse { StatusCode = 403 });
        }

        return Task.FromResult(new HttpApiResponse { StatusCode = 204 });
    }
}

// ==== case: deployment-tenant-used-payload-only-checked
public sealed record Reading(string TenantId, double Value);

[EventHandler]
public sealed partial class StoreReading(IAmazonDynamoDB dynamo, Insight.Sdk.Data.DynamoTableNames names)
{
    public Task HandleAsync(Reading reading, TenantContext tenant, CancellationToken ct)
    {
        if (reading.TenantId != tenant.TenantId)
        {
            return Task.CompletedTask;
        }

        return dynamo.PutItemAsync(names.Resolve("Readings"), new() { ["Pk"] = new AttributeValue { S = $"{tenant.TenantId}#{reading.Value}" } }, ct);
    }
}

// ==== case: test-project-reads-payload-tenant
// project: test
using Xunit;

public sealed record Order(string TenantId);

[EventHandler]
public sealed partial class Handler
{
    public Task<string> HandleAsync(Order order, CancellationToken ct) => Task.FromResult($"{order.TenantId}#x");
}

public sealed class HandlerTests
{
    [Fact]
    public async Task Keys()
    {
        if (await new Handler().HandleAsync(new Order("a"), default) != "a#x") throw new InvalidOperationException();
    }
}

// ==== case: entity-loaded-from-table-has-tenant
public sealed record Profile(string TenantId, string Name);

public interface IProfiles
{
    Task<Profile> LoadAsync(string id, CancellationToken ct);

    Task CopyAsync(string tenant, Profile profile, CancellationToken ct);
}

public sealed record ProfileChanged(string ProfileId);

[EventHandler]
public sealed partial class Copy(IProfiles profiles)
{
    public async Task HandleAsync(ProfileChanged changed, CancellationToken ct)
    {
        var profile = await profiles.LoadAsync(changed.ProfileId, ct);
        await profiles.CopyAsync(profile.TenantId, profile, ct);
    }
}

// ==== case: envelope-account-not-tenant
public sealed record Rotated(string KeyId);

[EventHandler]
public sealed partial class Rotate(ILogger<Rotate> log)
{
    public Task HandleAsync(EventBridgeEvent<Rotated> evt, CancellationToken ct)
    {
        var source = $"{evt.Source}:{evt.Account}:{evt.Detail.KeyId}";
        log.LogInformation("Rotated {Source}", source);
        return Task.CompletedTask;
    }
}

// ==== case: null-guard-then-deployment-tenant
public sealed record Job(string? TenantId, string Name);

[EventHandler]
public sealed partial class RunJob
{
    public Task<string> HandleAsync(Job job, TenantContext tenant, CancellationToken ct) =>
        job.TenantId is null ? Task.FromResult("") : Task.FromResult($"{tenant.TenantId}:{job.Name}");
}

// ==== case: structured-log-with-payload-tenant
public sealed record Device(string Serial, string TenantId);

[EventHandler]
public sealed partial class Register(ILogger<Register> log)
{
    public Task HandleAsync(Device device, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Device {Serial} registered by {Sender} in {Tenant}", device.Serial, device.TenantId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: helper-compares-with-deployment
public sealed record Pickup(string TenantId, string Slot);

public static class Ownership
{
    public static bool Mine(Pickup pickup, TenantContext tenant) => pickup.TenantId == tenant.TenantId;
}

[EventHandler]
public sealed partial class Schedule
{
    public Task HandleAsync(Pickup pickup, TenantContext tenant, CancellationToken ct) =>
        Ownership.Mine(pickup, tenant) ? Task.Delay(1, ct) : Task.CompletedTask;
}

// ==== case: caller-tenant-not-payload
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /whoami")]
public sealed partial class WhoAmI
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant, CancellationToken ct) =>
        Task.FromResult(new HttpApiResponse { Body = tenant.TenantId });
}

// ==== case: jwt-claim-tenant-in-key
// The token's tenant claim is verified against the deployment's tenant before the handler runs: not the payload.
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /me")]
public sealed partial class Me
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken ct)
    {
        var claims = request.RequestContext?.Authorizer?.Jwt?.Claims;
        var profileKey = $"PROFILE#{claims?["tenant_id"]}";
        return Task.FromResult(new HttpApiResponse { Body = profileKey });
    }
}
