using System.Text.Json.Serialization;
using Insight.Sdk.Hosting;
using Insight.Sdk.Serialization;

namespace Insight.Sdk.Aws;

/// <summary>A batch of SQS messages as Lambda's event source mapping delivers it.</summary>
public sealed record SqsEvent
{
    /// <summary>The messages of the batch; every event Lambda delivers from SQS has it.</summary>
    [JsonPropertyName("Records")]
    [JsonRequired]
    public IReadOnlyList<SqsMessage> Records { get; init; } = [];
}

/// <summary>One SQS message of a batch.</summary>
public sealed record SqsMessage
{
    /// <summary>The id to name in <see cref="SqsBatchResponse.BatchItemFailures"/> when this message fails.</summary>
    [JsonPropertyName("messageId")]
    public required string MessageId { get; init; }

    /// <summary>Receipt handle of this delivery.</summary>
    [JsonPropertyName("receiptHandle")]
    public string? ReceiptHandle { get; init; }

    /// <summary>The message body: one event as JSON text.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>System attributes such as <c>ApproximateReceiveCount</c>.</summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>MD5 of the body.</summary>
    [JsonPropertyName("md5OfBody")]
    public string? Md5OfBody { get; init; }

    /// <summary>Always <c>aws:sqs</c>.</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }

    /// <summary>ARN of the queue.</summary>
    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; init; }

    /// <summary>Region of the queue.</summary>
    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; init; }
}

/// <summary>
/// The partial-batch response: only the messages named here return to the queue, so one bad message never
/// makes the good ones run again. The event source mapping must enable <c>ReportBatchItemFailures</c>.
/// </summary>
public sealed record SqsBatchResponse
{
    /// <summary>The messages that failed.</summary>
    [JsonPropertyName("batchItemFailures")]
    public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; init; } = [];
}

/// <summary>One failed message of a batch.</summary>
public sealed record SqsBatchItemFailure(
    [property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);

/// <summary>Reads the batch Lambda's SQS event source mapping delivers, and checks what the partial-batch response needs.</summary>
public static class SqsEnvelope
{
    private const string Subject = "SQS event";

    /// <summary>Reads <paramref name="json"/> as an SQS event.</summary>
    /// <exception cref="InvalidPayloadException">
    /// Not an SQS event: no <c>Records</c> array, a record that is not an object, or one without the <c>messageId</c> a
    /// failure would have to name. The batch then fails as a whole and returns to the queue.
    /// </exception>
    public static SqsEvent Read(ReadOnlySpan<byte> json)
    {
        var batch = Dispatch.Read(json, InsightJsonContext.Default.SqsEvent, Subject);
        if (batch.Records is null)
        {
            throw new InvalidPayloadException(Subject, "$.Records", "expected an array of SQS messages, found null");
        }

        for (var i = 0; i < batch.Records.Count; i++)
        {
            var message = batch.Records[i];
            if (message is null)
            {
                throw new InvalidPayloadException(Subject, $"$.Records[{i}]", "expected an object (an SQS message), found null");
            }

            if (string.IsNullOrEmpty(message.MessageId))
            {
                throw new InvalidPayloadException(Subject, $"$.Records[{i}].messageId", $"expected the message's id, found {(message.MessageId is null ? "null" : "an empty string")}; a failed message is named by it");
            }
        }

        return batch;
    }
}
