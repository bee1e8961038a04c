using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Insight.Sdk.Observability;

/// <summary>
/// Writes each log entry as one JSON line carrying the invocation's request id, tenant, trace id and cold-start
/// flag, so CloudWatch Logs Insights can filter a fleet's logs by tenant without parsing messages.
/// </summary>
public sealed class JsonLoggerProvider(OutputSink sink, TenantContext tenant) : ILoggerProvider
{
    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new JsonLogger(sink, tenant, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <summary>The level Lambda's logging controls ask for (<c>AWS_LAMBDA_LOG_LEVEL</c>), else Information.</summary>
    public static LogLevel MinimumLevel(Func<string, string?> environment) =>
        (environment("AWS_LAMBDA_LOG_LEVEL") ?? environment("INSIGHT_LOG_LEVEL"))?.ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "WARN" or "WARNING" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "FATAL" or "CRITICAL" => LogLevel.Critical,
            _ => LogLevel.Information,
        };
}

internal sealed class JsonLogger(OutputSink sink, TenantContext tenant, string category) : ILogger
{
    // The names every line carries, and this logger's fixed values, encoded once rather than transcoded and escape-checked
    // on every line.
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText LevelName = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText CategoryName = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText ServiceName = JsonEncodedText.Encode("service");
    private static readonly JsonEncodedText TenantIdName = JsonEncodedText.Encode("tenantId");
    private static readonly JsonEncodedText RequestIdName = JsonEncodedText.Encode("requestId");
    private static readonly JsonEncodedText TraceIdName = JsonEncodedText.Encode("traceId");
    private static readonly JsonEncodedText ColdStartName = JsonEncodedText.Encode("coldStart");
    private static readonly JsonEncodedText ScannerEventIdName = JsonEncodedText.Encode("event_id");
    private static readonly JsonEncodedText EventIdName = JsonEncodedText.Encode("eventId");
    private static readonly JsonEncodedText[] LevelNames = [.. new[] { "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL" }.Select(level => JsonEncodedText.Encode(level))];

    private readonly JsonEncodedText _category = JsonEncodedText.Encode(category);
    private readonly JsonEncodedText _service = JsonEncodedText.Encode(tenant.ServiceName);
    private readonly JsonEncodedText _tenantId = JsonEncodedText.Encode(tenant.TenantId);

    // The line's buffer and its writer are kept per thread and reused, so a log line allocates only its message.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString(TimestampName, DateTimeOffset.UtcNow);
        json.WriteString(LevelName, LevelText(logLevel));
        json.WriteString(MessageName, formatter(state, exception));
        json.WriteString(CategoryName, _category);
        json.WriteString(ServiceName, _service);
        json.WriteString(TenantIdName, _tenantId);

        if (InvocationContext.Current is { } invocation)
        {
            json.WriteString(RequestIdName, invocation.RequestId);
            if (invocation.TraceId is not null)
            {
                json.WriteString(TraceIdName, invocation.TraceId);
            }

            json.WriteBoolean(ColdStartName, invocation.IsColdStart);

            // The scanner event's own id under its wire name, apart from the logger's numeric eventId below: the id
            // the sender, the tables and the dead-letter queue know the event by.
            if (invocation.EventId is { } scannerEventId)
            {
                json.WriteString(ScannerEventIdName, scannerEventId);
            }
        }

        if (eventId.Id != 0)
        {
            json.WriteNumber(EventIdName, eventId.Id);
        }

        if (state is IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            // By index: the state's enumerator would be one more allocation per line.
            for (var i = 0; i < properties.Count; i++)
            {
                var (key, value) = properties[i];
                if (key != "{OriginalFormat}")
                {
                    WriteValue(json, key, value);
                }
            }
        }

        if (exception is not null)
        {
            json.WriteStartObject("exception");
            json.WriteString("type", exception.GetType().FullName);
            json.WriteString("message", exception.Message);
            json.WriteString("stackTrace", exception.StackTrace);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();

        sink.WriteLine(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case string s: json.WriteString(key, s); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int i: json.WriteNumber(key, i); break;
            case long l: json.WriteNumber(key, l); break;
            case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
            case decimal m: json.WriteNumber(key, m); break;
            case DateTimeOffset t: json.WriteString(key, t); break;
            case DateTime t: json.WriteString(key, t); break;
            case Guid g: json.WriteString(key, g); break;
            case IFormattable f: json.WriteString(key, f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: json.WriteString(key, value.ToString()); break;
        }
    }

    // Trace to Error in order, as Lambda's log levels name them; Critical and anything past it is FATAL.
    private static JsonEncodedText LevelText(LogLevel level) =>
        (uint)level < (uint)LevelNames.Length ? LevelNames[(int)level] : LevelNames[^1];
}
