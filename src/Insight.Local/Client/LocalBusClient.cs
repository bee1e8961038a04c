using System.Net.Http.Headers;
using System.Text.Json;
using Insight.Local.Events;

namespace Insight.Local.Client;

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

    /// <summary>Puts the entries, in requests of at most <see cref="MaxEntriesPerRequest"/>, and answers one result per entry, in order.</summary>
    /// <param name="entries">The entries (an entry without <c>EventBusName</c> goes to the account's default bus).</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <exception cref="LocalBusException">The endpoint refused a whole request or answered something that is not PutEvents' answer.</exception>
    public async Task<IReadOnlyList<PutEventsResultEntry>> PutEventsAsync(IReadOnlyList<BusEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var results = new List<PutEventsResultEntry>(entries.Count);
        foreach (var batch in entries.Chunk(MaxEntriesPerRequest))
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.AddRange(await PutBatchAsync(batch, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<IReadOnlyList<PutEventsResultEntry>> PutBatchAsync(BusEntry[] batch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, eventsUrl) { Content = new ByteArrayContent(RequestBody(batch)) };
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

    private static byte[] RequestBody(BusEntry[] batch)
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
                if (entry.EventBusName is { } eventBusName)
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

    private List<PutEventsResultEntry> ParseOutcomes(string body, int expected)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("Entries", out var entries) || entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() != expected)
            {
                throw new LocalBusException($"The bus at {eventsUrl} answered without one result per entry: {body}");
            }

            return [.. entries.EnumerateArray().Select(entry => new PutEventsResultEntry(Text(entry, "EventId"), Text(entry, "ErrorCode"), Text(entry, "ErrorMessage")))];
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
