using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace Insight.Sdk.Data.Wire;

/// <summary>
/// The AWS SDK's standard retry mode as AWSSDK.Core 4.1.0 applies it to a DynamoDB client, so the direct path retries
/// exactly when, as often and as patiently as <c>AmazonDynamoDBClient</c> would. The constants are the ones in
/// <c>Amazon.Runtime.Internal.StandardRetryPolicy</c>, <c>RetryPolicy</c> and <c>CapacityManager</c> of that release
/// (read from the shipped assembly; the published docs still describe the older 3-attempt, cost-5 policy).
/// </summary>
internal static class StandardRetryMode
{
    /// <summary>DynamoDB clients make 3 retries, 4 attempts in all (<c>StandardRetryPolicy.DynamoDBDefaultMaxRetries</c>), unless <c>AWS_MAX_ATTEMPTS</c> says otherwise.</summary>
    public const int DynamoDbMaxAttempts = 4;

    /// <summary>Environment variable the AWS SDK reads for the number of attempts, the first included.</summary>
    public const string MaxAttemptsVariable = "AWS_MAX_ATTEMPTS";

    /// <summary>Backoff base for a throttled attempt, in milliseconds.</summary>
    public const double ThrottlingBaseDelayMs = 1000;

    /// <summary>Backoff base for DynamoDB's other retryable failures, in milliseconds (50 for other services).</summary>
    public const double DynamoDbBaseDelayMs = 25;

    /// <summary>No backoff longer than this (<c>MaxBackoffInMilliseconds</c>), before jitter.</summary>
    public const double MaxBackoffMs = 20_000;

    /// <summary>An <c>x-amz-retry-after</c> hint may lengthen the computed delay by at most this much.</summary>
    public const int MaxRetryAfterExtensionMs = 5_000;

    /// <summary>Retry quota tokens: initially and at most (<c>new CapacityManager(500, 14, 1, 14, 5)</c>).</summary>
    public const int QuotaCapacity = 500;

    /// <summary>Tokens a retry after a transient failure (network, 5xx, timeout) takes.</summary>
    public const int RetryCost = 14;

    /// <summary>Tokens a retry after throttling takes.</summary>
    public const int ThrottlingRetryCost = 5;

    /// <summary>Tokens a success without retry gives back.</summary>
    public const int NoRetryIncrement = 1;

    /// <summary>Error codes the SDK treats as throttling (<c>RetryPolicy.ThrottlingErrorCodes</c>, case-insensitive).</summary>
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
    };

    /// <summary>Service timeouts, retried like transient failures (<c>TimeoutErrorCodesToRetryOn</c>).</summary>
    private static readonly HashSet<string> TimeoutCodes = new(StringComparer.Ordinal) { "RequestTimeout", "RequestTimeoutException" };

    /// <summary>Statuses retried when the error is not throttling (<c>HttpStatusCodesToRetryOn</c>).</summary>
    private static readonly HashSet<HttpStatusCode> TransientStatuses =
    [
        HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>How the SDK classifies <paramref name="failure"/>: not retryable, throttling, or transient.</summary>
    public static RetryKind Classify(Exception failure, CancellationToken cancellationToken)
    {
        if (failure is AmazonServiceException service)
        {
            if (service.Retryable?.Throttling == true || (service.ErrorCode is { } code && ThrottlingCodes.Contains(code))
                || (service.Retryable is null && service.StatusCode == HttpStatusCode.TooManyRequests))
            {
                return RetryKind.Throttling;
            }

            return service.Retryable is not null || TransientStatuses.Contains(service.StatusCode) || (service.ErrorCode is { } timeout && TimeoutCodes.Contains(timeout))
                || HasInner<IOException>(service)
                ? RetryKind.Transient
                : RetryKind.None;
        }

        return failure switch
        {
            // The caller's own cancellation (the deadline) ends the call; a timeout of the HTTP client does not.
            OperationCanceledException => cancellationToken.IsCancellationRequested ? RetryKind.None : RetryKind.Transient,
            FileNotFoundException => RetryKind.None,
            IOException or HttpRequestException or TimeoutException or SocketException => RetryKind.Transient,
            _ when HasInner<IOException>(failure) || HasInner<ObjectDisposedException>(failure) => RetryKind.Transient,
            _ => RetryKind.None,
        };
    }

    /// <summary>
    /// Full jitter over the capped exponential: <c>random × min(base × 2^(retry−1), 20 s)</c>, base 1 s after throttling
    /// and 25 ms otherwise; a retry-after hint from the service is honoured within [that delay, that delay + 5 s].
    /// </summary>
    /// <param name="retry">The retry about to be made: 1 for the second attempt.</param>
    /// <param name="kind">What failed: throttling backs off from 1 s, anything else from 25 ms.</param>
    /// <param name="retryAfterMs">The service's <c>x-amz-retry-after</c> hint, if it gave one.</param>
    /// <param name="jitter">A uniformly random number in [0, 1).</param>
    public static TimeSpan Delay(int retry, RetryKind kind, int? retryAfterMs, double jitter)
    {
        var baseMs = kind == RetryKind.Throttling ? ThrottlingBaseDelayMs : DynamoDbBaseDelayMs;
        var ceiling = Math.Min(baseMs * Math.Pow(2, retry - 1), MaxBackoffMs);
        var delay = Convert.ToInt32(jitter * ceiling);
        if (retryAfterMs is { } hint)
        {
            delay = Math.Clamp(hint, delay, delay + MaxRetryAfterExtensionMs);
        }

        return TimeSpan.FromMilliseconds(delay);
    }

    private static bool HasInner<T>(Exception exception)
        where T : Exception
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is T)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What kind of failure a retry answers, which sets its cost and backoff base.</summary>
internal enum RetryKind
{
    None,
    Transient,
    Throttling,
}

/// <summary>
/// The retry quota (token bucket) of the standard mode: retries draw tokens, successes give them back, so when most
/// calls fail the client stops multiplying its load by retrying and fails fast instead, until calls succeed again.
/// </summary>
public sealed class DynamoRetryQuota
{
    private readonly object _gate = new();
    private int _available = StandardRetryMode.QuotaCapacity;

    /// <summary>Tokens left.</summary>
    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>Takes the cost of a retry of <paramref name="kind"/>; <c>false</c> when the quota cannot pay for it.</summary>
    internal bool TryAcquire(RetryKind kind)
    {
        var cost = Cost(kind);
        lock (_gate)
        {
            if (_available < cost)
            {
                return false;
            }

            _available -= cost;
            return true;
        }
    }

    /// <summary>
    /// A call succeeded: one token back when it needed no retry, else the cost of its last retry (as the SDK's
    /// <c>NotifySuccess</c> releases the last capacity type).
    /// </summary>
    internal void Release(RetryKind lastRetry)
    {
        var amount = lastRetry == RetryKind.None ? StandardRetryMode.NoRetryIncrement : Cost(lastRetry);
        lock (_gate)
        {
            _available = Math.Min(_available + amount, StandardRetryMode.QuotaCapacity);
        }
    }

    private static int Cost(RetryKind kind) => kind == RetryKind.Throttling ? StandardRetryMode.ThrottlingRetryCost : StandardRetryMode.RetryCost;
}
