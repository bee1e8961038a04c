// INS104–INS105 near-misses: clients registered once, configuration that is not a client, environment facts that are
// not variables, and projects or classes where reading the environment is the job. None may be reported.

// ==== case: client-registered-in-startup
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IAmazonDynamoDB>(new AmazonDynamoDBClient());
}

[ScanEventHandler]
public sealed partial class Save(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest());
}

// ==== case: client-in-di-factory
public static class Registrations
{
    public static IServiceCollection AddArchive(this IServiceCollection services) =>
        services.AddSingleton<IAmazonDynamoDB>(provider => new AmazonDynamoDBClient());
}

[ScanEventHandler]
public sealed partial class Save(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest());
}

// ==== case: client-in-startup-with-config
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services)
    {
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = 3 };
        services.AddSingleton<IAmazonDynamoDB>(_ => new AmazonDynamoDBClient(config));
    }
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
}

// ==== case: injected-client
[ScanEventHandler]
public sealed partial class Save(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest());
}

// ==== case: config-object-only
public static class Tuning
{
    public static AmazonDynamoDBConfig Config() => new() { MaxErrorRetry = 5, Timeout = TimeSpan.FromSeconds(3) };
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
}

// ==== case: request-objects-are-not-clients
[ScanEventHandler]
public sealed partial class Save(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan) => dynamo.PutItemAsync(new PutItemRequest { TableName = TableName(), Item = new() });

    private static string TableName() => nameof(Save);
}

// ==== case: http-client
[ScanEventHandler]
public sealed partial class Forward
{
    private static readonly System.Net.Http.HttpClient Http = new();

    public Task HandleAsync(ScanEvent scan) => Http.GetAsync(new Uri("https://example.invalid/"));
}

// ==== case: tool-without-handlers
public static class Tool
{
    public static IAmazonDynamoDB Client() => new AmazonDynamoDBClient();

    public static string? Table() => Environment.GetEnvironmentVariable("SCANS_TABLE");
}

// ==== case: test-project-builds-clients
// project: test
public static class Fixture
{
    public static IAmazonDynamoDB Local() => new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = "http://localhost:8000" });
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan) => Task.FromResult(Environment.GetEnvironmentVariable("SCANS_TABLE"));
}

// ==== case: environment-facts-in-handler
[ScanEventHandler]
public sealed partial class Stats(ILogger<Stats> log)
{
    public Task HandleAsync(ScanEvent scan)
    {
        log.LogDebug("{Cpus} cpus on {Machine}, up {Ticks}{NewLine}", Environment.ProcessorCount, Environment.MachineName, Environment.TickCount64, Environment.NewLine);
        return Task.CompletedTask;
    }
}

// ==== case: variable-in-startup
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(new ExportOptions(Environment.GetEnvironmentVariable("EXPORT_BUCKET") ?? "exports"));
}

public sealed record ExportOptions(string Bucket);

[ScanEventHandler]
public sealed partial class Export(ExportOptions options)
{
    public Task HandleAsync(ScanEvent scan) => Task.FromResult(options.Bucket);
}

// ==== case: options-injected
public sealed record TableOptions(string Scans);

[ScanEventHandler]
public sealed partial class Store(TableOptions tables)
{
    public Task HandleAsync(ScanEvent scan) => Task.FromResult(tables.Scans);
}

// ==== case: tenant-context-members
[ScanEventHandler]
public sealed partial class Tag
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant) => Task.FromResult($"{tenant.TenantId}/{tenant.AccountId}/{tenant.Region}");
}

// ==== case: variable-name-constant-only
[ScanEventHandler]
public sealed partial class Names
{
    public Task HandleAsync(ScanEvent scan) => Task.FromResult(TenantContext.TenantIdVariable);
}

// ==== case: environment-exit-code
[ScanEventHandler]
public sealed partial class Crash
{
    public Task HandleAsync(ScanEvent scan) => Task.FromResult(Environment.ExitCode);
}

// ==== case: variables-read-by-a-non-handler-tool-class
public static class LocalRunner
{
    public static string Profile() => Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default";
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
}

// ==== case: client-interface-mock
public sealed class NullDynamo : IDisposable
{
    public void Dispose() { }
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan)
    {
        using var client = new NullDynamo();
        return Task.CompletedTask;
    }
}

// ==== case: client-type-in-typeof
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(typeof(IAmazonDynamoDB), typeof(AmazonDynamoDBClient));
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
}

// ==== case: client-registered-by-extension-in-startup
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) => services.AddDynamo();
}

public static class DynamoRegistration
{
    public static IServiceCollection AddDynamo(this IServiceCollection services) =>
        services.AddSingleton<IAmazonDynamoDB>(static _ => new AmazonDynamoDBClient());
}

[ScanEventHandler]
public sealed partial class Save
{
    public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
}

// ==== case: environment-in-comment
[ScanEventHandler]
public sealed partial class Save
{
    // Environment.GetEnvironmentVariable("SCANS_TABLE") was the old way; the generated table reads the name now.
    public Task HandleAsync(ScanEvent scan) => Task.CompletedTask;
}
