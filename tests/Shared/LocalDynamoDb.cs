using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Insight.Local.DynamoDb;
using Insight.Sdk.Data;
using Insight.Sdk.Data.Wire;

namespace Insight.Testing;

/// <summary>
/// DynamoDB Local for tests: started once per test assembly (a collection fixture); each test creates tables of its
/// own, so tests never see each other's items.
/// </summary>
public sealed class LocalDynamoDb : IAsyncLifetime
{
    private DynamoDbLocal? _local;

    /// <summary>A client for setting up and checking items directly.</summary>
    public IAmazonDynamoDB Client { get; private set; } = null!;

    /// <summary>DynamoDB Local spoken directly (the typed tables' direct path), signed as the AWS SDK's client signs.</summary>
    public IDynamoWire Wire { get; private set; } = null!;

    private HttpClient? _wireHttp;

    public async Task InitializeAsync()
    {
        // The functions' DynamoDB client takes its credentials from the process environment, as on Lambda.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "local");
        _local = await DynamoDbLocal.StartAsync(Path.Combine(TestRepository.Root, ".tools"));
        Client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = _local.ServiceUrl, AuthenticationRegion = "eu-central-1" });
        _wireHttp = new HttpClient();
        Wire = new DynamoWireClient(_wireHttp, new DynamoWireOptions
        {
            ServiceUrl = new Uri(_local.ServiceUrl),
            Region = "eu-central-1",
            Credentials = new BasicAWSCredentials("local", "local"),
        });
    }

    /// <summary>
    /// Creates one fresh table per schema and returns the function environment that points the service at them:
    /// <c>INSIGHT_TABLE_*</c> for each table and <c>INSIGHT_DYNAMODB_ENDPOINT</c>.
    /// </summary>
    public async Task<Dictionary<string, string>> CreateTablesAsync(params DynamoSchema[] schemas)
    {
        var environment = new Dictionary<string, string> { [DynamoServiceCollectionExtensions.EndpointVariable] = _local!.ServiceUrl };
        foreach (var schema in schemas)
        {
            var physical = $"{schema.TableName}-{Guid.NewGuid():N}";
            await Client.CreateTableAsync(schema.CreateTableRequest(physical));
            environment[DynamoTableNames.VariableFor(schema.TableName)] = physical;
        }

        return environment;
    }

    /// <summary>Creates one fresh table for <paramref name="schema"/> and returns the names that point its entity at it.</summary>
    public async Task<DynamoTableNames> CreateTableAsync(DynamoSchema schema) => NamesIn(await CreateTablesAsync(schema));

    /// <summary>The item with <paramref name="key"/> in <paramref name="table"/>, or <c>null</c>.</summary>
    public async Task<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>?> GetAsync(string table, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> key) =>
        (await Client.GetItemAsync(table, key)).Item is { Count: > 0 } item ? item : null;

    /// <summary>The names a table class needs to read the tables of <paramref name="environment"/> from a test.</summary>
    public static DynamoTableNames NamesIn(IReadOnlyDictionary<string, string> environment) => new(environment.GetValueOrDefault);

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        _wireHttp?.Dispose();
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalDynamoDbCollection : ICollectionFixture<LocalDynamoDb>
{
    public const string Name = "DynamoDB Local";
}
