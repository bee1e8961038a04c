// INS104–INS105 drift: AWS clients built by hand in a service, and handlers reading environment variables directly.
// Every case declares a handler: a project without one is a tool, not a service.

// ==== case: client-in-handle-async
[ScanEventHandler]
public sealed partial class Archive
{
    public async Task HandleAsync(ScanEvent scan, CancellationToken cancellationToken)
    {
        using var client = new AmazonDynamoDBClient(); // expect: INS104
        await client.DescribeLimitsAsync(new DescribeLimitsRequest(), cancellationToken);
    }
}

// ==== case: client-field-initializer
[ScanEventHandler]
public sealed partial class Archive
{
    private readonly IAmazonDynamoDB _dynamo = new AmazonDynamoDBClient(); // expect: INS104

    public Task HandleAsync(ScanEvent scan) => _dynamo.DescribeLimitsAsync(new DescribeLimitsRequest());
}

// ==== case: client-in-constructor
[ScanEventHandler]
public sealed partial class Archive
{
    private readonly IAmazonDynamoDB _dynamo;

    public Archive() => _dynamo = new AmazonDynamoDBClient(RegionEndpoint.EUCentral1); // expect: INS104, INS101

    public Task HandleAsync(ScanEvent scan) => _dynamo.DescribeLimitsAsync(new DescribeLimitsRequest());
}

// ==== case: client-with-config-in-repository
public sealed class ScanRepository
{
    private readonly IAmazonDynamoDB _dynamo = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { MaxErrorRetry = 5 }); // expect: INS104

    public Task SaveAsync() => _dynamo.DescribeLimitsAsync(new DescribeLimitsRequest());
}

[ScanEventHandler]
public sealed partial class Save(ScanRepository repository)
{
    public Task HandleAsync(ScanEvent scan) => repository.SaveAsync();
}

// ==== case: client-in-static-helper
public static class Dynamo
{
    public static IAmazonDynamoDB Create() => new AmazonDynamoDBClient(); // expect: INS104
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan) => Dynamo.Create().DescribeLimitsAsync(new DescribeLimitsRequest());
}

// ==== case: client-in-lazy
public sealed class Clients
{
    private static readonly Lazy<IAmazonDynamoDB> Shared = new(() => new AmazonDynamoDBClient()); // expect: INS104

    public static IAmazonDynamoDB Dynamo => Shared.Value;
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan) => Clients.Dynamo.DescribeLimitsAsync(new DescribeLimitsRequest());
}

// ==== case: client-target-typed-new
[ScanEventHandler]
public sealed partial class Save
{
    private readonly AmazonDynamoDBClient _client = new(); // expect: INS104

    public Task HandleAsync(ScanEvent scan) => _client.DescribeLimitsAsync(new DescribeLimitsRequest());
}

// ==== case: client-subclass
public sealed class TracingDynamoClient : AmazonDynamoDBClient
{
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan)
    {
        var client = new TracingDynamoClient(); // expect: INS104
        return client.DescribeLimitsAsync(new DescribeLimitsRequest());
    }
}

// ==== case: client-per-call-in-service
public sealed class Counters
{
    public async Task<int> CountAsync()
    {
        using var dynamo = new AmazonDynamoDBClient(new AmazonDynamoDBConfig()); // expect: INS104
        var limits = await dynamo.DescribeLimitsAsync(new DescribeLimitsRequest());
        return (int)(limits.TableMaxReadCapacityUnits ?? 0);
    }
}

[ScanEventHandler]
public sealed partial class Count(Counters counters)
{
    public Task HandleAsync(ScanEvent scan) => counters.CountAsync();
}

// ==== case: client-in-local-function
[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan)
    {
        return Client().DescribeLimitsAsync(new DescribeLimitsRequest());

        static IAmazonDynamoDB Client() => new AmazonDynamoDBClient(); // expect: INS104
    }
}

// ==== case: tenant-id-variable
[ScanEventHandler]
public sealed partial class Tag
{
    public Task HandleAsync(ScanEvent scan)
    {
        var tenant = Environment.GetEnvironmentVariable("INSIGHT_TENANT_ID"); // expect: INS105
        return Task.CompletedTask;
    }
}

// ==== case: region-variable
[ScanEventHandler]
public sealed partial class Tag
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant)
    {
        var region = Environment.GetEnvironmentVariable("AWS_REGION") ?? "unknown"; // expect: INS105
        return Task.CompletedTask;
    }
}

// ==== case: table-name-variable-in-field
[ScanEventHandler]
public sealed partial class Store
{
    private readonly string _table = Environment.GetEnvironmentVariable("SCANS_TABLE")!; // expect: INS105

    public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
}

// ==== case: variable-in-constructor
[ScanEventHandler]
public sealed partial class Store
{
    private readonly string _bucket;

    public Store() => _bucket = Environment.GetEnvironmentVariable("EXPORT_BUCKET") ?? "exports"; // expect: INS105

    public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
}

// ==== case: all-variables
[ScanEventHandler]
public sealed partial class Dump(ILogger<Dump> log)
{
    public Task HandleAsync(ScanEvent scan)
    {
        var variables = Environment.GetEnvironmentVariables(); // expect: INS105
        log.LogDebug("{Count} variables", variables.Count);
        return Task.CompletedTask;
    }
}

// ==== case: variable-named-by-constant
[ScanEventHandler]
public sealed partial class Store
{
    private const string TableVariable = "SCANS_TABLE";

    public Task HandleAsync(ScanEvent scan)
    {
        var table = Environment.GetEnvironmentVariable(TableVariable); // expect: INS105
        return Task.CompletedTask;
    }
}

// ==== case: variable-in-lambda
[ScanEventHandler]
public sealed partial class Store
{
    public Task HandleAsync(ScanEvent scan)
    {
        Func<string?> table = () => Environment.GetEnvironmentVariable("SCANS_TABLE"); // expect: INS105
        return Task.FromResult(table());
    }
}

// ==== case: variable-with-target
[ScanEventHandler]
public sealed partial class Store
{
    public Task HandleAsync(ScanEvent scan)
    {
        var account = Environment.GetEnvironmentVariable("INSIGHT_ACCOUNT_ID", EnvironmentVariableTarget.Process); // expect: INS105
        return Task.CompletedTask;
    }
}

// ==== case: expand-variables
[ScanEventHandler]
public sealed partial class Store
{
    public Task HandleAsync(ScanEvent scan)
    {
        var path = Environment.ExpandEnvironmentVariables("%EXPORT_BUCKET%/scans"); // expect: INS105
        return Task.CompletedTask;
    }
}

// ==== case: static-helper-on-handler
[ScanEventHandler]
public sealed partial class Store
{
    public Task HandleAsync(ScanEvent scan) => Task.FromResult(Table());

    private static string Table() => Environment.GetEnvironmentVariable("SCANS_TABLE") ?? "scans"; // expect: INS105
}

// ==== case: http-handler-reads-variable
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /version")]
public sealed partial class Version
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request) =>
        Task.FromResult(new HttpApiResponse { StatusCode = 200, Body = Environment.GetEnvironmentVariable("SERVICE_VERSION") }); // expect: INS105
}
