using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Insight.Local.Events;

/// <summary>The event EventBridge delivers to a rule's targets for one <see cref="BusEntry"/>.</summary>
public static class EventEnvelope
{
    /// <summary>
    /// Builds the delivered event: <c>version</c> "0", <c>id</c>, <c>detail-type</c>, <c>source</c>,
    /// <c>account</c>, <c>time</c> (ISO-8601 UTC, whole seconds), <c>region</c>, <c>resources</c>, <c>detail</c>.
    /// </summary>
    /// <param name="entry">The entry as it was put on the bus.</param>
    /// <param name="eventId">The id EventBridge gave the event.</param>
    /// <param name="accountId">The account that owns the bus.</param>
    /// <param name="region">The bus's region.</param>
    /// <param name="now">When the event arrived: its time when the entry sets none.</param>
    /// <returns>The event's JSON text.</returns>
    /// <exception cref="ArgumentException">The entry's <c>Detail</c> is not JSON text of an object.</exception>
    public static string Create(BusEntry entry, string eventId, string accountId, string region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(region);

        using var detail = ParseDetail(entry.Detail);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("version", "0");
            writer.WriteString("id", eventId);
            writer.WriteString("detail-type", entry.DetailType);
            writer.WriteString("source", entry.Source);
            writer.WriteString("account", accountId);
            writer.WriteString("time", FormatTime(entry.Time ?? now));
            writer.WriteString("region", region);
            writer.WriteStartArray("resources");
            foreach (var resource in entry.Resources ?? [])
            {
                writer.WriteStringValue(resource);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("detail");
            detail.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>EventBridge's <c>time</c>: UTC, whole seconds, e.g. <c>2026-12-01T17:30:00Z</c>.</summary>
    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonDocument ParseDetail(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail, "entry.Detail");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(detail);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Detail: not valid JSON ({ex.Message}).", "entry", ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ArgumentException("Detail: must be a JSON object.", "entry");
        }

        return document;
    }
}
