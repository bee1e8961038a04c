using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Insight.Local.DynamoDb;
using Insight.Sdk.Data;
using Insight.Sdk.Manifest;
using Xunit;

namespace Insight.Testing;

/// <summary>
/// AWS's DynamoDB Local for a test run, as an xUnit fixture: started once (use it as a class or collection fixture),
/// on a free port, in memory. Each call of <see cref="CreateTablesAsync(ServiceManifest)"/> creates fresh tables under unique physical
/// names, so tests never see each other's items.
/// </summary>
/// <remarks>
/// The emulator needs Java 17 or later on PATH; its jar is fetched once with npm (package
/// <c>amplify-dynamodb-simulator</c>) into <c>INSIGHT_TOOLS_DIR</c>, or <c>~/.insight/tools</c> when that is not set.
/// </remarks>
public sealed class DynamoDbLocalFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming where the emulator is kept.</summary>
    public const string ToolsVariable = "INSIGHT_TOOLS_DIR";

    private DynamoDbLocal? _local;
    private AmazonDynamoDBClient? _client;

    /// <summary>A client for setting up and checking items directly.</summary>
    public IAmazonDynamoDB Client => _client ?? throw new InvalidOperationException("DynamoDB Local has not started: use DynamoDbLocalFixture as an xUnit fixture.");

    /// <summary>The endpoint functions are pointed at (<c>INSIGHT_DYNAMODB_ENDPOINT</c>).</summary>
    public string ServiceUrl => _local?.ServiceUrl ?? throw new InvalidOperationException("DynamoDB Local has not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        // Functions under test build their DynamoDB client from the process environment, as on Lambda.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "local");
        var tools = Environment.GetEnvironmentVariable(ToolsVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".insight", "tools");
        _local = await DynamoDbLocal.StartAsync(tools).ConfigureAwait(false);
        _client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = _local.ServiceUrl, AuthenticationRegion = "eu-central-1" });
    }

    /// <summary>
    /// Creates a fresh copy of every table of <paramref name="manifest"/> and returns the function environment that
    /// points the service at them: <c>INSIGHT_TABLE_*</c> per table and <c>INSIGHT_DYNAMODB_ENDPOINT</c>.
    /// </summary>
    public Task<Dictionary<string, string>> CreateTablesAsync(ServiceManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return CreateTablesAsync([.. manifest.Tables.Select(t => t.Schema())]);
    }

    /// <summary>Creates a fresh table per schema (an entity's <c>Schema</c>) and returns the environment that points at them.</summary>
    public async Task<Dictionary<string, string>> CreateTablesAsync(params DynamoSchema[] schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var environment = new Dictionary<string, string> { [DynamoServiceCollectionExtensions.EndpointVariable] = ServiceUrl };
        foreach (var schema in schemas)
        {
            var physical = $"{schema.TableName}-{Guid.NewGuid():N}";
            await Client.CreateTableAsync(schema.CreateTableRequest(physical)).ConfigureAwait(false);
            environment[DynamoTableNames.VariableFor(schema.TableName)] = physical;
        }

        return environment;
    }

    /// <summary>The table names a typed table needs to reach the tables of <paramref name="environment"/> from a test.</summary>
    public static DynamoTableNames NamesIn(IReadOnlyDictionary<string, string> environment) => new(environment.GetValueOrDefault);

    /// <summary>Every item of the physical table <paramref name="table"/> (a test's tables are small).</summary>
    public async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> ScanAsync(string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start }).ConfigureAwait(false);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return items;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_local is not null)
        {
            await _local.DisposeAsync().ConfigureAwait(false);
        }
    }
}
