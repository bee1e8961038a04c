using System.Text.Json;

namespace Insight.Sdk.Hosting;

/// <summary>
/// Finds the <c>event_id</c> of an event that may not have parsed, so the failure of a malformed or invalid event can still
/// be logged under the id its sender knows it by.
/// </summary>
internal static class EventIdReader
{
    /// <summary>Longer values are not an id; they are not copied into every log line.</summary>
    private const int MaxLength = 128;

    /// <summary>The string <c>event_id</c> at the root of <paramref name="json"/> (or of its <c>detail</c>), or <c>null</c>.</summary>
    public static string? Find(ReadOnlySpan<byte> json, bool inDetail)
    {
        if (json.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject ? FindIn(ref reader, inDetail) : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? FindIn(ref Utf8JsonReader reader, bool inDetail)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = reader.ValueTextEquals(inDetail ? "detail"u8 : "event_id"u8);
            reader.Read();
            if (wanted && inDetail)
            {
                return reader.TokenType == JsonTokenType.StartObject ? FindIn(ref reader, inDetail: false) : null;
            }

            if (wanted)
            {
                return reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxLength * 6 && reader.GetString() is { Length: > 0 and <= MaxLength } id ? id : null;
            }

            reader.Skip();
        }

        return null;
    }
}
