using Amazon.DynamoDBv2;
using Insight.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Insight.Sdk.Data;

/// <summary>Registrations the generated code adds for a function that uses tables.</summary>
public static class DynamoServiceCollectionExtensions
{
    /// <summary>Environment variable pointing the client at another endpoint, such as DynamoDB Local.</summary>
    public const string EndpointVariable = "INSIGHT_DYNAMODB_ENDPOINT";

    /// <summary>
    /// Adds one DynamoDB client and the table names, unless the service registered its own. The client is built
    /// once, at initialisation, and reused by every invocation of the environment.
    /// </summary>
    public static IServiceCollection AddInsightDynamoDb(this IServiceCollection services)
    {
        services.TryAddSingleton(static provider => new DynamoTableNames(provider.GetRequiredService<FunctionEnvironment>().Read));
        services.TryAddSingleton<IAmazonDynamoDB>(static provider =>
        {
            var environment = provider.GetRequiredService<FunctionEnvironment>();
            var config = new AmazonDynamoDBConfig();
            if (environment.Read(EndpointVariable) is { Length: > 0 } endpoint)
            {
                config.ServiceURL = endpoint;
                config.AuthenticationRegion = environment.Read(TenantContext.RegionVariable) ?? "eu-central-1";
            }

            return new AmazonDynamoDBClient(config);
        });
        return services;
    }
}
