using Amazon.Runtime;

namespace Insight.Sdk.Data.Wire;

/// <summary>Where and as whom <see cref="DynamoWireClient"/> speaks to DynamoDB, and how patiently.</summary>
public sealed class DynamoWireOptions
{
    /// <summary>The endpoint: the region's (<c>https://dynamodb.eu-central-1.amazonaws.com</c>) or an override such as DynamoDB Local.</summary>
    public required Uri ServiceUrl { get; init; }

    /// <summary>The region requests are signed for.</summary>
    public required string Region { get; init; }

    /// <summary>The credentials to sign with; <c>null</c> takes them from the AWS SDK's default chain on first use.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Attempts per call, the first included: 4, as the AWS SDK's DynamoDB client makes in standard mode.</summary>
    public int MaxAttempts { get; init; } = StandardRetryMode.DynamoDbMaxAttempts;

    /// <summary>The retry quota; share one between clients of the same endpoint, as the AWS SDK does.</summary>
    public DynamoRetryQuota RetryQuota { get; init; } = new();

    /// <summary>The clock for signing dates, credential expiry and backoff.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The full-jitter factor in [0, 1) of each backoff; fixed by tests so every retry's delay is known.</summary>
    internal Func<double> Jitter { get; init; } = Random.Shared.NextDouble;
}
