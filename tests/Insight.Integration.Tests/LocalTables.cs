using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Insight.Local.DynamoDb;

namespace Insight.Integration.Tests;

/// <summary>
/// DynamoDB Local with the ScanIngest sample's tables, created from the schemas its entities declare; each test run
/// gets tables of its own, named as a tenant's stack would name them.
/// </summary>
public sealed class LocalTables : IAsyncLifetime
{
    private DynamoDbLocal? _local;

    public IAmazonDynamoDB Client { get; private set; } = null!;

    public string ServiceUrl => _local!.ServiceUrl;

    public async Task InitializeAsync()
    {
        _local = await DynamoDbLocal.StartAsync(Path.Combine(PublishedScanIngest.RepositoryRoot, ".tools"));
        Client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = _local.ServiceUrl, AuthenticationRegion = "eu-central-1" });
    }

    /// <summary>Creates the sample's tables with a fresh prefix and returns the environment that points a function at them.</summary>
    public async Task<Dictionary<string, string>> CreateScanIngestTablesAsync()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string>
        {
            ["INSIGHT_DYNAMODB_ENDPOINT"] = ServiceUrl,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
        };
        foreach (var schema in new[] { ScanIngest.ScanRecord.Schema, ScanIngest.ScanStats.Schema })
        {
            var physical = $"{prefix}-{schema.TableName}";
            await Client.CreateTableAsync(schema.CreateTableRequest(physical));
            environment[schema.TableNameVariable] = physical;
        }

        return environment;
    }

    public async Task<Dictionary<string, AttributeValue>?> GetAsync(string table, Dictionary<string, AttributeValue> key) =>
        (await Client.GetItemAsync(table, key)).Item is { Count: > 0 } item ? item : null;

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}
