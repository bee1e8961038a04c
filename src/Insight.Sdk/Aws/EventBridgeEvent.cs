using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Insight.Sdk.Hosting;

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
    private const string Subject = "EventBridge event";

    /// <summary>Reads an envelope whose detail is <typeparamref name="TDetail"/>.</summary>
    /// <exception cref="InvalidPayloadException">
    /// The payload is not an EventBridge event, or its detail is not a <typeparamref name="TDetail"/>; the exception names
    /// the path (<c>$.detail.time_created</c>), what was expected there and what was found.
    /// </exception>
    public static EventBridgeEvent<TDetail> Read<TDetail>(ReadOnlySpan<byte> json, JsonTypeInfo<TDetail> detailType) =>
        Read(json, detailType, keepFields: true);

    /// <summary>
    /// Reads only the detail of an envelope, for a handler that sees nothing else: the envelope's fields are checked as
    /// <see cref="Read{TDetail}(ReadOnlySpan{byte}, JsonTypeInfo{TDetail})"/> checks them, but not turned into strings.
    /// </summary>
    internal static TDetail ReadDetail<TDetail>(ReadOnlySpan<byte> json, JsonTypeInfo<TDetail> detailType) =>
        Read(json, detailType, keepFields: false).Detail;

    private static EventBridgeEvent<TDetail> Read<TDetail>(ReadOnlySpan<byte> json, JsonTypeInfo<TDetail> detailType, bool keepFields)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        // The member being read, turned into a path such as "$.time" only when a message needs it: building it for every
        // member would cost a string per envelope field on every warm invocation.
        ReadOnlySpan<byte> member = default;
        string? escapedMember = null;
        try
        {
            if (!reader.Read())
            {
                throw new InvalidPayloadException(Subject, "$", "expected an object (an EventBridge event), found nothing: the payload is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidPayloadException(Subject, "$", $"expected an object (an EventBridge event), found {JsonDiagnosis.Found(ref reader)}");
            }

            string? version = null, id = null, detailTypeName = null, source = null, account = null, region = null;
            DateTimeOffset? time = null;
            List<string>? resources = null;
            TDetail? detail = default;
            var sawDetail = false;

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                var escaped = reader.ValueIsEscaped;
                member = name;
                escapedMember = escaped ? reader.GetString() ?? "" : null;
                reader.Read();
                if (escaped)
                {
                    // Envelope fields are plain ASCII names; an escaped name is none of them.
                    reader.Skip();
                }
                else if (name.SequenceEqual("detail"u8))
                {
                    detail = ReadDetail(json, ref reader, detailType);
                    sawDetail = true;
                }
                else if (name.SequenceEqual("detail-type"u8))
                {
                    detailTypeName = ReadString(ref reader, name, keepFields);
                }
                else if (name.SequenceEqual("source"u8))
                {
                    source = ReadString(ref reader, name, keepFields);
                }
                else if (name.SequenceEqual("account"u8))
                {
                    account = ReadString(ref reader, name, keepFields);
                }
                else if (name.SequenceEqual("region"u8))
                {
                    region = ReadString(ref reader, name, keepFields);
                }
                else if (name.SequenceEqual("id"u8))
                {
                    id = ReadString(ref reader, name, keepFields);
                }
                else if (name.SequenceEqual("version"u8))
                {
                    version = ReadString(ref reader, name, keepFields);
                }
                else if (name.SequenceEqual("time"u8))
                {
                    time = ReadTime(ref reader, name);
                }
                else if (name.SequenceEqual("resources"u8))
                {
                    resources = ReadStrings(ref reader, name, keepFields);
                }
                else
                {
                    reader.Skip();
                }

                member = default;
                escapedMember = null;
            }

            if (reader.Read())
            {
                throw new InvalidPayloadException(Subject, "$", "unexpected content after the JSON value");
            }

            if (!sawDetail)
            {
                throw new InvalidPayloadException(Subject, "$.detail", $"expected an object (the {detailType.Type.Name} event), found nothing: an EventBridge event carries its event in \"detail\"");
            }

            if (detail is null)
            {
                throw new InvalidPayloadException(Subject, "$.detail", $"expected an object (the {detailType.Type.Name} event), found null");
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
                Detail = detail,
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not well-formed, or text that is not text (invalid UTF-8, a lone surrogate): said with where it is.
            var (where, problem) = JsonDiagnosis.ExplainUnreadable(json, exception, MemberPath(member, escapedMember), (int)reader.BytesConsumed);
            throw new InvalidPayloadException(Subject, where, problem, exception);
        }
    }

    /// <summary>Reads the detail; a failure is explained with its path from the envelope's root, as the sender sees it.</summary>
    private static TDetail? ReadDetail<TDetail>(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, JsonTypeInfo<TDetail> detailType)
    {
        var start = (int)reader.TokenStartIndex;
        var end = reader;
        try
        {
            return JsonSerializer.Deserialize(ref reader, detailType);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException)
        {
            var length = json.Length - start;
            try
            {
                end.Skip();
                length = (int)end.BytesConsumed - start;
            }
            catch (JsonException)
            {
                // The detail itself is malformed: the explanation reads on to the end of the payload.
            }

            throw InvalidPayloadException.Explain(json.Slice(start, length), detailType, $"{Subject} of {detailType.Type.Name}", exception, "$.detail", start);
        }
    }

    /// <summary>The path of an envelope member, <c>$.time</c>; <c>$</c> outside any member.</summary>
    private static string MemberPath(ReadOnlySpan<byte> name, string? escapedName = null, int index = -1)
    {
        var path = escapedName is not null || !name.IsEmpty ? JsonDiagnosis.Member("$", escapedName ?? Encoding.UTF8.GetString(name)) : "$";
        return index < 0 ? path : $"{path}[{index}]";
    }

    private static string? ReadString(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, bool keep, int index = -1) =>
        reader.TokenType switch
        {
            JsonTokenType.String => keep ? reader.GetString() : CheckText(ref reader),
            JsonTokenType.Null => null,
            _ => throw new InvalidPayloadException(Subject, MemberPath(name, index: index), $"expected a string, found {JsonDiagnosis.Found(ref reader)}"),
        };

    /// <summary>
    /// Fails on a string that is not text (invalid UTF-8, a lone surrogate) as reading it would, without building it:
    /// only an escaped or invalid value is decoded, to raise the reader's own error.
    /// </summary>
    private static string? CheckText(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || !Utf8.IsValid(reader.ValueSpan))
        {
            _ = reader.GetString();
        }

        return null;
    }

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String when reader.TryGetDateTimeOffset(out var time) => time,
            _ => throw new InvalidPayloadException(Subject, MemberPath(name), $"expected a date and time (ISO 8601), found {JsonDiagnosis.Found(ref reader)}"),
        };

    private static List<string>? ReadStrings(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, bool keep)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidPayloadException(Subject, MemberPath(name), $"expected an array of strings, found {JsonDiagnosis.Found(ref reader)}");
        }

        var list = keep ? new List<string>() : null;
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            var value = ReadString(ref reader, name, keep, index);
            list?.Add(value ?? "");
        }

        return list;
    }
}
