using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Insight.Local.Events;

/// <summary>
/// What an EventBridge rule's target receives for an event: the event itself, a constant <c>Input</c>, the part
/// an <c>InputPath</c> selects, or an <c>InputTransformer</c>'s template filled from the event.
/// </summary>
public static class EventTargetInput
{
    private const int MaxInputPathsMapEntries = 100;
    private const string ReservedPrefix = "aws.";

    /// <summary>Gives the JSON text the target receives.</summary>
    /// <param name="event">The event as EventBridge delivers it (the envelope, see <see cref="EventEnvelope"/>).</param>
    /// <param name="input">The target's constant <c>Input</c> (JSON text), or null.</param>
    /// <param name="inputPath">The target's <c>InputPath</c> (<c>$</c>, <c>$.a.b</c>, <c>$.a[0]</c>), or null.</param>
    /// <param name="transformer">The target's <c>InputTransformer</c>, or null.</param>
    /// <param name="ruleName">The rule's name, for <c>&lt;aws.events.rule-name&gt;</c>.</param>
    /// <param name="ruleArn">The rule's ARN, for <c>&lt;aws.events.rule-arn&gt;</c>.</param>
    /// <returns>
    /// JSON text. With none of the three set, the whole event. An <c>InputPath</c> that selects nothing gives
    /// <c>null</c>. In a template, a placeholder inside a JSON string gets the value's text and one outside gets
    /// its JSON value (<c>null</c> when the path selects nothing); a template that is not JSON gets the values'
    /// text and is delivered as a JSON string.
    /// </returns>
    /// <exception cref="ArgumentException">The target's settings are not valid; the message names the property.</exception>
    public static string Apply(
        JsonElement @event, string? input, string? inputPath, InputTransformerSpec? transformer, string ruleName, string ruleArn)
    {
        ArgumentNullException.ThrowIfNull(ruleName);
        ArgumentNullException.ThrowIfNull(ruleArn);
        var set = new[] { (input, "Input"), (inputPath, "InputPath"), (transformer is null ? null : "set", "InputTransformer") }
            .Where(option => option.Item1 is not null)
            .Select(option => option.Item2)
            .ToArray();
        if (set.Length > 1)
        {
            throw new ArgumentException(
                $"{string.Join(" and ", set)}: a target sets at most one of Input, InputPath and InputTransformer.");
        }

        if (input is not null)
        {
            RequireJson(input, "Input: must be valid JSON text");
            return input;
        }

        if (inputPath is not null)
        {
            var path = ParsePath(inputPath, "InputPath");
            return path.Resolve(@event) is { } selected ? selected.GetRawText() : "null";
        }

        return transformer is null ? @event.GetRawText() : Transform(@event, transformer, ruleName, ruleArn);
    }

    private static string Transform(JsonElement @event, InputTransformerSpec transformer, string ruleName, string ruleArn)
    {
        ArgumentNullException.ThrowIfNull(transformer.InputPathsMap, "InputTransformer.InputPathsMap");
        ArgumentNullException.ThrowIfNull(transformer.InputTemplate, "InputTransformer.InputTemplate");
        if (transformer.InputPathsMap.Count > MaxInputPathsMapEntries)
        {
            throw new ArgumentException(
                $"InputTransformer.InputPathsMap: at most {MaxInputPathsMapEntries} entries, found {transformer.InputPathsMap.Count}.");
        }

        var values = new Dictionary<string, Placeholder>(StringComparer.Ordinal);
        foreach (var (key, pathText) in transformer.InputPathsMap)
        {
            if (key.Length == 0 || key.AsSpan().IndexOfAny("<> \t\r\n") >= 0)
            {
                throw new ArgumentException($"InputTransformer.InputPathsMap: \"{key}\" is not a valid placeholder name.");
            }

            if (key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"InputTransformer.InputPathsMap[\"{key}\"]: names starting with \"{ReservedPrefix}\" are reserved for EventBridge's own placeholders.");
            }

            var path = ParsePath(pathText, $"InputTransformer.InputPathsMap[\"{key}\"]");
            values[key] = Placeholder.Of(path.Resolve(@event));
        }

        values["aws.events.rule-name"] = Placeholder.String(ruleName);
        values["aws.events.rule-arn"] = Placeholder.String(ruleArn);
        values["aws.events.event.ingestion-time"] = Placeholder.String(IngestionTime(@event));
        values["aws.events.event"] = Placeholder.Json(WithoutDetail(@event));
        values["aws.events.event.json"] = Placeholder.Json(@event.GetRawText());

        var template = transformer.InputTemplate;
        var trimmed = template.TrimStart();
        var json = Substitute(template, values, jsonMode: true);
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[' or '"')
        {
            RequireJson(json, "InputTransformer.InputTemplate: the filled template is not valid JSON");
            return json;
        }

        // A bare placeholder or literal (e.g. "<detail>" or "42") is JSON; anything else is text, sent as a string.
        if (IsJson(json))
        {
            return json;
        }

        return JsonString(Substitute(template, values, jsonMode: false));
    }

    /// <summary>Replaces known <c>&lt;name&gt;</c> placeholders; unknown ones stay as written.</summary>
    private static string Substitute(string template, Dictionary<string, Placeholder> values, bool jsonMode)
    {
        var result = new StringBuilder(template.Length);
        var inString = false;
        var escaped = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '<')
            {
                var close = template.IndexOf('>', i + 1);
                if (close > i + 1 && values.TryGetValue(template[(i + 1)..close], out var value))
                {
                    result.Append(!jsonMode ? value.Text : inString ? value.EscapedText : value.JsonValue);
                    i = close;
                    continue;
                }
            }

            if (jsonMode)
            {
                if (inString && escaped)
                {
                    escaped = false;
                }
                else if (inString && c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = !inString;
                }
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private static string IngestionTime(JsonElement @event) =>
        @event.ValueKind == JsonValueKind.Object && @event.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.String
            ? time.GetString()!
            : DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string WithoutDetail(JsonElement @event)
    {
        if (@event.ValueKind != JsonValueKind.Object)
        {
            return @event.GetRawText();
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in @event.EnumerateObject())
            {
                if (property.Name != "detail")
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static EventJsonPath ParsePath(string text, string property)
    {
        var problem = EventJsonPath.TryParse(text, out var path);
        return problem is null ? path! : throw new ArgumentException($"{property}: {problem}.");
    }

    private static void RequireJson(string text, string message)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{message} ({ex.Message}).", ex);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string JsonString(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A placeholder's value in the three forms a template can ask for.</summary>
    private readonly record struct Placeholder(string Text, string EscapedText, string JsonValue)
    {
        public static Placeholder Of(JsonElement? value) => value switch
        {
            null => new(string.Empty, string.Empty, "null"),
            { ValueKind: JsonValueKind.String } s => String(s.GetString()!),
            { } other => Json(other.GetRawText()),
        };

        public static Placeholder String(string text)
        {
            var quoted = JsonString(text);
            return new(text, quoted[1..^1], quoted);
        }

        public static Placeholder Json(string json) => new(json, JsonString(json)[1..^1], json);
    }
}
