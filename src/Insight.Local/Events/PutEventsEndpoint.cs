using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Insight.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Insight.Local.Events;

/// <summary>
/// A local EventBridge <c>PutEvents</c> endpoint speaking AWS JSON 1.1, so code using an AWS SDK's EventBridge
/// client (pointed at <see cref="Url"/>) puts events on a local bus. Validates requests and entries as EventBridge
/// does; only valid entries reach the bus.
/// </summary>
public sealed class PutEventsEndpoint : IAsyncDisposable
{
    /// <summary>EventBridge's limit on entries per call.</summary>
    internal const int MaxEntries = 10;

    /// <summary>EventBridge's limit on the entries' total size (computed as AWS documents it).</summary>
    internal const int MaxTotalEntrySize = 256 * 1024;

    private const string Target = "AWSEvents.PutEvents";
    private const string ContentType = "application/x-amz-json-1.1";

    // Entries are limited to 256 KB; a body far beyond that is refused before it is read whole.
    private const int MaxBodyBytes = 4 * MaxTotalEntrySize;

    private readonly Func<IReadOnlyList<BusEntry>, CancellationToken, Task<IReadOnlyList<PutEventsResultEntry>>> _accept;
    private readonly WebApplication _app;

    private PutEventsEndpoint(
        Func<IReadOnlyList<BusEntry>, CancellationToken, Task<IReadOnlyList<PutEventsResultEntry>>> accept, int port)
    {
        _accept = accept;

        // The empty builder reads no environment or appsettings and logs nothing to the console.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = MaxBodyBytes;
            options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();

        _app = builder.Build();
        _app.MapPost("/", HandleAsync);
    }

    /// <summary>The endpoint's address (e.g. <c>http://127.0.0.1:4010/</c>), for an SDK client's service URL.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>Starts the endpoint on the loopback interface.</summary>
    /// <param name="accept">
    /// Takes the valid entries of one call, in order, and returns one result per entry in the same order.
    /// </param>
    /// <param name="port">The port to listen on; 0 picks a free one.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">The port is already in use.</exception>
    public static async Task<PutEventsEndpoint> StartAsync(
        Func<IReadOnlyList<BusEntry>, CancellationToken, Task<IReadOnlyList<PutEventsResultEntry>>> accept,
        int port = 0,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        var endpoint = new PutEventsEndpoint(accept, port);
        try
        {
            await endpoint._app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await endpoint._app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"Port {port.ToString(CultureInfo.InvariantCulture)} is already in use: the PutEvents endpoint cannot listen there. Stop what uses it or choose another port.",
                ex);
        }
        catch
        {
            await endpoint._app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Kestrel rewrites the port-0 binding to the real port once listening.
        var uri = new Uri(endpoint._app.Urls.Single());
        endpoint.Url = $"http://127.0.0.1:{uri.Port.ToString(CultureInfo.InvariantCulture)}/";
        return endpoint;
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        string target = context.Request.Headers["X-Amz-Target"].ToString();
        if (!string.Equals(target, Target, StringComparison.Ordinal))
        {
            await WriteErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                "UnknownOperationException",
                target.Length == 0 ? "Missing X-Amz-Target header." : $"Unknown operation {target}; this endpoint serves {Target} only.").ConfigureAwait(false);
            return;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context).ConfigureAwait(false);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "ValidationException", TotalSizeMessage).ConfigureAwait(false);
            return;
        }

        var request = PutEventsRequest.Read(body);
        if (request.Error is { } error)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error.Type, error.Message).ConfigureAwait(false);
            return;
        }

        var results = new PutEventsResultEntry?[request.Entries.Count];
        var accepted = new List<BusEntry>();
        var acceptedIndexes = new List<int>();
        for (var i = 0; i < request.Entries.Count; i++)
        {
            var (entry, failure) = request.Entries[i];
            if (failure is not null)
            {
                results[i] = failure;
            }
            else
            {
                accepted.Add(entry!);
                acceptedIndexes.Add(i);
            }
        }

        if (accepted.Count > 0)
        {
            IReadOnlyList<PutEventsResultEntry> acceptedResults;
            try
            {
                acceptedResults = await _accept(accepted, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "InternalException", ex.Message).ConfigureAwait(false);
                return;
            }

            if (acceptedResults.Count != accepted.Count)
            {
                await WriteErrorAsync(
                    context,
                    StatusCodes.Status500InternalServerError,
                    "InternalException",
                    $"The bus answered {acceptedResults.Count} results for {accepted.Count} entries.").ConfigureAwait(false);
                return;
            }

            for (var i = 0; i < accepted.Count; i++)
            {
                results[acceptedIndexes[i]] = acceptedResults[i];
            }
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, WriteResponse(results!)).ConfigureAwait(false);
    }

    internal const string TotalSizeMessage = "Total size of the entries in the request is over the limit.";

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static byte[] WriteResponse(IReadOnlyList<PutEventsResultEntry> results)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("FailedEntryCount", results.Count(r => r.ErrorCode is not null));
            writer.WriteStartArray("Entries");
            foreach (var result in results)
            {
                writer.WriteStartObject();
                if (result.EventId is not null)
                {
                    writer.WriteString("EventId", result.EventId);
                }

                if (result.ErrorCode is not null)
                {
                    writer.WriteString("ErrorCode", result.ErrorCode);
                    writer.WriteString("ErrorMessage", result.ErrorMessage ?? string.Empty);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Task WriteErrorAsync(HttpContext context, int statusCode, string type, string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", type);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }

        context.Response.Headers["x-amzn-ErrorType"] = type;
        return WriteJsonAsync(context, statusCode, buffer.WrittenSpan.ToArray());
    }

    private static async Task WriteJsonAsync(HttpContext context, int statusCode, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A decoded PutEvents request: a request-level error, or each entry with the reason it fails, if any.</summary>
    private sealed class PutEventsRequest
    {
        private PutEventsRequest((string Type, string Message)? error, IReadOnlyList<(BusEntry? Entry, PutEventsResultEntry? Failure)> entries)
        {
            Error = error;
            Entries = entries;
        }

        public (string Type, string Message)? Error { get; }

        public IReadOnlyList<(BusEntry? Entry, PutEventsResultEntry? Failure)> Entries { get; }

        public static PutEventsRequest Read(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return Read(document.RootElement);
            }
            catch (JsonException ex)
            {
                return Fail("SerializationException", $"The request body is not valid JSON: {ex.Message}");
            }
        }

        private static PutEventsRequest Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("SerializationException", "The request body must be a JSON object.");
            }

            if (!root.TryGetProperty("Entries", out var entries) || entries.ValueKind == JsonValueKind.Null)
            {
                return Fail("ValidationException", "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
            }

            if (entries.ValueKind != JsonValueKind.Array)
            {
                return Fail("SerializationException", "Entries must be a JSON array.");
            }

            var count = entries.GetArrayLength();
            if (count is 0 or > MaxEntries)
            {
                return Fail(
                    "ValidationException",
                    $"1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and {MaxEntries} (it has {count}).");
            }

            var read = new List<(BusEntry?, PutEventsResultEntry?)>(count);
            var totalSize = 0L;
            var index = 0;
            foreach (var element in entries.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return Fail("SerializationException", $"Entries[{index}] must be a JSON object.");
                }

                if (ReadEntry(element, index, out var entry, out var failure, ref totalSize) is { } serializationError)
                {
                    return Fail("SerializationException", serializationError);
                }

                read.Add((entry, failure));
                index++;
            }

            return totalSize > MaxTotalEntrySize
                ? Fail("ValidationException", TotalSizeMessage)
                : new PutEventsRequest(null, read);
        }

        /// <summary>Reads one entry; returns a request-level error when a member has the wrong JSON type.</summary>
        private static string? ReadEntry(
            JsonElement element, int index, out BusEntry? entry, out PutEventsResultEntry? failure, ref long totalSize)
        {
            entry = null;
            failure = null;
            string? source = null, detailType = null, detail = null, bus = null;
            DateTimeOffset? time = null;
            var resources = new List<string>();
            foreach (var member in element.EnumerateObject())
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case "Source" or "DetailType" or "Detail" or "EventBusName" or "TraceHeader":
                        if (value.ValueKind == JsonValueKind.Null)
                        {
                            break;
                        }

                        if (value.ValueKind != JsonValueKind.String)
                        {
                            return $"Entries[{index}].{member.Name} must be a string.";
                        }

                        var text = value.GetString()!;
                        switch (member.Name)
                        {
                            case "Source":
                                source = text;
                                break;
                            case "DetailType":
                                detailType = text;
                                break;
                            case "Detail":
                                detail = text;
                                break;
                            case "EventBusName":
                                bus = text;
                                break;
                        }

                        break;
                    case "Time":
                        if (ReadTime(value, index, out time) is { } timeError)
                        {
                            return timeError;
                        }

                        break;
                    case "Resources":
                        if (value.ValueKind == JsonValueKind.Null)
                        {
                            break;
                        }

                        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
                        {
                            return $"Entries[{index}].Resources must be an array of strings.";
                        }

                        resources.AddRange(value.EnumerateArray().Select(r => r.GetString()!));
                        break;
                }
            }

            // The entry size as AWS documents it: 14 bytes for a Time, then the UTF-8 bytes of the rest.
            totalSize += (time is null ? 0 : 14)
                + Utf8(source) + Utf8(detailType) + Utf8(detail) + resources.Sum(Utf8);

            failure = Validate(index, source, detailType, detail);
            if (failure is null)
            {
                entry = new BusEntry(source!, detailType!, detail!, bus, time, resources);
            }

            return null;
        }

        private static PutEventsResultEntry? Validate(int index, string? source, string? detailType, string? detail)
        {
            foreach (var (name, value) in new[] { ("Source", source), ("DetailType", detailType), ("Detail", detail) })
            {
                if (string.IsNullOrEmpty(value))
                {
                    return PutEventsResultEntry.Failed(
                        "InvalidArgument",
                        $"Parameter {name} is not valid. Reason: {name} is a required argument (entry {index}).");
                }
            }

            try
            {
                using var document = JsonDocument.Parse(detail!);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return null;
                }
            }
            catch (JsonException)
            {
            }

            return PutEventsResultEntry.Failed(
                "MalformedDetail", $"Detail is malformed: entry {index}'s Detail must be JSON text of an object.");
        }

        private static string? ReadTime(JsonElement value, int index, out DateTimeOffset? time)
        {
            time = null;
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.Number when value.TryGetDouble(out var seconds) && Math.Abs(seconds) < 253402300799:
                    // The SDKs send a timestamp as epoch seconds (a JSON number, possibly fractional).
                    time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
                    return null;
                case JsonValueKind.String when DateTimeOffset.TryParse(
                    value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed):
                    time = parsed;
                    return null;
                default:
                    return $"Entries[{index}].Time must be epoch seconds or an ISO-8601 timestamp, not {value.GetRawText()}.";
            }
        }

        private static int Utf8(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

        private static PutEventsRequest Fail(string type, string message) => new((type, message), []);
    }
}
