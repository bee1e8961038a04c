using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Insight.Sdk.Data;

namespace Insight.Cli.Local;

/// <summary>How this tool and the functions it starts reach DynamoDB Local: its endpoint and placeholder credentials, which the emulator accepts.</summary>
internal static class LocalDynamoDb
{
    private const string Credential = "local";

    /// <summary>A client of the DynamoDB Local at <paramref name="serviceUrl"/>.</summary>
    public static IAmazonDynamoDB CreateClient(string serviceUrl) =>
        new AmazonDynamoDBClient(
            new BasicAWSCredentials(Credential, Credential),
            new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = LocalTenant.Region });

    /// <summary>The variables that point a function's DynamoDB client at <paramref name="serviceUrl"/>.</summary>
    public static IReadOnlyDictionary<string, string> FunctionEnvironment(string serviceUrl) => new Dictionary<string, string>
    {
        [DynamoServiceCollectionExtensions.EndpointVariable] = serviceUrl,
        ["AWS_ACCESS_KEY_ID"] = Credential,
        ["AWS_SECRET_ACCESS_KEY"] = Credential,
    };
}
