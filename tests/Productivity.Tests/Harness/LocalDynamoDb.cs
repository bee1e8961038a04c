using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Insight.Local.DynamoDb;
using Insight.Sdk.Data;

namespace Insight.Samples.Testing;

/// <summary>
/// DynamoDB Local for a sample service's tests: started once per test assembly; each test creates tables of its own,
/// so tests never see each other's items.
/// </summary>
public sealed class LocalDynamoDb : IAsyncLifetime
{
    private DynamoDbLocal? _local;

    /// <summary>A client for setting up and checking items directly.</summary>
    public IAmazonDynamoDB Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The functions' DynamoDB client takes its credentials from the process environment, as on Lambda.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "local");
        _local = await DynamoDbLocal.StartAsync(Path.Combine(RepositoryRoot(), ".tools"));
        Client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = _local.ServiceUrl, AuthenticationRegion = "eu-central-1" });
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

    /// <summary>The names a table class needs to read the tables of <paramref name="environment"/> from a test.</summary>
    public static DynamoTableNames NamesIn(IReadOnlyDictionary<string, string> environment) => new(environment.GetValueOrDefault);

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Insight.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Insight.Sdk.sln above the test's folder.");
    }
}

[CollectionDefinition(Name)]
public sealed class LocalDynamoDbCollection : ICollectionFixture<LocalDynamoDb>
{
    public const string Name = "DynamoDB Local";
}
