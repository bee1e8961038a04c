using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Insight.Cli.Local.Emulation;
using Insight.Cli.Local.Emulation.Running;
using Insight.Local.DynamoDb;
using Insight.Sdk.Data;

namespace Insight.Cli.Tests.Emulation;

/// <summary>
/// What the engine's tests share: the probe service built once (run with dotnet, as --jit runs a service) and one
/// DynamoDB Local. Each test builds an account of its own with a distinct account id, so their tables never meet.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public const string Region = "eu-central-1";
    private static int s_accounts;

    private DynamoDbLocal? _dynamoDb;

    public string ProbeFolder { get; } = Path.Combine(TestRepository.Root, "artifacts", "cli-tests", "engine-probe");

    public string ProbeAssembly => Path.Combine(ProbeFolder, "EngineProbe.dll");

    public string DynamoDbUrl => _dynamoDb!.ServiceUrl;

    public async Task InitializeAsync()
    {
        var probe = Path.Combine(TestRepository.Root, "tests", "Insight.Cli.Tests", "Emulation", "Probe", "EngineProbe.csproj");
        var build = Task.Run(() => Build(probe));
        _dynamoDb = await DynamoDbLocal.StartAsync(Path.Combine(TestRepository.Root, ".tools"));
        await build;
    }

    public async Task DisposeAsync()
    {
        if (_dynamoDb is not null)
        {
            await _dynamoDb.DisposeAsync();
        }
    }

    /// <summary>A fresh twelve-digit account id, distinct per test.</summary>
    internal static string NewAccountId() => (210_000_000_000L + (Environment.ProcessId % 1000 * 1000) + Interlocked.Increment(ref s_accounts)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string FunctionArn(string accountId, string name) => $"arn:aws:lambda:{Region}:{accountId}:function:{name}";

    internal static string QueueArn(string accountId, string name) => $"arn:aws:sqs:{Region}:{accountId}:{name}";

    internal static string TableName(string tenantId) => $"{tenantId}-ProbeItems";

    /// <summary>One of the probe's functions as a template would declare it in <paramref name="accountId"/>.</summary>
    internal FunctionPlan Function(string tenantId, string accountId, string handler, TimeSpan? timeout = null, int? reserved = null, AsyncInvokePlan? asyncInvoke = null) =>
        new("EngineProbe", handler, handler, FunctionArn(accountId, handler), ProbeFolder, ProbeAssembly,
            new Dictionary<string, string>
            {
                [DynamoTableNames.VariableFor("ProbeItems")] = TableName(tenantId),
                ["INSIGHT_TENANT_ID"] = tenantId,
                ["INSIGHT_ACCOUNT_ID"] = accountId,
            },
            timeout ?? TimeSpan.FromSeconds(10), 256, reserved, asyncInvoke ?? AsyncInvokePlan.Default)
        { Handler = handler };

    internal static TablePlan Table(string tenantId) => new("EngineProbe", "ProbeItems", new CreateTableRequest
    {
        TableName = TableName(tenantId),
        KeySchema = [new KeySchemaElement("Id", KeyType.HASH)],
        AttributeDefinitions = [new AttributeDefinition("Id", ScalarAttributeType.S)],
        BillingMode = BillingMode.PAY_PER_REQUEST,
    }, null);

    internal static QueuePlan Queue(string accountId, string name, TimeSpan visibilityTimeout, RedrivePlan? redrive = null) =>
        new("EngineProbe", name, name, QueueArn(accountId, name), $"https://sqs.{Region}.amazonaws.com/{accountId}/{name}",
            visibilityTimeout, TimeSpan.FromDays(4), TimeSpan.Zero, redrive);

    internal static TargetPlan Target(string id, string arn, string? inputPath = null, string? deadLetter = null) =>
        new(id, arn, null, inputPath, null, 185, TimeSpan.FromHours(24), deadLetter);

    internal static RulePlan Rule(string accountId, string name, string? pattern, string? schedule, params TargetPlan[] targets) =>
        new("EngineProbe", name, name, $"arn:aws:events:{Region}:{accountId}:rule/{name}", pattern, schedule, true, targets);

    internal static AccountPlan Account(
        string tenantId, string accountId, IReadOnlyList<FunctionPlan> functions, IReadOnlyList<QueuePlan>? queues = null,
        IReadOnlyList<QueueSourcePlan>? sources = null, IReadOnlyList<RulePlan>? rules = null) =>
        new(tenantId, accountId, Region, [Table(tenantId)], functions, queues ?? [], sources ?? [], rules ?? [], [], []);

    internal Task<LocalAccount> StartAsync(AccountPlan plan, LogLines logs, double timeScale = 1, int maxInstances = 4) =>
        LocalAccount.StartAsync(plan, new LocalAccountOptions(DynamoDbUrl, timeScale, maxInstances, logs, TimeProvider.System), CancellationToken.None);

    /// <summary>A client that sees the tables of <paramref name="accountId"/> only, as DynamoDB Local keeps them apart.</summary>
    internal IAmazonDynamoDB ClientOf(string accountId) =>
        new AmazonDynamoDBClient(new BasicAWSCredentials(accountId, "test"), new AmazonDynamoDBConfig { ServiceURL = DynamoDbUrl, AuthenticationRegion = Region });

    internal async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(string accountId, string tenantId)
    {
        using var client = ClientOf(accountId);
        return (await client.ScanAsync(new ScanRequest { TableName = TableName(tenantId) })).Items ?? [];
    }

    private void Build(string project)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", project, "-c", "Release", "-o", ProbeFolder, "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the probe service failed:\n{output.Result}\n{error.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "Local account engine";
}

/// <summary>Every line the account's functions and the engine wrote, for assertions and for failure messages.</summary>
internal sealed class LogLines : ILocalLogSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Write(string tenantId, string function, string line, bool isError) => _lines.Enqueue($"{tenantId} {function}{(isError ? " !" : "")} {line}");

    public override string ToString() => string.Join('\n', _lines.TakeLast(60));
}

internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds}s: {what()}");
            }

            await Task.Delay(50);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> what) => HoldsAsync(() => Task.FromResult(condition()), timeout, what);
}
