using System.Globalization;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Endpoints;
using Amazon.DynamoDBv2.Internal;
using Insight.Sdk.Data.Wire;
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
    /// Adds one DynamoDB client, its direct wire counterpart (<see cref="IDynamoWire"/>: same endpoint, region and
    /// credential chain) and the table names, unless the service registered its own. Both clients are built once, at
    /// initialisation, and reused by every invocation of the environment.
    /// </summary>
    public static IServiceCollection AddInsightDynamoDb(this IServiceCollection services)
    {
        services.TryAddSingleton(static provider => new DynamoTableNames(provider.GetRequiredService<FunctionEnvironment>().Read));
        services.TryAddSingleton(static provider => DynamoEndpoint.Resolve(provider.GetRequiredService<FunctionEnvironment>()));
        services.TryAddSingleton<IAmazonDynamoDB>(static provider => new AmazonDynamoDBClient(provider.GetRequiredService<DynamoEndpoint>().CreateConfig()));
        services.TryAddSingleton<IDynamoWire>(static provider =>
        {
            var endpoint = provider.GetRequiredService<DynamoEndpoint>();
            // The client lives as long as the environment: pooled connections are recycled so DNS changes are seen.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            return new DynamoWireClient(http, new DynamoWireOptions
            {
                ServiceUrl = endpoint.ServiceUrl(),
                Region = endpoint.SigningRegion,
                MaxAttempts = endpoint.MaxAttempts,
            });
        });
        return services;
    }
}

/// <summary>
/// Where the function's DynamoDB is and which region signs for it, read once from the function's environment so the
/// AWS SDK client and the direct wire client agree: an override (<c>INSIGHT_DYNAMODB_ENDPOINT</c>, then
/// <c>AWS_ENDPOINT_URL_DYNAMODB</c>, then <c>AWS_ENDPOINT_URL</c>) or the region's endpoint as the SDK's own endpoint
/// rules name it. The rules run only when the wire client is built, as the SDK client runs them on its first request,
/// so building the SDK client alone costs a cold start nothing more.
/// </summary>
internal sealed record DynamoEndpoint(Uri? Override, string? Region, int MaxAttempts)
{
    /// <summary>The AWS SDKs' own endpoint overrides, DynamoDB's first, honoured after <c>INSIGHT_DYNAMODB_ENDPOINT</c>.</summary>
    private static readonly string[] AwsEndpointVariables = ["AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"];

    /// <summary>The region signed for when an endpoint override is set and the function has no region (tests, DynamoDB Local).</summary>
    private const string FallbackRegion = "eu-central-1";

    public static DynamoEndpoint Resolve(FunctionEnvironment environment)
    {
        var region = environment.Read(TenantContext.RegionVariable) is { Length: > 0 } r ? r : environment.Read("AWS_DEFAULT_REGION");
        var maxAttempts = int.TryParse(environment.Read(StandardRetryMode.MaxAttemptsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts > 0
            ? attempts
            : StandardRetryMode.DynamoDbMaxAttempts;
        if (OverrideIn(environment) is { } url)
        {
            return new DynamoEndpoint(new Uri(url), region is { Length: > 0 } ? region : FallbackRegion, maxAttempts);
        }

        // Without AWS_REGION the SDK may still find one (a profile); without any, only a call can fail, not the start.
        return new DynamoEndpoint(null, region is { Length: > 0 } ? region : new AmazonDynamoDBConfig().RegionEndpoint?.SystemName, maxAttempts);
    }

    /// <summary>The region requests are signed for.</summary>
    public string SigningRegion => Region ?? throw NoRegion();

    /// <summary>The endpoint: the override, or the region's as the SDK's endpoint rules resolve it.</summary>
    public Uri ServiceUrl() => Override ?? new Uri(new AmazonDynamoDBEndpointProvider().ResolveEndpoint(new DynamoDBEndpointParameters
    {
        Region = SigningRegion,
        UseFIPS = false,
        UseDualStack = false,
        AccountIdEndpointMode = "disabled",
    }).URL);

    /// <summary>The AWS SDK client's configuration for the same endpoint and region.</summary>
    public AmazonDynamoDBConfig CreateConfig()
    {
        var config = new AmazonDynamoDBConfig();
        if (Override is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = Region;
        }
        else if (Region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }

        return config;
    }

    private static InvalidOperationException NoRegion() =>
        new($"No region for DynamoDB: set {TenantContext.RegionVariable} (Lambda sets it) or {DynamoServiceCollectionExtensions.EndpointVariable}.");

    private static string? OverrideIn(FunctionEnvironment environment)
    {
        if (environment.Read(DynamoServiceCollectionExtensions.EndpointVariable) is { Length: > 0 } insight)
        {
            return insight;
        }

        if (string.Equals(environment.Read("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var variable in AwsEndpointVariables)
        {
            if (environment.Read(variable) is { Length: > 0 } url)
            {
                return url;
            }
        }

        return null;
    }
}
