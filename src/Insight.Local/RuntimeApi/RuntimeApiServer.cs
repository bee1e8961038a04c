using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Insight.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Insight.Local.RuntimeApi;

/// <summary>
/// An in-process implementation of the Lambda Runtime API (2018-06-01), so a real runtime
/// binary can be driven locally exactly as the Lambda service would drive it.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>Lambda's synchronous response payload limit.</summary>
    internal const int MaxPayloadBytes = 6 * 1024 * 1024;

    private const string BasePath = "/2018-06-01";
    private const string JsonContentType = "application/json";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private const string DefaultFunctionArn = "arn:aws:lambda:eu-central-1:123456789012:function:local";

    private static readonly byte[] StatusOkBody = """{"status":"OK"}"""u8.ToArray();

    private readonly Channel<Invocation> _queue = Channel.CreateUnbounded<Invocation>();
    private readonly ConcurrentDictionary<string, Invocation> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InitErrorReport> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DateTimeOffset> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _firstNextTimestamp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _faultLock = new();
    private readonly WebApplication _app;

    private string _functionArn = DefaultFunctionArn;
    private string? _lastUserAgent;
    private int _nextRequestCount;
    private int _faultsRemaining;
    private int _faultStatusCode;
    private int _disposed;

    private RuntimeApiServer()
    {
        // The empty builder reads no environment variables or appsettings and registers no
        // logging providers, so the host process's configuration cannot leak in and nothing
        // is written to the console.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;

            // Size limits are enforced per endpoint so oversized responses get Lambda's 413 body.
            options.Limits.MaxRequestBodySize = null;
            options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddRoutingCore();

        // The default console lifetime would capture Ctrl+C/SIGTERM of whatever process hosts us.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();

        _app = builder.Build();
        _app.MapGet($"{BasePath}/runtime/invocation/next", HandleNextAsync);
        _app.MapPost($"{BasePath}/runtime/invocation/{{requestId}}/response", HandleResponseAsync);
        _app.MapPost($"{BasePath}/runtime/invocation/{{requestId}}/error", HandleErrorAsync);
        _app.MapPost($"{BasePath}/runtime/init/error", HandleInitErrorAsync);
    }

    /// <summary>
    /// Starts a server on a free loopback port, so parallel tests never contend for a fixed port.
    /// </summary>
    public static async Task<RuntimeApiServer> StartAsync(CancellationToken ct = default)
    {
        var server = new RuntimeApiServer();
        try
        {
            await server._app.StartAsync(ct).ConfigureAwait(false);
            server.Address = ResolveAddress(server._app);
            return server;
        }
        catch
        {
            await server._app.DisposeAsync().ConfigureAwait(false);
            server._stopping.Dispose();
            throw;
        }
    }

    /// <summary>Host and port in the exact form runtimes expect in <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>ARN reported to the runtime for invocations that do not override it.</summary>
    public string FunctionArn
    {
        get => Volatile.Read(ref _functionArn);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _functionArn, value);
        }
    }

    /// <summary>Completes when the runtime reports an initialization failure, so callers can stop waiting for <c>/next</c>.</summary>
    public Task<InitErrorReport> InitError => _initError.Task;

    /// <summary>Wall-clock arrival of the first <c>/next</c>, marking the end of the runtime's cold start.</summary>
    public Task<DateTimeOffset> FirstNextRequest => _firstNext.Task;

    /// <summary>
    /// <see cref="Stopwatch.GetTimestamp"/> at the first <c>/next</c>, for cold-start durations
    /// that are immune to wall-clock adjustments.
    /// </summary>
    public Task<long> FirstNextRequestTimestamp => _firstNextTimestamp.Task;

    /// <summary>The <c>User-Agent</c> of the runtime's latest request, as it identifies itself to the Runtime API.</summary>
    public string? LastUserAgent => Volatile.Read(ref _lastUserAgent);

    /// <summary>How many times the runtime has polled, including polls answered with an injected fault.</summary>
    public int NextRequestCount => Volatile.Read(ref _nextRequestCount);

    /// <summary>
    /// Makes the next <paramref name="count"/> <c>/next</c> polls fail with <paramref name="statusCode"/>,
    /// to test how a runtime copes with service errors. Replaces any faults still pending.
    /// </summary>
    public void FailNextRequests(int count, int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);

        lock (_faultLock)
        {
            _faultsRemaining = count;
            _faultStatusCode = statusCode;
        }
    }

    /// <summary>
    /// Queues an invocation for the runtime and completes when the runtime answers it,
    /// so a test reads like a synchronous Lambda Invoke call.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(
        ReadOnlyMemory<byte> payload, InvocationOptions? options = null, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= InvocationOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));

        var invocation = new Invocation
        {
            RequestId = options.RequestId ?? Guid.NewGuid().ToString(),
            Payload = payload.ToArray(),
            Timeout = options.Timeout,
            FunctionArn = options.FunctionArn ?? FunctionArn,
            TraceId = options.TraceId ?? Invocation.NewTraceId(),
            ClientContext = options.ClientContext,
            CognitoIdentity = options.CognitoIdentity,
            TenantId = options.TenantId,
        };

        if (!_pending.TryAdd(invocation.RequestId, invocation))
        {
            throw new InvalidOperationException($"An invocation with request id '{invocation.RequestId}' is already pending.");
        }

        try
        {
            if (!_queue.Writer.TryWrite(invocation))
            {
                throw new ObjectDisposedException(nameof(RuntimeApiServer));
            }

            // A cancelled invocation that is still queued is skipped by /next; one already
            // dispatched is answered with 400 when the runtime eventually posts for it.
            await using (ct.Register(() => invocation.Completion.TrySetCanceled(ct)).ConfigureAwait(false))
            {
                return await invocation.Completion.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            // Removed here rather than when answered so the id cannot be reused while the
            // caller has not yet observed the outcome.
            _pending.TryRemove(new KeyValuePair<string, Invocation>(invocation.RequestId, invocation));
        }
    }

    /// <summary>String overload for the common case of a JSON event literal in a test.</summary>
    public Task<InvocationOutcome> InvokeAsync(
        string jsonPayload, InvocationOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(jsonPayload);
        return InvokeAsync(System.Text.Encoding.UTF8.GetBytes(jsonPayload), options, ct);
    }

    /// <summary>Stops the server and fails any invocation still waiting, so no test hangs on a dead server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);

        // Long polls have been released above; this only bounds handlers stuck reading a slow body.
        using (var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(shutdownTimeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);

        foreach (var invocation in _pending.Values)
        {
            invocation.Completion.TrySetException(new ObjectDisposedException(nameof(RuntimeApiServer)));
        }

        _initError.TrySetCanceled();
        _firstNext.TrySetCanceled();
        _firstNextTimestamp.TrySetCanceled();
        _stopping.Dispose();
    }

    private async Task HandleNextAsync(HttpContext context)
    {
        Volatile.Write(ref _lastUserAgent, context.Request.Headers.UserAgent.ToString());
        long arrival = Stopwatch.GetTimestamp();
        if (Interlocked.Increment(ref _nextRequestCount) == 1)
        {
            _firstNextTimestamp.TrySetResult(arrival);
            _firstNext.TrySetResult(DateTimeOffset.UtcNow);
        }

        if (TryConsumeFault(out int faultStatusCode))
        {
            string errorType = faultStatusCode >= 500
                ? "ServiceException"
                : ReasonPhrases.GetReasonPhrase(faultStatusCode).Replace(" ", string.Empty, StringComparison.Ordinal);
            await WriteErrorAsync(
                context,
                faultStatusCode,
                errorType.Length > 0 ? errorType : "InjectedFault",
                $"Injected fault ({faultStatusCode}) from {nameof(FailNextRequests)}.").ConfigureAwait(false);
            return;
        }

        Invocation? invocation;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
        {
            try
            {
                invocation = await DequeueAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                invocation = null;
            }
        }

        if (invocation is null)
        {
            // Either the runtime went away or we are shutting down; in the latter case dropping
            // the connection is closer to a frozen sandbox than any status code would be.
            context.Abort();
            return;
        }

        // Kestrel silently discards writes to a closed connection, so a poller that disconnected
        // just as the invocation arrived must be caught here or the event would be lost.
        if (context.RequestAborted.IsCancellationRequested || PeerHasClosed(context))
        {
            Requeue(invocation);
            return;
        }

        try
        {
            await WriteInvocationAsync(context, invocation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            Requeue(invocation);
        }
    }

    private async Task HandleResponseAsync(HttpContext context)
    {
        Volatile.Write(ref _lastUserAgent, context.Request.Headers.UserAgent.ToString());
        if (!TryGetAnswerable(context, out var invocation))
        {
            await WriteInvalidRequestIdAsync(context).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context.Request, MaxPayloadBytes).ConfigureAwait(false);
        if (body is null)
        {
            await RejectOversizedAsync(context, invocation).ConfigureAwait(false);
            return;
        }

        var outcome = new InvocationOutcome { RequestId = invocation.RequestId, Body = body };
        await AcknowledgeAsync(context, invocation.Completion.TrySetResult(outcome)).ConfigureAwait(false);
    }

    private async Task HandleErrorAsync(HttpContext context)
    {
        Volatile.Write(ref _lastUserAgent, context.Request.Headers.UserAgent.ToString());
        if (!TryGetAnswerable(context, out var invocation))
        {
            await WriteInvalidRequestIdAsync(context).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context.Request, MaxPayloadBytes).ConfigureAwait(false);
        if (body is null)
        {
            await RejectOversizedAsync(context, invocation).ConfigureAwait(false);
            return;
        }

        var error = ErrorPayload.Parse(body);
        var outcome = new InvocationOutcome
        {
            RequestId = invocation.RequestId,
            IsError = true,
            Body = body,
            ErrorType = ReadErrorTypeHeader(context.Request) ?? error.ErrorType,
            ErrorMessage = error.ErrorMessage,
            StackTrace = error.StackTrace,
        };
        await AcknowledgeAsync(context, invocation.Completion.TrySetResult(outcome)).ConfigureAwait(false);
    }

    private async Task HandleInitErrorAsync(HttpContext context)
    {
        Volatile.Write(ref _lastUserAgent, context.Request.Headers.UserAgent.ToString());
        var body = await ReadBodyAsync(context.Request, MaxPayloadBytes).ConfigureAwait(false);
        var error = body is null ? default : ErrorPayload.Parse(body);

        // Recorded even when oversized: a waiting caller needs to learn that init failed either way.
        _initError.TrySetResult(new InitErrorReport
        {
            ErrorType = ReadErrorTypeHeader(context.Request) ?? error.ErrorType,
            ErrorMessage = error.ErrorMessage,
            Body = body ?? [],
        });

        if (body is null)
        {
            await WriteOversizedAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, StatusCodes.Status202Accepted, StatusOkBody).ConfigureAwait(false);
    }

    private async Task<Invocation?> DequeueAsync(CancellationToken ct)
    {
        // WaitToReadAsync consumes nothing, so a poll cancelled while waiting leaves the queue intact.
        while (await _queue.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var invocation))
            {
                // Invocations cancelled by their caller while queued are dropped here.
                if (invocation.TryMarkDispatched())
                {
                    return invocation;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Asks the socket directly whether the peer has sent FIN/RST. Kestrel notices the same
    /// thing only once its receive loop gets scheduled, which can be milliseconds later: long
    /// enough for an invocation queued right after a disconnect to be written into the void.
    /// </summary>
    private static bool PeerHasClosed(HttpContext context)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        try
        {
            // A /next client sends nothing while it waits, so "readable with no data" means closed.
            return socket is not null && socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    private void Requeue(Invocation invocation)
    {
        invocation.MarkUndispatched();
        if (!_queue.Writer.TryWrite(invocation))
        {
            invocation.Completion.TrySetException(new ObjectDisposedException(nameof(RuntimeApiServer)));
        }
    }

    private bool TryConsumeFault(out int statusCode)
    {
        lock (_faultLock)
        {
            statusCode = _faultStatusCode;
            if (_faultsRemaining == 0)
            {
                return false;
            }

            _faultsRemaining--;
            return true;
        }
    }

    private bool TryGetAnswerable(HttpContext context, out Invocation invocation)
    {
        invocation = null!;
        return context.Request.RouteValues["requestId"] is string requestId
            && _pending.TryGetValue(requestId, out invocation!)
            && invocation.IsDispatched
            && !invocation.Completion.Task.IsCompleted;
    }

    private static async Task WriteInvocationAsync(HttpContext context, Invocation invocation)
    {
        long deadlineMs = DateTimeOffset.UtcNow.Add(invocation.Timeout).ToUnixTimeMilliseconds();

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = invocation.Payload.Length;

        var headers = response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = deadlineMs.ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        SetIfPresent(headers, "Lambda-Runtime-Client-Context", invocation.ClientContext);
        SetIfPresent(headers, "Lambda-Runtime-Cognito-Identity", invocation.CognitoIdentity);
        SetIfPresent(headers, "Lambda-Runtime-Aws-Tenant-Id", invocation.TenantId);

        await response.Body.WriteAsync(invocation.Payload, context.RequestAborted).ConfigureAwait(false);
        await response.CompleteAsync().ConfigureAwait(false);
    }

    private static void SetIfPresent(IHeaderDictionary headers, string name, string? value)
    {
        if (value is not null)
        {
            headers[name] = value;
        }
    }

    private static async Task RejectOversizedAsync(HttpContext context, Invocation invocation)
    {
        var body = ErrorPayload.Serialize("RequestEntityTooLarge", OversizedMessage);
        var completed = invocation.Completion.TrySetResult(new InvocationOutcome
        {
            RequestId = invocation.RequestId,
            IsError = true,
            Body = body,
            ErrorType = "RequestEntityTooLarge",
            ErrorMessage = OversizedMessage,
        });

        if (!completed)
        {
            await WriteInvalidRequestIdAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, StatusCodes.Status413PayloadTooLarge, body).ConfigureAwait(false);
    }

    private static string OversizedMessage =>
        $"Exceeded maximum allowed payload size ({MaxPayloadBytes.ToString(CultureInfo.InvariantCulture)} bytes).";

    private static Task WriteOversizedAsync(HttpContext context) =>
        WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge", OversizedMessage);

    // A concurrent post for the same id can win between lookup and completion; the loser sees 400.
    private static Task AcknowledgeAsync(HttpContext context, bool completed) =>
        completed
            ? WriteJsonAsync(context, StatusCodes.Status202Accepted, StatusOkBody)
            : WriteInvalidRequestIdAsync(context);

    private static Task WriteInvalidRequestIdAsync(HttpContext context) =>
        WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequestID", "Invalid request ID");

    private static Task WriteErrorAsync(HttpContext context, int statusCode, string errorType, string errorMessage) =>
        WriteJsonAsync(context, statusCode, ErrorPayload.Serialize(errorType, errorMessage));

    private static async Task WriteJsonAsync(HttpContext context, int statusCode, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? ReadErrorTypeHeader(HttpRequest request)
    {
        string? value = request.Headers[ErrorTypeHeader];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Reads the whole body, or returns null as soon as it is known to exceed <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)(request.ContentLength ?? 0));
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static string ResolveAddress(WebApplication app)
    {
        // Kestrel rewrites the port-0 binding to the real port once listening.
        var uri = new Uri(app.Urls.Single());
        return $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
    }
}
