// Second blind corpus, INS104/INS105 near-misses: clients built once in the startup class or a DI factory, projects
// without handlers, the environment read by startup and options code, look-alike APIs — all must stay silent.

// ==== case: startup-instance-registration
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IAmazonDynamoDB>(new AmazonDynamoDBClient(new AmazonDynamoDBConfig { MaxErrorRetry = 2 }));
}

[ScanEventHandler]
public sealed partial class Store(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: di-factory-in-extension-class
public static class DynamoRegistration
{
    public static IServiceCollection AddArchiveClient(this IServiceCollection services) =>
        services.AddSingleton<IAmazonDynamoDB>(provider => new AmazonDynamoDBClient());
}

[ScanEventHandler]
public sealed partial class Archive(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: try-add-singleton-factory
using Microsoft.Extensions.DependencyInjection.Extensions;

public static class Registrations
{
    public static void AddDynamo(IServiceCollection services) =>
        services.TryAddSingleton<IAmazonDynamoDB>(_ => new AmazonDynamoDBClient());
}

[ScanEventHandler]
public sealed partial class IndexScans(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: keyed-singleton-factory
public static class KeyedRegistrations
{
    public static void Add(IServiceCollection services) =>
        services.AddKeyedSingleton<IAmazonDynamoDB>("archive", (provider, key) => new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = "http://dynamodb-local:8000" }));
}

[ScanEventHandler]
public sealed partial class Keep([FromKeyedServices("archive")] IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: non-generic-factory-registration
[FunctionStartup]
public static class Wiring
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(typeof(IAmazonDynamoDB), provider => new AmazonDynamoDBClient());
}

// ==== case: tool-project-without-handlers
public static class MigrateTool
{
    public static async Task Main()
    {
        using var client = new AmazonDynamoDBClient();
        var region = Environment.GetEnvironmentVariable("AWS_REGION");
        await client.DescribeLimitsAsync(new DescribeLimitsRequest());
        Console.WriteLine(region);
    }
}

// ==== case: test-project-builds-client
// project: test
using Xunit;

[ScanEventHandler]
public sealed partial class Probe(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

public sealed class ProbeTests
{
    [Fact]
    public void Builds()
    {
        var endpoint = Environment.GetEnvironmentVariable("INSIGHT_DYNAMODB_ENDPOINT") ?? "http://localhost:8000";
        _ = new Probe(new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = endpoint }));
    }
}

// ==== case: config-object-in-handler
[ScanEventHandler]
public sealed partial class Tune(ILogger<Tune> log)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = 5 };
        log.LogDebug("Retries {Retries}", config.MaxErrorRetry);
        return Task.CompletedTask;
    }
}

// ==== case: options-read-from-environment-in-startup
public sealed record ExportOptions(string Bucket, int BatchSize)
{
    public static ExportOptions FromEnvironment() => new(
        Environment.GetEnvironmentVariable("EXPORT_BUCKET") ?? "exports",
        int.TryParse(Environment.GetEnvironmentVariable("EXPORT_BATCH"), out var size) ? size : 100);
}

[FunctionStartup]
public static class ExportStartup
{
    public static void ConfigureServices(IServiceCollection services) => services.AddSingleton(_ => ExportOptions.FromEnvironment());
}

[ScanEventHandler]
public sealed partial class Export(ExportOptions options)
{
    public Task<string> HandleAsync(ScanEvent scan, CancellationToken ct) => Task.FromResult(options.Bucket);
}

// ==== case: function-environment-injected
using Insight.Sdk.Hosting;

[ScanEventHandler]
public sealed partial class Flags(FunctionEnvironment environment)
{
    public Task<bool> HandleAsync(ScanEvent scan, CancellationToken ct) => Task.FromResult(environment.Read("FEATURE_DEDUPE") == "on");
}

// ==== case: environment-members-that-are-not-variables
[ScanEventHandler]
public sealed partial class Stats(ILogger<Stats> log)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        log.LogDebug("{Cpus} cpus, up {Ticks} ms{NewLine}", Environment.ProcessorCount, Environment.TickCount64, Environment.NewLine);
        return Task.CompletedTask;
    }
}

// ==== case: helper-class-outside-handler-reads-environment
public static class Stage
{
    public static string Name => Environment.GetEnvironmentVariable("STAGE") ?? "prod";
}

[ScanEventHandler]
public sealed partial class TagScan
{
    public Task<string> HandleAsync(ScanEvent scan, CancellationToken ct) => Task.FromResult(Stage.Name);
}

// ==== case: own-method-named-like-environment
public sealed class Settings
{
    private readonly Dictionary<string, string> _values = new() { ["MODE"] = "fast" };

    public string? GetEnvironmentVariable(string name) => _values.GetValueOrDefault(name);
}

[ScanEventHandler]
public sealed partial class Mode(Settings settings)
{
    public Task<string?> HandleAsync(ScanEvent scan, CancellationToken ct) => Task.FromResult(settings.GetEnvironmentVariable("MODE"));
}

// ==== case: nameof-and-comment-in-handler
[ScanEventHandler]
public sealed partial class Explain(ILogger<Explain> log)
{
    // Environment.GetEnvironmentVariable("INSIGHT_TENANT_ID") is what the SDK does for us at start-up.
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogDebug("Use TenantContext, not {Api}", nameof(Environment.GetEnvironmentVariable));
        return Task.CompletedTask;
    }
}

// ==== case: startup-private-builder-method
[FunctionStartup]
public static class BuildStartup
{
    public static void ConfigureServices(IServiceCollection services) => services.AddSingleton(Build());

    private static IAmazonDynamoDB Build() => new AmazonDynamoDBClient(new AmazonDynamoDBConfig { MaxErrorRetry = 3 });
}

// ==== case: scoped-factory-with-config-from-provider
public sealed record DynamoSettings(string? ServiceUrl);

public static class ScopedRegistration
{
    public static void Add(IServiceCollection services) =>
        services.AddScoped<IAmazonDynamoDB>(sp => sp.GetRequiredService<DynamoSettings>() is { ServiceUrl: { } url }
            ? new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = url })
            : new AmazonDynamoDBClient());
}

[ScanEventHandler]
public sealed partial class Scoped(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: handler-uses-tenant-context-for-identity
[ScanEventHandler]
public sealed partial class Identify
{
    public Task<string> HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) =>
        Task.FromResult($"{tenant.TenantId}/{tenant.AccountId}/{tenant.Region}/{TenantContext.TenantIdVariable}");
}

// ==== case: request-objects-in-handler
[ScanEventHandler]
public sealed partial class Query(IAmazonDynamoDB dynamo, Insight.Sdk.Data.DynamoTableNames names)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) =>
        dynamo.GetItemAsync(new GetItemRequest { TableName = names.Resolve("Scans"), Key = new() { ["Pk"] = new AttributeValue { S = scan.EventId } } }, ct);
}

// ==== case: environment-in-non-handler-background-service
public sealed class Warmup(ILogger<Warmup> log)
{
    public void Run()
    {
        var mode = Environment.GetEnvironmentVariable("WARMUP_MODE");
        log.LogInformation("Warmup {Mode}", mode);
    }
}

[ScanEventHandler]
public sealed partial class Ingest(Warmup warmup)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        warmup.Run();
        return Task.CompletedTask;
    }
}

// ==== case: startup-local-client-and-environment
[FunctionStartup]
public static class LocalStartup
{
    public static void ConfigureServices(IServiceCollection services)
    {
        var endpoint = Environment.GetEnvironmentVariable("INSIGHT_DYNAMODB_ENDPOINT");
        var client = endpoint is { Length: > 0 } ? new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = endpoint }) : new AmazonDynamoDBClient();
        services.AddSingleton<IAmazonDynamoDB>(client);
    }
}

[ScanEventHandler]
public sealed partial class Persist(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct);
}

// ==== case: handler-generic-host-helper-takes-interface
public static class Retry
{
    public static async Task<T> TwiceAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonDynamoDBException)
        {
            return await call();
        }
    }
}

[ScanEventHandler]
public sealed partial class Describe(IAmazonDynamoDB dynamo)
{
    public Task<DescribeLimitsResponse> HandleAsync(ScanEvent scan, CancellationToken ct) =>
        Retry.TwiceAsync(() => dynamo.DescribeLimitsAsync(new DescribeLimitsRequest(), ct));
}
