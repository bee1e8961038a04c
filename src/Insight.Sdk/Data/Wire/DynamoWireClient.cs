using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Insight.Sdk.Runtime;

namespace Insight.Sdk.Data.Wire;

/// <summary>
/// <see cref="IDynamoWire"/> over one <see cref="HttpClient"/>: the request body is written once into a pooled buffer and
/// hashed once; each attempt is signed with Signature Version 4 (credentials from the AWS SDK's chain), sent as AWS JSON
/// 1.0 and, on failure, retried as the AWS SDK's standard mode retries a DynamoDB call. Errors become the exceptions
/// <c>AmazonDynamoDBClient</c> throws, wrapped as the typed tables wrap them (<see cref="DynamoCall"/>).
/// </summary>
public sealed class DynamoWireClient : IDynamoWire
{
    /// <summary>The service name in the signature's scope.</summary>
    public const string SigningService = "dynamodb";

    /// <summary>The content type of DynamoDB's JSON protocol.</summary>
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>What <c>X-Amz-Target</c> names before the operation.</summary>
    public const string TargetPrefix = "DynamoDB_20120810.";

    private const string SignedHeaders = "content-type;host;x-amz-date;x-amz-target";
    private const string SignedHeadersWithToken = "content-type;host;x-amz-date;x-amz-security-token;x-amz-target";

    // A JSON body goes to DynamoDB, never into HTML: non-ASCII text need not be escaped, which keeps bodies small.
    private static readonly ConcurrentDictionary<string, string> Targets = new(StringComparer.Ordinal);

    // Writers are used synchronously, so one per thread is reused instead of one allocated per call.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly HttpClient _http;
    private readonly Uri _requestUri;
    private readonly string _host;
    private readonly SigV4Signer _signer;
    private readonly CachedCredentials _credentials;
    private readonly DynamoRetryQuota _quota;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private readonly int _maxAttempts;

    /// <summary>Creates a client that sends through <paramref name="http"/> (which it does not dispose).</summary>
    public DynamoWireClient(HttpClient http, DynamoWireOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _http = http;
        _requestUri = new Uri(options.ServiceUrl.GetLeftPart(UriPartial.Authority) + "/");
        _host = _requestUri.Authority;
        _signer = new SigV4Signer(options.Region, SigningService);
        _credentials = new CachedCredentials(options.Credentials, options.TimeProvider);
        _quota = options.RetryQuota;
        _time = options.TimeProvider;
        _jitter = options.Jitter;
        _maxAttempts = options.MaxAttempts;
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri ServiceUrl => _requestUri;

    /// <summary>Attempts per call, the first included.</summary>
    public int MaxAttempts => _maxAttempts;

    /// <inheritdoc/>
    public async ValueTask<TResult> SendAsync<TState, TResult>(
        string operation,
        string tableName,
        TState state,
        DynamoRequestWriter<TState> writeRequest,
        DynamoResponseReader<TState, TResult> readResponse,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(writeRequest);
        ArgumentNullException.ThrowIfNull(readResponse);

        using var body = new PooledBufferWriter(1024);
        WriteBody(body, state, writeRequest);
        var payloadHash = ArrayPool<byte>.Shared.Rent(64);
        try
        {
            HashBody(body.WrittenSpan, payloadHash);
            var target = Targets.GetOrAdd(operation, static op => TargetPrefix + op);
            var lastRetry = RetryKind.None;
            for (var attempt = 1; ; attempt++)
            {
                var outcome = await AttemptAsync(body, payloadHash, target, cancellationToken).ConfigureAwait(false);
                if (outcome.Answer is { } answer)
                {
                    using (answer)
                    {
                        _quota.Release(lastRetry);
                        return readResponse(answer.WrittenSpan, state);
                    }
                }

                var failure = outcome.Failure!;
                var kind = StandardRetryMode.Classify(failure, cancellationToken);
                if (kind == RetryKind.None || attempt >= _maxAttempts || !_quota.TryAcquire(kind))
                {
                    throw Wrap(failure, operation, tableName, cancellationToken);
                }

                lastRetry = kind;
                var delay = StandardRetryMode.Delay(attempt, kind, outcome.RetryAfterMs, _jitter());
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payloadHash);
        }
    }

    /// <summary>One signed request and its answer: the body on success, else the failure to classify.</summary>
    private async ValueTask<Outcome> AttemptAsync(PooledBufferWriter body, byte[] payloadHash, string target, CancellationToken cancellationToken)
    {
        PooledBufferWriter? answer = null;
        try
        {
            var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            using var request = BuildRequest(body, payloadHash, target, credentials);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            answer = new PooledBufferWriter(response.Content.Headers.ContentLength is > 0 and < int.MaxValue - 1 and var length ? (int)length + 1 : 4096);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await answer.ReadFromAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            if (response.IsSuccessStatusCode)
            {
                if (!ChecksumMatches(response, answer.WrittenSpan))
                {
                    // A body damaged on the way is a transient failure: the SDK retries it, and so does this client.
                    return new Outcome(null, new IOException("CRC value returned with response does not match the computed CRC value for the returned response body."), null);
                }

                var success = answer;
                answer = null;
                return new Outcome(success, null, null);
            }

            return new Outcome(null, DynamoWireErrors.FromResponse(response.StatusCode, response.Headers, answer.WrittenSpan), RetryAfter(response));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, exception, null);
        }
        finally
        {
            answer?.Dispose();
        }
    }

    private HttpRequestMessage BuildRequest(PooledBufferWriter body, byte[] payloadHash, string target, ImmutableCredentials credentials)
    {
        var amzDate = SigV4Signer.FormatDate(_time.GetUtcNow().UtcDateTime);
        var authorization = Sign(target, amzDate, payloadHash, credentials);

        var content = new ByteArrayContent(body.Buffer, 0, body.WrittenCount);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, _requestUri) { Content = content };
        var headers = request.Headers;
        headers.Host = _host;
        headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        headers.TryAddWithoutValidation("X-Amz-Target", target);
        if (credentials.UseToken)
        {
            headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        headers.TryAddWithoutValidation("Authorization", authorization);
        headers.TryAddWithoutValidation("User-Agent", RuntimeApiClient.UserAgent);
        return request;
    }

    /// <summary>The canonical headers of a DynamoDB request, already in SigV4's order: content-type, host, x-amz-*.</summary>
    private string Sign(string target, string amzDate, byte[] payloadHash, ImmutableCredentials credentials) =>
        credentials.UseToken
            ? _signer.SignCanonical("POST", [("content-type", ContentType), ("host", _host), ("x-amz-date", amzDate), ("x-amz-security-token", credentials.Token), ("x-amz-target", target)],
                SignedHeadersWithToken, payloadHash.AsSpan(0, 64), credentials, amzDate)
            : _signer.SignCanonical("POST", [("content-type", ContentType), ("host", _host), ("x-amz-date", amzDate), ("x-amz-target", target)],
                SignedHeaders, payloadHash.AsSpan(0, 64), credentials, amzDate);

    private static void WriteBody<TState>(PooledBufferWriter body, TState state, DynamoRequestWriter<TState> writeRequest)
    {
        var writer = t_writer ??= new Utf8JsonWriter(body, DynamoJson.WriterOptions);
        writer.Reset(body);
        try
        {
            writeRequest(writer, state);
            writer.Flush();
        }
        finally
        {
            // The thread's writer must not keep the call's buffer alive.
            writer.Reset(Stream.Null);
        }
    }

    private static void HashBody(ReadOnlySpan<byte> body, byte[] destination)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        SigV4Signer.WriteHex(hash, destination);
    }

    /// <summary>Whether the body's CRC-32 is the one DynamoDB computed (<c>x-amz-crc32</c>), when it sent one.</summary>
    private static bool ChecksumMatches(HttpResponseMessage response, ReadOnlySpan<byte> body) =>
        !response.Headers.TryGetValues("x-amz-crc32", out var values)
        || !uint.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var expected)
        || System.IO.Hashing.Crc32.HashToUInt32(body) == expected;

    /// <summary>The service's hint, in milliseconds, of when to try again (<c>x-amz-retry-after</c>).</summary>
    private static int? RetryAfter(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amz-retry-after", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? ms
            : null;

    /// <summary>As <see cref="DynamoCall"/> reports a failed call: a dependency error naming DynamoDB, the operation and the table.</summary>
    private static Exception Wrap(Exception failure, string operation, string tableName, CancellationToken cancellationToken)
    {
        if (DynamoCall.IsReported(failure, cancellationToken))
        {
            return DynamoCall.Failure(operation, DynamoCall.Table(tableName), failure);
        }

        ExceptionDispatchInfo.Throw(failure);
        return failure;
    }

    private readonly record struct Outcome(PooledBufferWriter? Answer, Exception? Failure, int? RetryAfterMs);
}
