using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Insight.Local.RuntimeApi;

namespace Insight.Cli.Local.Emulation.Running;

/// <summary>How an asynchronous invocation ended, after its retries.</summary>
internal enum AsyncInvocationResult
{
    /// <summary>An attempt succeeded.</summary>
    Succeeded,

    /// <summary>Every attempt failed (or the event grew too old) and the record went to the on-failure destination.</summary>
    SentToDestination,

    /// <summary>Every attempt failed and there is no on-failure destination (or it could not take the record): Lambda drops the event.</summary>
    Discarded,
}

/// <summary>
/// Lambda's asynchronous invocation (InvocationType <c>Event</c>) of one function: queued until an environment is free,
/// retried after a function error as the function's EventInvokeConfig says (one minute before the second attempt, two
/// before the third, in emulated time), never past the maximum event age; then the invocation record goes to the
/// on-success or on-failure destination in Lambda's destination record shape.
/// </summary>
internal sealed class AsyncInvoker(FunctionPool pool, LocalClock clock, ILocalLogSink logs, string tenantId, AsyncInvoker.SendToDestination send)
{
    /// <summary>Delivers a destination record (JSON) to the function, queue or bus with ARN <c>arn</c>; false when it could not.</summary>
    public delegate Task<bool> SendToDestination(string arn, string json, string detailType, CancellationToken cancellationToken);

    private const string FailureDetailType = "Lambda Function Invocation Result - Failure";
    private const string SuccessDetailType = "Lambda Function Invocation Result - Success";

    /// <summary>Runs the invocation to its end and says how it ended.</summary>
    public async Task<AsyncInvocationResult> InvokeAsync(string payloadJson, CancellationToken cancellationToken)
    {
        var plan = pool.Function.AsyncInvoke;
        var receivedAt = clock.Now;
        var payload = Encoding.UTF8.GetBytes(payloadJson);
        var attempts = 0;
        InvocationOutcome? last = null;
        string condition;
        while (true)
        {
            var age = clock.Now - receivedAt;
            if (age >= plan.MaximumEventAge || !await pool.WaitForSlotAsync(clock.ToReal(plan.MaximumEventAge - age), cancellationToken).ConfigureAwait(false))
            {
                condition = "EventAgeExceeded";
                break;
            }

            last = await pool.RunInSlotAsync(payload, cancellationToken).ConfigureAwait(false);
            attempts++;
            if (!last.IsError)
            {
                if (plan.OnSuccessArn is { } onSuccess)
                {
                    await send(onSuccess, Record(payloadJson, "Success", attempts, last), SuccessDetailType, cancellationToken).ConfigureAwait(false);
                }

                return AsyncInvocationResult.Succeeded;
            }

            if (attempts > plan.MaximumRetryAttempts)
            {
                condition = "RetriesExhausted";
                break;
            }

            await clock.DelayAsync(TimeSpan.FromMinutes(attempts), cancellationToken).ConfigureAwait(false);
        }

        var why = $"{condition} after {attempts.ToString(CultureInfo.InvariantCulture)} attempt(s){(last is null ? "" : $", last error {last.ErrorType}: {last.ErrorMessage}")}";
        if (plan.OnFailureArn is { } onFailure
            && await send(onFailure, Record(payloadJson, condition, attempts, last), FailureDetailType, cancellationToken).ConfigureAwait(false))
        {
            logs.Write(tenantId, pool.Function.FunctionName, $"[insight local] asynchronous invocation failed ({why}); sent to {onFailure}.", isError: true);
            return AsyncInvocationResult.SentToDestination;
        }

        logs.Write(tenantId, pool.Function.FunctionName, $"[insight local] asynchronous invocation failed ({why}); the event is discarded: the function has no on-failure destination that took it.", isError: true);
        return AsyncInvocationResult.Discarded;
    }

    /// <summary>Lambda's invocation record, as a destination receives it.</summary>
    private string Record(string requestPayload, string condition, int attempts, InvocationOutcome? last)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteString("timestamp", clock.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("requestContext");
            json.WriteString("requestId", last?.RequestId ?? Guid.NewGuid().ToString());
            json.WriteString("functionArn", $"{pool.Function.Arn}:$LATEST");
            json.WriteString("condition", condition);
            json.WriteNumber("approximateInvokeCount", attempts);
            json.WriteEndObject();
            json.WritePropertyName("requestPayload");
            WriteJsonOrString(json, Encoding.UTF8.GetBytes(requestPayload));
            if (last is not null)
            {
                json.WriteStartObject("responseContext");
                json.WriteNumber("statusCode", 200);
                json.WriteString("executedVersion", "$LATEST");
                if (last.IsError)
                {
                    json.WriteString("functionError", "Unhandled");
                }

                json.WriteEndObject();
                json.WritePropertyName("responsePayload");
                if (last.Body.Length == 0)
                {
                    json.WriteStartObject();
                    json.WriteString("errorMessage", last.ErrorMessage);
                    json.WriteString("errorType", last.ErrorType);
                    json.WriteEndObject();
                }
                else
                {
                    WriteJsonOrString(json, last.Body);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJsonOrString(Utf8JsonWriter json, byte[] value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(Encoding.UTF8.GetString(value));
        }
    }
}
