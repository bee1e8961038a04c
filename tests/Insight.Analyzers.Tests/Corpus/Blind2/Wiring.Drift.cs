// Second blind corpus, INS104/INS105 drift: clients built by hand and environment read inside handlers, from the rule
// pages only — static fields, target-typed new, Lazy, factories that are not DI, partial handler files, using static,
// method groups, static constructors, async lambdas.

// ==== case: static-readonly-client-in-handler
[ScanEventHandler]
public sealed partial class Persist
{
    private static readonly IAmazonDynamoDB Dynamo = new AmazonDynamoDBClient(); // expect: INS104

    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => Dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: target-typed-new-in-handle-async
[ScanEventHandler]
public sealed partial class Touch
{
    public async Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        using AmazonDynamoDBClient client = new(); // expect: INS104
        await client.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
    }
}

// ==== case: repository-with-local-endpoint-config
public sealed class ScanRepository
{
    private readonly IAmazonDynamoDB _dynamo = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = "http://localhost:8000" }); // expect: INS104

    public IAmazonDynamoDB Client => _dynamo;
}

[ScanEventHandler]
public sealed partial class Save(ScanRepository repository)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => repository.Client.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: lazy-client-in-helper
public static class Dynamo
{
    private static readonly Lazy<IAmazonDynamoDB> Shared = new(() => new AmazonDynamoDBClient()); // expect: INS104

    public static IAmazonDynamoDB Client => Shared.Value;
}

[ScanEventHandler]
public sealed partial class Count
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => Dynamo.Client.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: record-init-property-default-client
public sealed record ExportJob(string Name)
{
    public IAmazonDynamoDB Client { get; init; } = new AmazonDynamoDBClient(); // expect: INS104
}

[EventHandler]
public sealed partial class Tail
{
    public Task HandleAsync(ScheduledEvent tick, CancellationToken ct) =>
        new ExportJob("nightly").Client.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: client-with-region-endpoint-field
[ScanEventHandler]
public sealed partial class Mirror
{
    public async Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        using var client = new AmazonDynamoDBClient(RegionEndpoint.EUCentral1); // expect: INS104, INS101
        await client.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
    }
}

// ==== case: static-factory-method-not-di
public static class ClientFactory
{
    public static IAmazonDynamoDB Create() => new AmazonDynamoDBClient(); // expect: INS104
}

[ScanEventHandler]
public sealed partial class Load
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => ClientFactory.Create().DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: instance-registration-outside-startup
public static class ServiceRegistrations
{
    public static IServiceCollection AddScanStore(this IServiceCollection services) =>
        services.AddSingleton<IAmazonDynamoDB>(new AmazonDynamoDBClient()); // expect: INS104
}

[ScanEventHandler]
public sealed partial class Store(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: classic-constructor-with-credentials
using Amazon.Runtime;

[ScanEventHandler]
public sealed partial class Replay
{
    private readonly IAmazonDynamoDB _dynamo;

    public Replay(AWSCredentials credentials)
    {
        _dynamo = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig()); // expect: INS104
    }

    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => _dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: subclassed-client
public sealed class TracedDynamoClient : AmazonDynamoDBClient
{
}

[ScanEventHandler]
public sealed partial class Trace
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var client = new TracedDynamoClient(); // expect: INS104
        return client.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
    }
}

// ==== case: field-initializer-reads-tenant-variable
[ScanEventHandler]
public sealed partial class Stamp
{
    private readonly string _tenant = Environment.GetEnvironmentVariable("INSIGHT_TENANT_ID") ?? ""; // expect: INS105

    public Task<string> HandleAsync(ScanEvent scan, CancellationToken ct) => Task.FromResult($"{_tenant}#{scan.EventId}");
}

// ==== case: local-function-reads-region-constant
[ScanEventHandler]
public sealed partial class Locate
{
    public Task<string> HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        string Region() => Environment.GetEnvironmentVariable(TenantContext.RegionVariable) ?? "unknown"; // expect: INS105

        return Task.FromResult(Region());
    }
}

// ==== case: expand-environment-variables
[EventHandler]
public sealed partial class Spool
{
    public Task<string> HandleAsync(ScheduledEvent tick, CancellationToken ct) =>
        Task.FromResult(Environment.ExpandEnvironmentVariables("%TMPDIR%/spool")); // expect: INS105
}

// ==== case: enumerate-all-variables
[EventHandler]
public sealed partial class DumpConfig(ILogger<DumpConfig> log)
{
    public Task HandleAsync(ScheduledEvent tick, CancellationToken ct)
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables()) // expect: INS105
        {
            log.LogDebug("{Key}", entry.Key);
        }

        return Task.CompletedTask;
    }
}

// ==== case: method-group-to-func-field
[ScanEventHandler]
public sealed partial class Flags
{
    private static readonly Func<string, string?> Read = Environment.GetEnvironmentVariable; // expect: INS105

    public Task<bool> HandleAsync(ScanEvent scan, CancellationToken ct) => Task.FromResult(Read("FEATURE_DEDUPE") == "on");
}

// ==== case: using-static-environment
using static System.Environment;

[ScanEventHandler]
public sealed partial class Bucketize
{
    public Task<string> HandleAsync(ScanEvent scan, CancellationToken ct) =>
        Task.FromResult(GetEnvironmentVariable("SCAN_BUCKET") ?? "scans"); // expect: INS105
}

// ==== case: other-partial-file-of-handler
[ScanEventHandler]
public sealed partial class Archive
{
    public Task<string> HandleAsync(ScanEvent scan, CancellationToken ct) => Task.FromResult(Prefix());
}
// ---- file: Archive.Settings.cs
public sealed partial class Archive
{
    private static string Prefix() => Environment.GetEnvironmentVariable("ARCHIVE_PREFIX") ?? "archive/"; // expect: INS105
}

// ==== case: fully-qualified-in-property-getter
[ScanEventHandler]
public sealed partial class Stage
{
    private string Name => System.Environment.GetEnvironmentVariable("STAGE") ?? "prod"; // expect: INS105

    public Task<string> HandleAsync(ScanEvent scan, CancellationToken ct) => Task.FromResult(Name);
}

// ==== case: async-lambda-in-parallel-loop
public sealed record Sweep(IReadOnlyList<string> Serials);

[EventHandler]
public sealed partial class SweepDevices
{
    public Task HandleAsync(Sweep sweep, CancellationToken ct) =>
        Parallel.ForEachAsync(sweep.Serials, ct, async (serial, token) =>
        {
            var endpoint = Environment.GetEnvironmentVariable("DEVICE_API"); // expect: INS105
            await Task.Delay(endpoint is null ? 0 : 1, token);
        });
}

// ==== case: static-constructor
[ScanEventHandler]
public sealed partial class Sample
{
    private static readonly double Rate;

    static Sample()
    {
        Rate = double.TryParse(Environment.GetEnvironmentVariable("SAMPLE_RATE"), CultureInfo.InvariantCulture, out var r) ? r : 1.0; // expect: INS105
    }

    public Task<bool> HandleAsync(ScanEvent scan, CancellationToken ct) => Task.FromResult(Random.Shared.NextDouble() < Rate);
}

// ==== case: pattern-on-variable-in-handle-async
[ScanEventHandler]
public sealed partial class Export
{
    public Task<string> HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var bucket = Environment.GetEnvironmentVariable("EXPORT_BUCKET") is { Length: > 0 } b ? b : "exports"; // expect: INS105
        return Task.FromResult(bucket);
    }
}

// ==== case: account-variable-in-http-handler
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /account")]
public sealed partial class Account
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken ct) =>
        Task.FromResult(new HttpApiResponse { Body = Environment.GetEnvironmentVariable(TenantContext.AccountIdVariable) }); // expect: INS105
}
