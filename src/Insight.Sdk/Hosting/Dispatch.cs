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
        handle(Read(context.Payload.Span, InsightJsonContext.Default.ScheduledEvent, nameof(ScheduledEvent)), context);

    /// <summary>
    /// An SQS batch whose message bodies are <typeparamref name="TEvent"/>. Each message succeeds or fails on its
    /// own; the response names the failed ones so only they return to the queue. Messages not reached before
    /// the deadline are reported failed, not dropped.
    /// </summary>
    public static async ValueTask SqsBatchAsync<TEvent>(
        InvocationContext context, IBufferWriter<byte> response, JsonTypeInfo<TEvent> eventType,
        Func<TEvent, InvocationContext, ValueTask> handle)
    {
        var batch = Read(context.Payload.Span, InsightJsonContext.Default.SqsEvent, nameof(SqsEvent));
        var log = context.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Insight.SqsBatch");
        var metrics = context.Services.GetRequiredService<IMetrics>();
        List<SqsBatchItemFailure>? failures = null;

        foreach (var message in batch.Records)
        {
            if (context.CancellationToken.IsCancellationRequested)
            {
                LogRecordSkipped(log, message.MessageId);
                (failures ??= []).Add(new SqsBatchItemFailure(message.MessageId));
                continue;
            }

            try
            {
                var item = Read(Encoding.UTF8.GetBytes(message.Body ?? ""), eventType, eventType.Type.Name);
                await handle(item, context).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogRecordFailed(log, exception, message.MessageId, ErrorTypes.For(exception, context.CancellationToken), exception.Message);
                (failures ??= []).Add(new SqsBatchItemFailure(message.MessageId));
            }
        }

        metrics.Add("BatchRecords", batch.Records.Count);
        metrics.Add("BatchRecordFailures", failures?.Count ?? 0);
        WriteJson(response, new SqsBatchResponse { BatchItemFailures = (IReadOnlyList<SqsBatchItemFailure>?)failures ?? [] }, InsightJsonContext.Default.SqsBatchResponse);
    }

    /// <summary>An HTTP API request whose body is <typeparamref name="TEvent"/>; answers 202 when the handler returns nothing.</summary>
    public static async ValueTask HttpApiAsync<TEvent>(
        InvocationContext context, IBufferWriter<byte> response, JsonTypeInfo<TEvent> eventType,
        Func<TEvent, InvocationContext, ValueTask> handle)
    {
        if (!TryReadBody(context, response, eventType, out var item))
        {
            return;
        }

        await handle(item, context).ConfigureAwait(false);
        WriteJson(response, new HttpApiResponse { StatusCode = 202 }, InsightJsonContext.Default.HttpApiResponse);
    }

    /// <summary>An HTTP API request whose body is <typeparamref name="TEvent"/>; the result is the 200 response's JSON body.</summary>
    public static async ValueTask HttpApiAsync<TEvent, TResult>(
        InvocationContext context, IBufferWriter<byte> response, JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType, Func<TEvent, InvocationContext, ValueTask<TResult>> handle)
    {
        if (!TryReadBody(context, response, eventType, out var item))
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
        InvocationContext context, IBufferWriter<byte> response, Func<HttpApiRequest, InvocationContext, ValueTask<HttpApiResponse>> handle)
    {
        var request = Read(context.Payload.Span, InsightJsonContext.Default.HttpApiRequest, nameof(HttpApiRequest));
        var result = await handle(request, context).ConfigureAwait(false);
        WriteJson(response, result, InsightJsonContext.Default.HttpApiResponse);
    }

    /// <summary>Reads <paramref name="json"/> as <typeparamref name="T"/> and checks its contract.</summary>
    /// <exception cref="InvalidPayloadException">Not JSON, or not that shape.</exception>
    /// <exception cref="ContractViolationException">The shape is right but a field breaks its rule.</exception>
    public static T Read<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, string typeName)
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException exception)
        {
            throw InvalidPayloadException.From(exception, typeName);
        }

        Contract.ThrowIfInvalid(value);
        return value!;
    }

    private static readonly IReadOnlyDictionary<string, string> JsonHeaders =
        new Dictionary<string, string> { ["content-type"] = "application/json" };

    private static TEvent ReadDetail<TEvent>(InvocationContext context, JsonTypeInfo<TEvent> eventType)
    {
        EventBridgeEvent<TEvent> envelope;
        try
        {
            envelope = EventBridgeEnvelope.Read(context.Payload.Span, eventType);
        }
        catch (JsonException exception)
        {
            throw InvalidPayloadException.From(exception, $"EventBridge event of {eventType.Type.Name}");
        }

        Contract.ThrowIfInvalid(envelope.Detail);
        return envelope.Detail;
    }

    private static bool TryReadBody<TEvent>(InvocationContext context, IBufferWriter<byte> response, JsonTypeInfo<TEvent> eventType, out TEvent item)
    {
        var request = Read(context.Payload.Span, InsightJsonContext.Default.HttpApiRequest, nameof(HttpApiRequest));
        try
        {
            var body = request.Body is null ? [] : request.IsBase64Encoded ? Convert.FromBase64String(request.Body) : Encoding.UTF8.GetBytes(request.Body);
            item = Read(body, eventType, eventType.Type.Name);
            return true;
        }
        catch (Exception exception) when (exception is InvalidPayloadException or ContractViolationException or FormatException)
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

    private static void WriteJson<T>(IBufferWriter<byte> response, T value, JsonTypeInfo<T> type)
    {
        using var writer = new Utf8JsonWriter(response);
        JsonSerializer.Serialize(writer, value, type);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQS message {MessageId} failed ({ErrorType}): {Reason}")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string messageId, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQS message {MessageId} not processed before the deadline; returned to the queue")]
    private static partial void LogRecordSkipped(ILogger logger, string messageId);
}
