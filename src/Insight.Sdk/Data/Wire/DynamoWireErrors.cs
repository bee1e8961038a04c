using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Insight.Sdk.Data.Wire;

/// <summary>
/// Turns DynamoDB's error answers into the exceptions <c>AmazonDynamoDBClient</c> throws for them, read the way
/// AWSSDK.Core's <c>JsonErrorResponseUnmarshaller</c> reads them: the code from <c>__type</c> (after <c>#</c>, before
/// <c>:</c>) or the <c>x-amzn-ErrorType</c> header, the message from <c>message</c>/<c>Message</c> (or the
/// <c>x-amzn-error-message</c> header), the request id from <c>x-amzn-RequestId</c>.
/// </summary>
internal static class DynamoWireErrors
{
    public static AmazonDynamoDBException FromResponse(HttpStatusCode status, HttpResponseHeaders headers, ReadOnlySpan<byte> body)
    {
        string? type = null, message = null, code = null;
        List<CancellationReason>? reasons = null;
        Dictionary<string, AttributeValue>? item = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("__type"))
                    {
                        type = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("message") || reader.ValueTextEquals("Message"))
                    {
                        message = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("code") || reader.ValueTextEquals("Code"))
                    {
                        code = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("CancellationReasons"))
                    {
                        reasons = ReadReasons(ref reader);
                    }
                    else if (reader.ValueTextEquals("Item"))
                    {
                        reader.Read();
                        item = reader.TokenType == JsonTokenType.Null ? null : DynamoJson.ReadAttributes(ref reader);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, a truncated body): the status and the raw body still say what happened.
        }

        if (string.IsNullOrEmpty(type) && Header(headers, "x-amzn-ErrorType") is { Length: > 0 } headerType)
        {
            type = headerType;
        }

        if (Header(headers, "x-amzn-error-message") is { Length: > 0 } headerMessage)
        {
            message = headerMessage;
        }

        if (string.IsNullOrEmpty(type) && !string.IsNullOrEmpty(code))
        {
            type = code;
        }

        var errorCode = type is null ? null : CodeOf(type);
        if (string.IsNullOrEmpty(message))
        {
            var raw = body.IsEmpty ? null : Encoding.UTF8.GetString(body);
            message = (errorCode, raw) switch
            {
                (null, null) => "The service returned an error. See inner exception for details.",
                (null, _) => "The service returned an error with HTTP Body: " + raw,
                (_, null) => $"The service returned an error with Error Code {errorCode}.",
                _ => $"The service returned an error with Error Code {errorCode} and HTTP Body: {raw}",
            };
        }

        var requestId = Header(headers, "x-amzn-RequestId");
        return Create(errorCode, message, requestId, status, reasons, item);
    }

    /// <summary>The exception type the SDK's unmarshallers pick for <paramref name="code"/>.</summary>
    private static AmazonDynamoDBException Create(
        string? code, string message, string? requestId, HttpStatusCode status, List<CancellationReason>? reasons, Dictionary<string, AttributeValue>? item)
    {
        const ErrorType type = ErrorType.Unknown;
        return code switch
        {
            "ConditionalCheckFailedException" => new ConditionalCheckFailedException(message, null, type, code, requestId, status) { Item = item },
            "TransactionCanceledException" => new TransactionCanceledException(message, null, type, code, requestId, status) { CancellationReasons = reasons },
            "ResourceNotFoundException" => new ResourceNotFoundException(message, null, type, code, requestId, status),
            "ProvisionedThroughputExceededException" => new ProvisionedThroughputExceededException(message, null, type, code, requestId, status),
            "RequestLimitExceeded" => new RequestLimitExceededException(message, null, type, code, requestId, status),
            "ThrottlingException" => new ThrottlingException(message, null, type, code, requestId, status),
            "TransactionInProgressException" => new TransactionInProgressException(message, null, type, code, requestId, status),
            "TransactionConflictException" => new TransactionConflictException(message, null, type, code, requestId, status),
            "ItemCollectionSizeLimitExceededException" => new ItemCollectionSizeLimitExceededException(message, null, type, code, requestId, status),
            "ReplicatedWriteConflictException" => new ReplicatedWriteConflictException(message, null, type, code, requestId, status),
            "IdempotentParameterMismatchException" => new IdempotentParameterMismatchException(message, null, type, code, requestId, status),
            "InternalServerError" => new InternalServerErrorException(message, null, type, code, requestId, status),
            "InvalidEndpointException" => new InvalidEndpointException(message, null, type, code, requestId, status),
            "ResourceInUseException" => new ResourceInUseException(message, null, type, code, requestId, status),
            "LimitExceededException" => new LimitExceededException(message, null, type, code, requestId, status),
            _ => new AmazonDynamoDBException(message, null, type, code, requestId, status),
        };
    }

    /// <summary><c>com.amazonaws.dynamodb.v20120810#ThrottlingException</c> → <c>ThrottlingException</c>; a header's <c>Code:detail</c> → <c>Code</c>.</summary>
    internal static string CodeOf(string type)
    {
        var name = type[(type.LastIndexOf('#') + 1)..];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : name[..colon];
    }

    private static List<CancellationReason>? ReadReasons(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var reasons = new List<CancellationReason>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var reason = new CancellationReason();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Code"))
                {
                    reason.Code = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("Message"))
                {
                    reason.Message = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("Item"))
                {
                    reader.Read();
                    reason.Item = reader.TokenType == JsonTokenType.Null ? null : DynamoJson.ReadAttributes(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            reasons.Add(reason);
        }

        return reasons;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
