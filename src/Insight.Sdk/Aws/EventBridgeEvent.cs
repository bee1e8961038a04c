using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Insight.Sdk.Aws;

/// <summary>An EventBridge event as Lambda receives it; <see cref="Detail"/> is the domain event.</summary>
public sealed record EventBridgeEvent<TDetail>
{
    /// <summary>Envelope version, <c>"0"</c>.</summary>
    public string? Version { get; init; }

    /// <summary>EventBridge's id of this delivery.</summary>
    public string? Id { get; init; }

    /// <summary>The <c>detail-type</c> the rule matched on.</summary>
    public string? DetailType { get; init; }

    /// <summary>The event's source, for example <c>insight.scanners</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The account the event bus belongs to.</summary>
    public string? Account { get; init; }

    /// <summary>When EventBridge received the event.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The region of the bus.</summary>
    public string? Region { get; init; }

    /// <summary>ARNs the event concerns (for a schedule, the rule).</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The domain event.</summary>
    public required TDetail Detail { get; init; }
}

/// <summary>
/// Reads EventBridge envelopes straight from the payload bytes, handing <c>detail</c> to the domain type's
/// source-generated reader, so no intermediate DOM is built and no reflection is needed.
/// </summary>
public static class EventBridgeEnvelope
{
    /// <summary>Reads an envelope whose detail is <typeparamref name="TDetail"/>.</summary>
    /// <exception cref="JsonException">The payload is not an EventBridge event, or its detail is not a <typeparamref name="TDetail"/>.</exception>
    public static EventBridgeEvent<TDetail> Read<TDetail>(ReadOnlySpan<byte> json, JsonTypeInfo<TDetail> detailType)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An EventBridge event must be a JSON object.");
        }

        string? version = null, id = null, detailTypeName = null, source = null, account = null, region = null;
        DateTimeOffset? time = null;
        List<string>? resources = null;
        TDetail? detail = default;
        var sawDetail = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("detail"u8))
            {
                detail = ReadDetail(ref reader, detailType);
                sawDetail = true;
            }
            else if (name.SequenceEqual("detail-type"u8))
            {
                detailTypeName = ReadString(ref reader);
            }
            else if (name.SequenceEqual("source"u8))
            {
                source = ReadString(ref reader);
            }
            else if (name.SequenceEqual("account"u8))
            {
                account = ReadString(ref reader);
            }
            else if (name.SequenceEqual("region"u8))
            {
                region = ReadString(ref reader);
            }
            else if (name.SequenceEqual("id"u8))
            {
                id = ReadString(ref reader);
            }
            else if (name.SequenceEqual("version"u8))
            {
                version = ReadString(ref reader);
            }
            else if (name.SequenceEqual("time"u8))
            {
                time = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();
            }
            else if (name.SequenceEqual("resources"u8))
            {
                resources = ReadStrings(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        if (!sawDetail)
        {
            throw new JsonException("The EventBridge event has no \"detail\".");
        }

        return new EventBridgeEvent<TDetail>
        {
            Version = version,
            Id = id,
            DetailType = detailTypeName,
            Source = source,
            Account = account,
            Time = time,
            Region = region,
            Resources = (IReadOnlyList<string>?)resources ?? [],
            Detail = detail!,
        };
    }

    /// <summary>Reads the detail, reporting a failure's JSON path from the envelope's root, as the sender sees it.</summary>
    private static TDetail? ReadDetail<TDetail>(ref Utf8JsonReader reader, JsonTypeInfo<TDetail> detailType)
    {
        try
        {
            return JsonSerializer.Deserialize(ref reader, detailType);
        }
        catch (JsonException exception) when (exception.Path is { Length: > 0 } path && path[0] == '$')
        {
            throw new JsonException(Hosting.InvalidPayloadException.Reason(exception), "$.detail" + path[1..], exception.LineNumber, exception.BytePositionInLine, exception);
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string but found {reader.TokenType}."),
        };

    private static List<string>? ReadStrings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("\"resources\" must be an array of strings.");
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(ReadString(ref reader) ?? "");
        }

        return list;
    }
}
