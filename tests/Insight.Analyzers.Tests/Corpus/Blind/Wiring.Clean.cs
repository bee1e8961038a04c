// Blind corpus, INS104–INS105 near-misses: clients built once in startup or a DI factory, environment reads outside
// handler classes, projects without handlers. Written from the rule pages only; each case must stay silent.

// ==== case: client-in-function-startup
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IAmazonDynamoDB>(new AmazonDynamoDBClient(new AmazonDynamoDBConfig { MaxErrorRetry = 3 }));
}

[ScanEventHandler]
public sealed partial class Save(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.ListTablesAsync(new ListTablesRequest(), ct);
}

// ==== case: di-factory-in-extension-class
public static class ClientRegistration
{
    public static IServiceCollection AddScannerDynamo(this IServiceCollection services) =>
        services.AddSingleton<IAmazonDynamoDB>(provider => new AmazonDynamoDBClient(provider.GetRequiredService<AmazonDynamoDBConfig>()));
}

[ScanEventHandler]
public sealed partial class UsesRegistered(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => dynamo.ListTablesAsync(new ListTablesRequest(), ct);
}

// ==== case: tool-without-handlers
public static class Program
{
    public static async Task Main(string[] args)
    {
        using var dynamo = new AmazonDynamoDBClient();
        var tables = await dynamo.ListTablesAsync(new ListTablesRequest());
        Console.WriteLine(string.Join(Environment.NewLine, tables.TableNames ?? []));
        Console.WriteLine(Environment.GetEnvironmentVariable("AWS_PROFILE"));
    }
}

// ==== case: test-project-builds-client
// project: test
public sealed class TableTests
{
    [Xunit.Fact]
    public void Builds()
    {
        Environment.SetEnvironmentVariable("INSIGHT_TENANT_ID", "t1");
        using var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = "http://localhost:8000" });
        _ = client.Config;
    }
}

// ==== case: constructor-injected-client
[ScanEventHandler]
public sealed partial class Injected(IAmazonDynamoDB dynamo, ILogger<Injected> log)
{
    public async Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var tables = await dynamo.ListTablesAsync(new ListTablesRequest(), ct);
        log.LogDebug("{Count} tables", tables.TableNames?.Count);
    }
}

// ==== case: config-object-only
public static class Configs
{
    public static AmazonDynamoDBConfig Fast() => new() { MaxErrorRetry = 1, Timeout = TimeSpan.FromSeconds(2) };
}

// ==== case: env-in-options-class
public sealed class ArchiveOptions
{
    public string Table { get; init; } = Environment.GetEnvironmentVariable("ARCHIVE_TABLE") ?? "";
}

[ScanEventHandler]
public sealed partial class UsesOptions(ArchiveOptions options)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => options.Table.Length == 0 ? Task.CompletedTask : Task.Delay(1, ct);
}

// ==== case: env-in-startup
[FunctionStartup]
public static class ExportStartup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(new ExportSettings(Environment.GetEnvironmentVariable("EXPORT_BUCKET") ?? ""));
}

public sealed record ExportSettings(string Bucket);

// ==== case: function-environment-read
[ScanEventHandler]
public sealed partial class Flags(Insight.Sdk.Hosting.FunctionEnvironment environment)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => environment.Read("FEATURE_X") == "on" ? Task.Delay(1, ct) : Task.CompletedTask;
}

// ==== case: tenant-context-region
[ScanEventHandler]
public sealed partial class RegionFromTenant(ILogger<RegionFromTenant> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Running in {Region} for {Account}", tenant.Region, tenant.AccountId);
        return Task.CompletedTask;
    }
}

// ==== case: env-call-in-comment-and-log
[ScanEventHandler]
public sealed partial class Documented(ILogger<Documented> log)
{
    // Do not call Environment.GetEnvironmentVariable here: the SDK hands us TenantContext.
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        log.LogDebug("Environment.GetEnvironmentVariable is not used by this handler");
        return Task.CompletedTask;
    }
}

// ==== case: variable-name-constant-only
[ScanEventHandler]
public sealed partial class Names(ILogger<Names> log)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        log.LogDebug("Region comes from {Variable}", TenantContext.RegionVariable);
        return Task.CompletedTask;
    }
}

// ==== case: cdk-app-reads-environment
// project: infrastructure
public sealed class ServiceApp
{
    public static void Main()
    {
        var app = new App();
        var stage = System.Environment.GetEnvironmentVariable("STAGE") ?? "dev";
        _ = new Stack(app, $"Scans-{stage}");
        app.Synth();
    }
}

// ==== case: helper-class-reads-environment
public static class Deployment
{
    public static string Stage() => Environment.GetEnvironmentVariable("STAGE") ?? "prod";
}

[ScanEventHandler]
public sealed partial class StageAware
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => Deployment.Stage() == "prod" ? Task.CompletedTask : Task.Delay(1, ct);
}

// ==== case: http-client-in-handler
[ScanEventHandler]
public sealed partial class Webhook
{
    private static readonly System.Net.Http.HttpClient Http = new();

    public Task HandleAsync(ScanEvent scan, CancellationToken ct) => Http.GetAsync(new Uri("https://example.invalid/"), ct);
}

// ==== case: own-client-named-like-aws
public sealed class AmazonPriceClient
{
    public decimal Price(string asin) => asin.Length;
}

[ScanEventHandler]
public sealed partial class Prices
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var client = new AmazonPriceClient();
        return client.Price(scan.ScanCode) > 0 ? Task.CompletedTask : Task.Delay(1, ct);
    }
}

// ==== case: registration-helper-called-from-startup
public static class Clients
{
    public static void AddDynamo(IServiceCollection services) =>
        services.AddSingleton<IAmazonDynamoDB>(_ => new AmazonDynamoDBClient());
}

[FunctionStartup]
public static class WithHelper
{
    public static void ConfigureServices(IServiceCollection services) => Clients.AddDynamo(services);
}

// ==== case: environment-non-variable-members
[ScanEventHandler]
public sealed partial class Machine(ILogger<Machine> log)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        log.LogDebug("{Cpus} cpus, {Ticks} ms up{NewLine}", Environment.ProcessorCount, Environment.TickCount64, Environment.NewLine);
        return Task.CompletedTask;
    }
}

// ==== case: di-factory-scoped-with-config
[FunctionStartup]
public static class ScopedStartup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddScoped<IAmazonDynamoDB>(provider => new AmazonDynamoDBClient(provider.GetRequiredService<AmazonDynamoDBConfig>()));
}

// ==== case: startup-reads-region
[FunctionStartup]
public static class RegionStartup
{
    public static void ConfigureServices(IServiceCollection services)
    {
        var region = Environment.GetEnvironmentVariable(TenantContext.RegionVariable);
        services.AddSingleton(new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) });
    }
}

// ==== case: client-in-non-handler-library
public sealed class Maintenance
{
    public Task Compact(CancellationToken ct) => new AmazonDynamoDBClient().ListTablesAsync(new ListTablesRequest(), ct);
}
