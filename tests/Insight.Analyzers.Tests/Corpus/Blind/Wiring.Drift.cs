// Blind corpus, INS104–INS105 drift: AWS clients built by hand and environment reads in handler classes, written the
// many ways teams write them. Written from the rule pages only.

// ==== case: client-per-invocation
[ScanEventHandler]
public sealed partial class SaveScan
{
    public async Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        var client = new AmazonDynamoDBClient(); // expect: INS104
        await client.PutItemAsync(new PutItemRequest { TableName = tenant.ServiceName, Item = new() }, ct);
    }
}

// ==== case: client-in-handler-constructor
[ScanEventHandler]
public sealed partial class LoadDevice
{
    private readonly IAmazonDynamoDB _dynamo;

    public LoadDevice() => _dynamo = new AmazonDynamoDBClient(RegionEndpoint.USEast1); // expect: INS104, INS101

    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => _dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: client-field-initializer
[MetricHandler]
public sealed partial class StoreMetric
{
    private readonly IAmazonDynamoDB _dynamo = new AmazonDynamoDBClient(); // expect: INS104

    public Task HandleAsync(MetricSample sample, CancellationToken ct) => _dynamo.ListTablesAsync(new ListTablesRequest(), ct);
}

// ==== case: static-lazy-in-helper-file
[ScanEventHandler]
public sealed partial class Touch
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => Aws.Dynamo.Value.ListTablesAsync(new ListTablesRequest(), ct);
}
// ---- file: Aws.cs
public static class Aws
{
    public static readonly Lazy<IAmazonDynamoDB> Dynamo = new(() => new AmazonDynamoDBClient()); // expect: INS104
}

// ==== case: target-typed-new-with-config
[ScanEventHandler]
public sealed partial class Count
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        AmazonDynamoDBClient client = new(new AmazonDynamoDBConfig { MaxErrorRetry = 2 }); // expect: INS104
        return client.ListTablesAsync(new ListTablesRequest(), ct);
    }
}

// ==== case: extension-method-builds-client
public static class TenantClients
{
    public static IAmazonDynamoDB Dynamo(this TenantContext tenant) => new AmazonDynamoDBClient(RegionEndpoint.GetBySystemName(tenant.Region)); // expect: INS104
}

[ScanEventHandler]
public sealed partial class UsesExtension
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) => tenant.Dynamo().ListTablesAsync(new ListTablesRequest(), ct);
}

// ==== case: client-in-scheduled-handler-with-region
[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 hour)")]
public sealed partial class Sweep
{
    public Task HandleAsync(ScheduledEvent tick, TenantContext tenant, CancellationToken ct)
    {
        var dynamo = new AmazonDynamoDBClient(RegionEndpoint.GetBySystemName(tenant.Region)); // expect: INS104
        return dynamo.ListTablesAsync(new ListTablesRequest(), ct);
    }
}

// ==== case: using-declaration
[ScanEventHandler]
public sealed partial class Describe
{
    public async Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        using var dynamo = new AmazonDynamoDBClient(); // expect: INS104
        await dynamo.DescribeEndpointsAsync(new DescribeEndpointsRequest(), ct);
    }
}

// ==== case: factory-lambda-inside-handler
[ScanEventHandler]
public sealed partial class Retry
{
    private readonly Func<IAmazonDynamoDB> _factory = () => new AmazonDynamoDBClient(); // expect: INS104

    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => _factory().ListTablesAsync(new ListTablesRequest(), ct);
}

// ==== case: repository-builds-client
public sealed class DeviceRepository
{
    public Task<GetItemResponse> Get(string table, string serial, CancellationToken ct) =>
        new AmazonDynamoDBClient().GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["Serial"] = new AttributeValue { S = serial } } }, ct); // expect: INS104
}

[ScanEventHandler]
public sealed partial class UsesRepository(DeviceRepository devices)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) => devices.Get(tenant.ServiceName, scan.DeviceSerial, ct);
}

// ==== case: env-table-name-in-handle
[ScanEventHandler]
public sealed partial class Archive(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) =>
        dynamo.PutItemAsync(new PutItemRequest { TableName = Environment.GetEnvironmentVariable("ARCHIVE_TABLE"), Item = new() }, ct); // expect: INS105
}

// ==== case: env-in-handler-constructor
[ScanEventHandler]
public sealed partial class Threshold
{
    private readonly int _limit;

    public Threshold() => _limit = int.Parse(Environment.GetEnvironmentVariable("SCAN_LIMIT") ?? "100", CultureInfo.InvariantCulture); // expect: INS105

    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => Task.Delay(_limit > 0 ? 0 : 1, ct);
}

// ==== case: env-static-property
[ErgonomicsHandler]
public sealed partial class Posture
{
    private static string Stage => Environment.GetEnvironmentVariable("STAGE") ?? "prod"; // expect: INS105

    public Task HandleAsync(ErgonomicsEvent sample, CancellationToken ct) => Stage == "prod" ? Task.CompletedTask : Task.Delay(1, ct);
}

// ==== case: env-in-local-function
[ScanEventHandler]
public sealed partial class Forward
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        return Target() is null ? Task.CompletedTask : Task.Delay(1, ct);

        static string? Target() => Environment.GetEnvironmentVariable("FORWARD_BUS"); // expect: INS105
    }
}

// ==== case: env-in-lambda
[ScanEventHandler]
public sealed partial class Filter
{
    private readonly Func<string, bool> _enabled = name => Environment.GetEnvironmentVariable(name) == "on"; // expect: INS105

    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => _enabled("FILTER") ? Task.CompletedTask : Task.Delay(1, ct);
}

// ==== case: env-all-variables
[ScanEventHandler]
public sealed partial class DumpEnvironment(ILogger<DumpEnvironment> log)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        log.LogDebug("Environment has {Count} variables", Environment.GetEnvironmentVariables().Count); // expect: INS105
        return Task.CompletedTask;
    }
}

// ==== case: env-expand
[ScanEventHandler]
public sealed partial class TempFile
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var path = Environment.ExpandEnvironmentVariables("%TMPDIR%/scans.csv"); // expect: INS105
        return Task.CompletedTask;
    }
}

// ==== case: env-using-static
// ---- file: Handler.cs
using static System.Environment;

[ScanEventHandler]
public sealed partial class Tenanted
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var tenantId = GetEnvironmentVariable("INSIGHT_TENANT_ID"); // expect: INS105
        return Task.CompletedTask;
    }
}

// ==== case: env-in-other-partial-part
[ScanEventHandler]
public sealed partial class Regional
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => Region() == "" ? Task.CompletedTask : Task.Delay(1, ct);
}
// ---- file: Regional.Settings.cs
public sealed partial class Regional
{
    private static string Region() => Environment.GetEnvironmentVariable("AWS_REGION") ?? ""; // expect: INS105
}

// ==== case: env-region-for-client-config
[ScanEventHandler]
public sealed partial class Replicate(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var region = Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "eu-central-1"; // expect: INS105, INS101
        return dynamo.ListTablesAsync(new ListTablesRequest { Limit = region.Length }, ct);
    }
}

// ==== case: client-with-service-url-from-environment
[ScanEventHandler]
public sealed partial class LocalAware
{
    private readonly IAmazonDynamoDB _dynamo = new AmazonDynamoDBClient(new AmazonDynamoDBConfig // expect: INS104
    {
        ServiceURL = Environment.GetEnvironmentVariable("DYNAMODB_URL"), // expect: INS105
    });

    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => _dynamo.ListTablesAsync(new ListTablesRequest(), ct);
}
