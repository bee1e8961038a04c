using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Insight.Local.DynamoDb;
using Insight.Sdk.Data;

namespace Insight.Sdk.Tests.Data;

/// <summary>DynamoDB Local for the data tests: started once on a free port, stopped at the end.</summary>
public sealed class DynamoDbFixture : IAsyncLifetime
{
    private DynamoDbLocal? _local;

    public IAmazonDynamoDB Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _local = await DynamoDbLocal.StartAsync(Path.Combine(RepositoryRoot(), ".tools"));
        Client = CreateClient(_local.ServiceUrl);
    }

    public static IAmazonDynamoDB CreateClient(string serviceUrl) =>
        new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = "eu-central-1" });

    /// <summary>Creates a table of its own for one test, and the names that point the entity at it.</summary>
    public async Task<DynamoTableNames> CreateTableAsync(DynamoSchema schema)
    {
        var physical = $"{schema.TableName}-{Guid.NewGuid():N}";
        await Client.CreateTableAsync(schema.CreateTableRequest(physical));
        var variable = schema.TableNameVariable;
        return new DynamoTableNames(name => name == variable ? physical : null);
    }

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
public sealed class DynamoDbCollection : ICollectionFixture<DynamoDbFixture>
{
    public const string Name = "DynamoDB Local";
}
