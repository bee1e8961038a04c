using System.Net.Http.Headers;
using System.Text.Json;

namespace Insight.Local.Client;

/// <summary>An event to put on a bus: the fields of a PutEvents entry.</summary>
/// <param name="Source">The event's <c>source</c>.</param>
/// <param name="DetailType">The event's <c>detail-type</c>.</param>
/// <param name="Detail">The event's <c>detail</c>, a JSON object as text.</param>
/// <param name="Resources">The event's <c>resources</c>, when any.</param>
/// <param name="Time">The event's <c>time</c>, when not now.</param>
public sealed record BusEvent(string Source, string DetailType, string Detail, IReadOnlyList<string>? Resources = null, DateTimeOffset? Time = null);

/// <summary>What the bus answered for one entry: its event id, or why it was refused.</summary>
public sealed record PutEventOutcome(string? EventId, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>Whether the bus took the entry.</summary>
    public bool Succeeded => EventId is not null && ErrorCode is null;
}

/// <summary>
/// Puts events on a local tenant's bus through its PutEvents-compatible endpoint, on the wire as an AWS SDK's
/// EventBridge client would (AWS JSON 1.1, <c>X-Amz-Target: AWSEvents.PutEvents</c>), at most ten entries a request
/// as PutEvents allows.
/// </summary>
/// <param name="http">The client to send with.</param>
/// <param name="eventsUrl">The tenant's endpoint (<c>EventsUrl</c> of the run's state).</param>
public sealed class LocalBusClient(HttpClient http, Uri eventsUrl)
{
    /// <summary>The most entries PutEvents takes in one request.</summary>
    public const int MaxEntriesPerRequest = 10;

    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.1");

    /// <summary>Puts the events, in requests of at most <see cref="MaxEntriesPerRequest"/>, and answers one outcome per event, in order.</summary>
    /// <param name="events">The events.</param>
    /// <param name="eventBusName">The bus to name in each entry, or null for the account's default bus.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <exception cref="LocalBusException">The endpoint refused a whole request or answered something that is not PutEvents' answer.</exception>
    public async Task<IReadOnlyList<PutEventOutcome>> PutEventsAsync(IReadOnlyList<BusEvent> events, string? eventBusName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = new List<PutEventOutcome>(events.Count);
        foreach (var batch in events.Chunk(MaxEntriesPerRequest))
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes.AddRange(await PutBatchAsync(batch, eventBusName, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<PutEventOutcome>> PutBatchAsync(BusEvent[] batch, string? eventBusName, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, eventsUrl) { Content = new ByteArrayContent(RequestBody(batch, eventBusName)) };
        request.Content.Headers.ContentType = AmzJson;
        request.Headers.Add("X-Amz-Target", "AWSEvents.PutEvents");

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new LocalBusException($"The bus at {eventsUrl} did not answer ({exception.Message}); is the local run still up?", exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new LocalBusException($"The bus at {eventsUrl} refused the request ({(int)response.StatusCode}): {ErrorOf(body)}");
            }

            return ParseOutcomes(body, batch.Length);
        }
    }

    private static byte[] RequestBody(BusEvent[] batch, string? eventBusName)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Entries");
            foreach (var entry in batch)
            {
                writer.WriteStartObject();
                writer.WriteString("Source", entry.Source);
                writer.WriteString("DetailType", entry.DetailType);
                writer.WriteString("Detail", entry.Detail);
                if (eventBusName is not null)
                {
                    writer.WriteString("EventBusName", eventBusName);
                }

                if (entry.Resources is { Count: > 0 } resources)
                {
                    writer.WriteStartArray("Resources");
                    foreach (var resource in resources)
                    {
                        writer.WriteStringValue(resource);
                    }

                    writer.WriteEndArray();
                }

                if (entry.Time is { } time)
                {
                    // AWS JSON 1.1 sends timestamps as epoch seconds.
                    writer.WriteNumber("Time", time.ToUnixTimeMilliseconds() / 1000.0);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private List<PutEventOutcome> ParseOutcomes(string body, int expected)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("Entries", out var entries) || entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() != expected)
            {
                throw new LocalBusException($"The bus at {eventsUrl} answered without one result per entry: {body}");
            }

            return [.. entries.EnumerateArray().Select(entry => new PutEventOutcome(Text(entry, "EventId"), Text(entry, "ErrorCode"), Text(entry, "ErrorMessage")))];
        }
        catch (JsonException exception)
        {
            throw new LocalBusException($"The bus at {eventsUrl} answered something that is not JSON: {body}", exception);
        }

        static string? Text(JsonElement entry, string name) =>
            entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    // AWS JSON 1.1 errors: {"__type": "...#Code", "message": "..."}.
    private static string ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var type = root.TryGetProperty("__type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            var message = (root.TryGetProperty("message", out var m) || root.TryGetProperty("Message", out m)) && m.ValueKind == JsonValueKind.String ? m.GetString()! : body;
            return type.Length == 0 ? message : $"{type[(type.LastIndexOf('#') + 1)..]}: {message}";
        }
        catch (JsonException)
        {
            return body.Length == 0 ? "(no body)" : body;
        }
    }
}

/// <summary>A local bus could not be reached or refused a whole request.</summary>
public sealed class LocalBusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LocalBusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LocalBusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LocalBusException()
    {
    }
}
