using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Insight.Sdk.Aws;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Insight.Sdk.Runtime;
using Insight.Sdk.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Insight.Sdk.Hosting;

/// <summary>
/// The trigger-specific half of an invocation: unwrap the envelope, read and validate the event, call the
/// handler, shape the response. Generated invokers supply only the handler call.
/// </summary>
public static partial class Dispatch
{
    /// <summary>An EventBridge event whose detail is <typeparamref name="TEvent"/>; no response body.</summary>
    public static ValueTask EventBridgeAsync<TEvent>(
        InvocationContext context, JsonTypeInfo<TEvent> eventType, Func<TEvent, InvocationContext, ValueTask> handle) =>
        handle(ReadDetail(context, eventType), context);

    /// <summary>An EventBridge event whose detail is <typeparamref name="TEvent"/>; the handler's result is the response body.</summary>
    public static async ValueTask EventBridgeAsync<TEvent, TResult>(
        InvocationContext context, IBufferWriter<byte> response, JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType, Func<TEvent, InvocationContext, ValueTask<TResult>> handle)
    {
        var result = await handle(ReadDetail(context, eventType), context).ConfigureAwait(false);
        WriteJson(response, result, resultType);
    }

    /// <summary>A scheduled event.</summary>
    public static ValueTask ScheduleAsync(InvocationContext context, Func<ScheduledEvent, InvocationContext, ValueTask> handle) =>
        handle(Read(context.Payload.Span, InsightJsonContext.Default.ScheduledEvent, "scheduled event"), context);

    /// <summary>
    /// An SQS batch whose message bodies are <typeparamref name="TEvent"/>. Each message succeeds or fails on its
    /// own; the response names the failed ones so only they return to the queue. Messages not reached before
    /// the deadline are reported failed, not dropped. A malformed batch (no <c>Records</c>, a record without its
    /// <c>messageId</c>) fails as a whole: without the ids no message could be named.
    /// </summary>
    public static async ValueTask SqsBatchAsync<TEvent>(
        InvocationContext context, IBufferWriter<byte> response, JsonTypeInfo<TEvent> eventType,
        Func<TEvent, InvocationContext, ValueTask> handle)
    {
        var batch = SqsEnvelope.Read(context.Payload.Span);
        var log = context.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Insight.SqsBatch");
        var metrics = context.Services.GetRequiredService<IMetrics>();
        List<SqsBatchItemFailure>? failures = null;

        foreach (var message in batch.Records)
        {
            var body = Encoding.UTF8.GetBytes(message.Body ?? "");
            context.Handling(body, inDetail: false);
            if (context.CancellationToken.IsCancellationRequested)
            {
                LogRecordSkipped(log, message.MessageId);
                (failures ??= []).Add(new SqsBatchItemFailure(message.MessageId));
                continue;
            }

            try
            {
                var item = Read(body, eventType, $"{eventType.Type.Name} in the body of SQS message {message.MessageId}");
                context.Handling(body, inDetail: false, item);
                await handle(item, context).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogRecordFailed(log, exception, message.MessageId, ErrorTypes.For(exception, context.CancellationToken), exception.Message);
                (failures ??= []).Add(new SqsBatchItemFailure(message.MessageId));
            }
        }

        context.Handling(default, inDetail: false);
        metrics.Add("BatchRecords", batch.Records.Count);
        metrics.Add("BatchRecordFailures", failures?.Count ?? 0);
        WriteJson(response, new SqsBatchResponse { BatchItemFailures = (IReadOnlyList<SqsBatchItemFailure>?)failures ?? [] }, InsightJsonContext.Default.SqsBatchResponse);
    }

    /// <summary>An HTTP API request whose body is <typeparamref name="TEvent"/>; answers 202 when the handler returns nothing.</summary>
    public static async ValueTask HttpApiAsync<TEvent>(
        InvocationContext context, IBufferWriter<byte> response, RouteSecurity security, JsonTypeInfo<TEvent> eventType,
        Func<TEvent, InvocationContext, ValueTask> handle)
    {
        if (!TryAuthorize(context, response, security, out var request) || !TryReadBody(context, request, response, eventType, out var item))
        {
            return;
        }

        await handle(item, context).ConfigureAwait(false);
        WriteJson(response, new HttpApiResponse { StatusCode = 202 }, InsightJsonContext.Default.HttpApiResponse);
    }

    /// <summary>An HTTP API request whose body is <typeparamref name="TEvent"/>; the result is the 200 response's JSON body.</summary>
    public static async ValueTask HttpApiAsync<TEvent, TResult>(
        InvocationContext context, IBufferWriter<byte> response, RouteSecurity security, JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType, Func<TEvent, InvocationContext, ValueTask<TResult>> handle)
    {
        if (!TryAuthorize(context, response, security, out var request) || !TryReadBody(context, request, response, eventType, out var item))
        {
            return;
        }

        var result = await handle(item, context).ConfigureAwait(false);
        WriteJson(response, new HttpApiResponse
        {
            StatusCode = 200,
            Headers = JsonHeaders,
            Body = JsonSerializer.Serialize(result, resultType),
        }, InsightJsonContext.Default.HttpApiResponse);
    }

    /// <summary>An HTTP API request handled as it is: the handler sees the whole request and shapes the whole response.</summary>
    public static async ValueTask HttpApiRawAsync(
        InvocationContext context, IBufferWriter<byte> response, RouteSecurity security, Func<HttpApiRequest, InvocationContext, ValueTask<HttpApiResponse>> handle)
    {
        if (!TryAuthorize(context, response, security, out var request))
        {
            return;
        }

        var result = await handle(request, context).ConfigureAwait(false);
        WriteJson(response, result, InsightJsonContext.Default.HttpApiResponse);
    }

    /// <summary>Reads <paramref name="json"/> as <typeparamref name="T"/> and checks its contract.</summary>
    /// <param name="json">The payload, or the part of it that holds the event.</param>
    /// <param name="type">The event type's source-generated metadata.</param>
    /// <param name="typeName">What is being read, for messages: <c>ScanEvent</c>, <c>SQS event</c>.</param>
    /// <exception cref="InvalidPayloadException">Not JSON, or not that shape: names the path, what was expected and what was found.</exception>
    /// <exception cref="ContractViolationException">The shape is right but a field breaks its rule.</exception>
    public static T Read<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, string typeName)
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, type);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw InvalidPayloadException.Explain(json, type, typeName, exception);
        }

        if (value is null)
        {
            throw new InvalidPayloadException(typeName, "$", $"expected an object, found null");
        }

        Contract.ThrowIfInvalid(value, "$");
        return value;
    }

    private static readonly IReadOnlyDictionary<string, string> JsonHeaders =
        new Dictionary<string, string> { ["content-type"] = "application/json" };

    private static TEvent ReadDetail<TEvent>(InvocationContext context, JsonTypeInfo<TEvent> eventType)
    {
        context.Handling(context.Payload, inDetail: true);
        var detail = EventBridgeEnvelope.ReadDetail(context.Payload.Span, eventType);
        context.Handling(context.Payload, inDetail: true, detail);
        Contract.ThrowIfInvalid(detail, "$.detail");
        return detail;
    }

    /// <summary>
    /// Defence in depth behind API Gateway's JWT authorizer: an authenticated route serves only a request that carries
    /// the authorizer's verified claims (no claims means the route was deployed without its authorizer: refused, never
    /// served anonymously), whose tenant claim is this deployment's tenant, and whose scopes include the route's. The
    /// caller reaches the handler as <see cref="InvocationContext.Caller"/>. Claims and tokens are never logged.
    /// </summary>
    private static bool TryAuthorize(InvocationContext context, IBufferWriter<byte> response, RouteSecurity security, out HttpApiRequest request)
    {
        request = Read(context.Payload.Span, InsightJsonContext.Default.HttpApiRequest, "HTTP API request");
        var jwt = request.RequestContext?.Authorizer?.Jwt;
        var claims = jwt?.Claims;
        if (claims is null)
        {
            if (security.IsAnonymous)
            {
                return true;
            }

            LogNoAuthorizer(Logger(context), request.RequestContext?.RouteKey ?? request.RouteKey ?? "(no route key)");
            WriteError(response, 401, "Unauthorized", "The request carries no verified token.");
            return false;
        }

        var tenantClaim = context.Tenant.TenantClaim;
        claims.TryGetValue(tenantClaim, out var tenant);
        var scopes = jwt!.Scopes ?? ScopesFromClaims(claims);
        var caller = new Caller(claims.GetValueOrDefault("sub"), scopes, tenant, claims);
        if (!security.IsAnonymous)
        {
            if (!string.Equals(tenant, context.Tenant.TenantId, StringComparison.Ordinal))
            {
                WriteError(response, 403, "Forbidden", tenant is null
                    ? $"The token has no {tenantClaim} claim."
                    : "The token was issued for another tenant.");
                return false;
            }

            var missing = security.Scopes.Where(scope => !caller.HasScope(scope)).ToList();
            if (missing.Count > 0)
            {
                WriteError(response, 403, "Forbidden", $"The token lacks the scope {string.Join(", ", missing)} this route requires.");
                return false;
            }
        }

        context.Caller = caller;
        return true;
    }

    /// <summary>OAuth scopes as the <c>scope</c> (space-separated) or <c>scp</c> claim carries them.</summary>
    private static string[] ScopesFromClaims(IReadOnlyDictionary<string, string> claims) =>
        (claims.GetValueOrDefault("scope") ?? claims.GetValueOrDefault("scp") ?? "")
            .Trim('[', ']')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ILogger Logger(InvocationContext context) =>
        context.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Insight.HttpApi");

    private static void WriteError(IBufferWriter<byte> response, int status, string error, string message) =>
        WriteJson(response, new HttpApiResponse
        {
            StatusCode = status,
            Headers = JsonHeaders,
            Body = JsonSerializer.Serialize(new HttpErrorBody(error, message, null), InsightJsonContext.Default.HttpErrorBody),
        }, InsightJsonContext.Default.HttpApiResponse);

    private static bool TryReadBody<TEvent>(InvocationContext context, HttpApiRequest request, IBufferWriter<byte> response, JsonTypeInfo<TEvent> eventType, out TEvent item)
    {
        try
        {
            var body = ReadBody(request);
            context.Handling(body, inDetail: false);
            item = Read(body, eventType, eventType.Type.Name);
            context.Handling(body, inDetail: false, item);
            return true;
        }
        catch (Exception exception) when (exception is InvalidPayloadException or ContractViolationException)
        {
            // A client's mistake is a 400 for the client, not a function error that would page the operator.
            var violations = (exception as ContractViolationException)?.Violations.Select(v => v.ToString()).ToArray();
            var error = new HttpErrorBody(exception is ContractViolationException ? "ContractViolation" : "InvalidPayload", exception.Message, violations);
            WriteJson(response, new HttpApiResponse
            {
                StatusCode = 400,
                Headers = JsonHeaders,
                Body = JsonSerializer.Serialize(error, InsightJsonContext.Default.HttpErrorBody),
            }, InsightJsonContext.Default.HttpApiResponse);
            item = default!;
            return false;
        }
    }

    /// <summary>The request body's bytes, decoded from base64 where API Gateway encoded it.</summary>
    /// <exception cref="InvalidPayloadException">The body is marked base64 but is not.</exception>
    public static byte[] ReadBody(HttpApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body is null)
        {
            return [];
        }

        if (!request.IsBase64Encoded)
        {
            return Encoding.UTF8.GetBytes(request.Body);
        }

        try
        {
            return Convert.FromBase64String(request.Body);
        }
        catch (FormatException exception)
        {
            throw new InvalidPayloadException("HTTP API request", "$.body", "isBase64Encoded is true, but the body is not valid base64", exception);
        }
    }

    // One writer per thread, pointed at each response in turn, rather than a new writer per invocation.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static void WriteJson<T>(IBufferWriter<byte> response, T value, JsonTypeInfo<T> type)
    {
        var writer = t_writer ??= new Utf8JsonWriter(response);
        writer.Reset(response);
        try
        {
            JsonSerializer.Serialize(writer, value, type);
            writer.Flush();
        }
        finally
        {
            // The writer must not keep the response buffer alive between invocations.
            writer.Reset(Stream.Null);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused a request to {RouteKey}: it carries no verified token, so the route was deployed without its JWT authorizer")]
    private static partial void LogNoAuthorizer(ILogger logger, string routeKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQS message {MessageId} failed ({ErrorType}): {Reason}")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string messageId, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQS message {MessageId} not processed before the deadline; returned to the queue")]
    private static partial void LogRecordSkipped(ILogger logger, string messageId);
}
