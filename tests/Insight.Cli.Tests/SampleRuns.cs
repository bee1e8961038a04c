using Amazon.DynamoDBv2;
using Insight.Cli.Local;
using Insight.Local.DynamoDb;

namespace Insight.Cli.Tests;

/// <summary>
/// Local runs of the natively published samples, each against a DynamoDB Local of its own (tenants' table names
/// repeat from run to run). A run asked for twice is run once; its tables stay readable until the fixture ends.
/// </summary>
public sealed class SampleRuns : IAsyncLifetime
{
    public const int Seed = 42;

    /// <summary>Recent, as the command's: the service expires scans 90 days after they were made.</summary>
    public static readonly DateOnly FirstDay = ScanStreamGenerator.RecentFirstDay(DateTimeOffset.UtcNow);

    private readonly PublishedSample _sample = new();
    private readonly Dictionary<(int Tenants, int Events), Task<CompletedRun>> _runs = [];
    private readonly Lock _lock = new();

    public Task InitializeAsync() => _sample.InitializeAsync();

    /// <summary><c>insight local --tenants <paramref name="tenants"/> --events <paramref name="events"/> --seed 42</c>, in-process.</summary>
    internal Task<CompletedRun> RunAsync(int tenants, int events)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue((tenants, events), out var run))
            {
                _runs[(tenants, events)] = run = CompletedRun.StartAsync(SampleServices.Load(_sample.Folder), LocalTenant.Create(tenants, Seed), events);
            }

            return run;
        }
    }

    /// <summary>The scans a run delivers to <paramref name="tenant"/>.</summary>
    internal static IReadOnlyList<ScanDelivery> Stream(LocalTenant tenant, int events) =>
        ScanStreamGenerator.Generate(tenant.TenantId, Seed, events, FirstDay);

    /// <summary>Every event a run delivers to <paramref name="tenant"/>.</summary>
    internal static TenantStream Streams(LocalTenant tenant, int events) =>
        ScanStreamGenerator.GenerateTenant(tenant.TenantId, Seed, events, FirstDay);

    public async Task DisposeAsync()
    {
        foreach (var run in _runs.Values.Where(run => run.IsCompletedSuccessfully))
        {
            await (await run).DisposeAsync();
        }

        await _sample.DisposeAsync();
    }
}

/// <summary>What a run answered, and the DynamoDB Local its tenants' tables are in.</summary>
internal sealed class CompletedRun(DynamoDbLocal dynamoDb, IAmazonDynamoDB client, IReadOnlyList<TenantOutcomes> outcomes) : IAsyncDisposable
{
    public IReadOnlyList<TenantOutcomes> Outcomes { get; } = outcomes;

    public IAmazonDynamoDB Client { get; } = client;

    public static async Task<CompletedRun> StartAsync(SampleServices services, IReadOnlyList<LocalTenant> tenants, int events)
    {
        var dynamoDb = await DynamoDbLocal.StartAsync(Path.Combine(PublishedSample.RepositoryFolder, ".tools"));
        try
        {
            // A guard against a hung run, not a speed goal: on two shared cores a loaded CI machine needs minutes.
            var outcomes = await LocalRun.RunAsync(new LocalRunSettings(services, tenants, events, SampleRuns.Seed, SampleRuns.FirstDay, dynamoDb.ServiceUrl)).WaitAsync(TimeSpan.FromMinutes(8));
            return new CompletedRun(dynamoDb, LocalDynamoDb.CreateClient(dynamoDb.ServiceUrl), outcomes);
        }
        catch
        {
            await dynamoDb.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await dynamoDb.DisposeAsync();
    }
}
