using System.Buffers;
using System.Text.Json;

namespace Insight.Local.RuntimeApi;

/// <summary>
/// Reads and writes the Runtime API's <c>{errorMessage, errorType, stackTrace}</c> shape.
/// Parsing is lenient because runtimes under test are exactly the code that may get it wrong.
/// </summary>
internal readonly record struct ErrorPayload(string? ErrorType, string? ErrorMessage, IReadOnlyList<string> StackTrace)
{
    public static ErrorPayload Parse(byte[] body)
    {
        string? errorType = null;
        string? errorMessage = null;
        List<string> stackTrace = [];

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new ErrorPayload(null, null, []);
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("errorType") && property.Value.ValueKind == JsonValueKind.String)
                {
                    errorType = property.Value.GetString();
                }
                else if (property.NameEquals("errorMessage") && property.Value.ValueKind == JsonValueKind.String)
                {
                    errorMessage = property.Value.GetString();
                }
                else if (property.NameEquals("stackTrace"))
                {
                    ReadStackTrace(property.Value, stackTrace);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON at all; the caller still has the raw bytes.
        }

        return new ErrorPayload(errorType, errorMessage, stackTrace);
    }

    public static byte[] Serialize(string errorType, string errorMessage)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", errorMessage);
            writer.WriteString("errorType", errorType);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void ReadStackTrace(JsonElement value, List<string> lines)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        lines.Add(item.GetString()!);
                    }
                }

                break;

            // Some runtimes send a single preformatted string instead of an array.
            case JsonValueKind.String:
                lines.Add(value.GetString()!);
                break;
        }
    }
}
