using System.Text;
using System.Text.Json;
using Insight.Local.Events;

namespace Insight.Cli.Local.Sending;

/// <summary>One event to send and where it was written (for messages: "line 3", "--detail").</summary>
internal sealed record SendItem(string Origin, BusEntry Event);

/// <summary>
/// Reads what <c>insight send</c> is given into PutEvents entries, refusing a malformed payload before anything is
/// sent, with the line and field named. Each event is an object in either shape a team already has at hand: an
/// EventBridge event (<c>source</c>, <c>detail-type</c>, <c>detail</c> as an object) or a PutEvents entry
/// (<c>Source</c>, <c>DetailType</c>, <c>Detail</c> as JSON text); a file is a JSON array of them or JSON lines.
/// </summary>
internal static class SendInput
{
    // PutEvents refuses a request whose entries together exceed 256 KB; one entry can never be larger.
    private const int MaxEntryBytes = 256 * 1024;

    private static readonly string[] EventShape = ["source", "detail-type", "detail"];
    private static readonly string[] EntryShape = ["Source", "DetailType", "Detail"];

    /// <summary>One event given as options.</summary>
    public static SendItem FromOptions(string? source, string? detailType, string? detail)
    {
        const string origin = "the options";
        var item = new SendItem(origin, new BusEntry(
            Required(origin, "--source", source),
            Required(origin, "--detail-type", detailType),
            DetailText(origin, "--detail", Required(origin, "--detail", detail)),
            EventBusName: null,
            Time: null,
            Resources: []));
        Validate(item);
        return item;
    }

    /// <summary>Events from a file or standard input: a JSON array of events, or one event per line (blank lines skipped).</summary>
    /// <exception cref="SendInputException">An event is malformed; nothing has been sent.</exception>
    public static IReadOnlyList<SendItem> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = text.TrimStart().StartsWith('[') ? FromArray(text) : FromLines(text);
        if (items.Count == 0)
        {
            throw new SendInputException("No events to send: the input is empty.");
        }

        return items;
    }

    private static List<SendItem> FromLines(string text)
    {
        var items = new List<SendItem>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var origin = $"line {index + 1}";
            try
            {
                using var document = JsonDocument.Parse(line);
                items.Add(FromObject(origin, document.RootElement));
            }
            catch (JsonException exception)
            {
                throw new SendInputException($"{origin}: not a JSON object ({FirstSentence(exception.Message)}). Each line holds one event: {{\"source\": …, \"detail-type\": …, \"detail\": {{…}}}}.");
            }
        }

        return items;
    }

    // An array is read element by element, so each event is named by the line it starts on.
    private static List<SendItem> FromArray(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var items = new List<SendItem>();
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var origin = $"line {LineOf(bytes, reader.TokenStartIndex)} (event {items.Count + 1})";
                using var document = JsonDocument.ParseValue(ref reader);
                items.Add(FromObject(origin, document.RootElement));
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new SendInputException($"line {LineOf(bytes, reader.BytesConsumed)}: the array of events is not closed.");
            }

            if (reader.Read())
            {
                throw new SendInputException($"line {LineOf(bytes, reader.TokenStartIndex)}: text after the array of events.");
            }
        }
        catch (JsonException exception)
        {
            throw new SendInputException($"line {(exception.LineNumber ?? 0) + 1}: not JSON ({FirstSentence(exception.Message)}).");
        }

        return items;
    }

    private static SendItem FromObject(string origin, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SendInputException($"{origin}: an event must be a JSON object, not {element.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var isEntry = EntryShape.Any(name => element.TryGetProperty(name, out _));
        var isEvent = EventShape.Any(name => element.TryGetProperty(name, out _));
        if (isEntry && isEvent)
        {
            throw new SendInputException($"{origin}: mixes the event shape (source, detail-type, detail) with the PutEvents entry shape (Source, DetailType, Detail); use one.");
        }

        var names = isEntry ? EntryShape : EventShape;
        var resources = isEntry ? "Resources" : "resources";
        var time = isEntry ? "Time" : "time";
        var detail = element.TryGetProperty(names[2], out var detailValue)
            ? DetailText(origin, names[2], detailValue)
            : throw Missing(origin, names[2]);
        var item = new SendItem(origin, new BusEntry(
            StringField(origin, element, names[0]),
            StringField(origin, element, names[1]),
            detail,
            EventBusName: null,
            Time(origin, element, time),
            Resources(origin, element, resources) ?? []));
        Validate(item);
        return item;
    }

    private static void Validate(SendItem item)
    {
        var (origin, bus) = item;
        var source = EventShapeName(origin, "source");
        if (bus.Source.StartsWith("aws.", StringComparison.OrdinalIgnoreCase))
        {
            throw new SendInputException($"{origin}: {source} \"{bus.Source}\" is reserved for AWS services; PutEvents refuses it.");
        }

        var size = Encoding.UTF8.GetByteCount(bus.Source) + Encoding.UTF8.GetByteCount(bus.DetailType) + Encoding.UTF8.GetByteCount(bus.Detail);
        if (size > MaxEntryBytes)
        {
            throw new SendInputException($"{origin}: the event is {size:N0} bytes; PutEvents takes at most 256 KB per request.");
        }
    }

    private static string EventShapeName(string origin, string name) => origin == "the options" ? "--" + name : $"\"{name}\"";

    private static string StringField(string origin, JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw Missing(origin, name);
        }

        return value.ValueKind == JsonValueKind.String
            ? Required(origin, $"\"{name}\"", value.GetString())
            : throw new SendInputException($"{origin}: \"{name}\" must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
    }

    // The event's detail is an object; a PutEvents entry carries it as JSON text. Either is accepted in either shape.
    private static string DetailText(string origin, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return value.GetRawText();
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return DetailText(origin, $"\"{field}\"", value.GetString()!);
        }

        throw new SendInputException($"{origin}: \"{field}\" must be a JSON object, not {value.ValueKind.ToString().ToLowerInvariant()}.");
    }

    private static string DetailText(string origin, string field, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.GetRawText()
                : throw new SendInputException($"{origin}: {field} must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
        }
        catch (JsonException exception)
        {
            throw new SendInputException($"{origin}: {field} is not JSON ({FirstSentence(exception.Message)}).");
        }
    }

    private static List<string>? Resources(string origin, JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(resource => resource.ValueKind != JsonValueKind.String))
        {
            throw new SendInputException($"{origin}: \"{name}\" must be an array of strings (ARNs).");
        }

        return [.. value.EnumerateArray().Select(resource => resource.GetString()!)];
    }

    private static DateTimeOffset? Time(string origin, JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time))
        {
            return time;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }

        throw new SendInputException($"{origin}: \"{name}\" must be an ISO 8601 time (2026-01-31T08:00:00Z) or epoch seconds.");
    }

    private static string Required(string origin, string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw new SendInputException($"{origin}: {field} is missing or empty.") : value;

    private static SendInputException Missing(string origin, string field) => new($"{origin}: \"{field}\" is missing.");

    private static long LineOf(byte[] bytes, long offset)
    {
        long line = 1;
        for (var index = 0; index < offset && index < bytes.Length; index++)
        {
            if (bytes[index] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}

/// <summary>What <c>insight send</c> was given cannot be sent; the message names the line and field.</summary>
internal sealed class SendInputException(string message) : Exception(message);
