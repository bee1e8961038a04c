using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Insight.Sdk.Data;
using Insight.Sdk.Data.Wire;

namespace Insight.Testing;

/// <summary>
/// The SDK's own tests' DynamoDB Local: the fixture <see cref="DynamoDbLocalFixture"/> that teams use, started once per
/// test assembly (a collection fixture) from the repository's <c>.tools/</c>, with the typed tables' direct path beside
/// the AWS SDK's client. Each test creates tables of its own, so tests never see each other's items.
/// </summary>
public sealed class LocalDynamoDb : IAsyncLifetime
{
    private readonly DynamoDbLocalFixture _fixture = new();
    private HttpClient? _wireHttp;

    /// <summary>A client for setting up and checking items directly.</summary>
    public IAmazonDynamoDB Client => _fixture.Client;

    /// <summary>DynamoDB Local spoken directly (the typed tables' direct path), signed as the AWS SDK's client signs.</summary>
    public IDynamoWire Wire { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // One download for every test project and the demo: the repository's tools folder.
        Environment.SetEnvironmentVariable(DynamoDbLocalFixture.ToolsVariable, Path.Combine(TestRepository.Root, ".tools"));
        await _fixture.InitializeAsync();
        _wireHttp = new HttpClient();
        Wire = new DynamoWireClient(_wireHttp, new DynamoWireOptions
        {
            ServiceUrl = new Uri(_fixture.ServiceUrl),
            Region = "eu-central-1",
            Credentials = new BasicAWSCredentials("local", "local"),
        });
    }

    /// <summary>
    /// Creates one fresh table per schema and returns the function environment that points the service at them:
    /// <c>INSIGHT_TABLE_*</c> for each table and <c>INSIGHT_DYNAMODB_ENDPOINT</c>.
    /// </summary>
    public Task<Dictionary<string, string>> CreateTablesAsync(params DynamoSchema[] schemas) => _fixture.CreateTablesAsync(schemas);

    /// <summary>Creates one fresh table for <paramref name="schema"/> and returns the names that point its entity at it.</summary>
    public async Task<DynamoTableNames> CreateTableAsync(DynamoSchema schema) => NamesIn(await CreateTablesAsync(schema));

    /// <summary>The item with <paramref name="key"/> in <paramref name="table"/>, or <c>null</c>.</summary>
    public async Task<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>?> GetAsync(string table, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> key) =>
        (await Client.GetItemAsync(table, key)).Item is { Count: > 0 } item ? item : null;

    /// <summary>The names a table class needs to read the tables of <paramref name="environment"/> from a test.</summary>
    public static DynamoTableNames NamesIn(IReadOnlyDictionary<string, string> environment) => DynamoDbLocalFixture.NamesIn(environment);

    public async Task DisposeAsync()
    {
        _wireHttp?.Dispose();
        await _fixture.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalDynamoDbCollection : ICollectionFixture<LocalDynamoDb>
{
    public const string Name = "DynamoDB Local";
}
