using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Insight.Sdk.Observability;

/// <summary>CloudWatch units for metrics.</summary>
public enum MetricUnit
{
    /// <summary>A count.</summary>
    Count,

    /// <summary>Milliseconds.</summary>
    Milliseconds,

    /// <summary>Seconds.</summary>
    Seconds,

    /// <summary>Percent.</summary>
    Percent,

    /// <summary>Bytes.</summary>
    Bytes,

    /// <summary>No unit.</summary>
    None,
}

/// <summary>
/// Records metrics for the invocation in progress. They are written once, when the invocation ends, as one
/// CloudWatch Embedded Metric Format line with the service and tenant as dimensions — no API call, no agent.
/// </summary>
public interface IMetrics
{
    /// <summary>Adds a value to the metric <paramref name="name"/>.</summary>
    void Add(string name, double value, MetricUnit unit = MetricUnit.Count);
}

/// <summary>
/// Buffers metric values and writes them in Embedded Metric Format. An invocation that recorded nothing but the host's
/// own measurements (<see cref="InvocationMetrics"/>) writes no line: a scheduled run with nothing to do publishes no
/// custom metric, which CloudWatch would bill for every hour it receives data in every idle account.
/// </summary>
public sealed class EmfMetrics(OutputSink sink, TenantContext tenant, string metricsNamespace) : IMetrics
{
    /// <summary>
    /// What the host records for every invocation. They go out with the handler's metrics; alone they stay unwritten,
    /// since Lambda publishes duration and invocations in <c>AWS/Lambda</c> at no charge.
    /// </summary>
    public static IReadOnlySet<string> InvocationMetrics { get; } = new HashSet<string>(StringComparer.Ordinal) { "Duration", "ColdStart" };

    /// <summary>Environment variable that overrides the namespace (default <c>Insight</c>).</summary>
    public const string NamespaceVariable = "INSIGHT_METRICS_NAMESPACE";

    // CloudWatch accepts at most 100 metrics per directive and 100 values per metric.
    private const int MaxMetricsPerLine = 100;
    private const int MaxValuesPerMetric = 100;

    // What every line repeats, encoded once: the Utf8JsonWriter would otherwise transcode and escape-check each name and
    // each dimension value on every flush.
    private static readonly JsonEncodedText AwsName = JsonEncodedText.Encode("_aws");
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("Timestamp");
    private static readonly JsonEncodedText CloudWatchMetricsName = JsonEncodedText.Encode("CloudWatchMetrics");
    private static readonly JsonEncodedText NamespaceName = JsonEncodedText.Encode("Namespace");
    private static readonly JsonEncodedText DimensionsName = JsonEncodedText.Encode("Dimensions");
    private static readonly JsonEncodedText MetricsName = JsonEncodedText.Encode("Metrics");
    private static readonly JsonEncodedText NameName = JsonEncodedText.Encode("Name");
    private static readonly JsonEncodedText UnitName = JsonEncodedText.Encode("Unit");
    private static readonly JsonEncodedText ServiceName = JsonEncodedText.Encode("Service");
    private static readonly JsonEncodedText TenantIdName = JsonEncodedText.Encode("TenantId");
    private static readonly JsonEncodedText AccountIdName = JsonEncodedText.Encode("AccountId");
    private static readonly JsonEncodedText FunctionNameName = JsonEncodedText.Encode("FunctionName");
    private static readonly JsonEncodedText[] UnitNames = [.. Enum.GetValues<MetricUnit>().Select(unit => JsonEncodedText.Encode(unit.ToString()))];

    private readonly JsonEncodedText _namespace = JsonEncodedText.Encode(metricsNamespace);
    private readonly JsonEncodedText _service = JsonEncodedText.Encode(tenant.ServiceName);
    private readonly JsonEncodedText _tenantId = JsonEncodedText.Encode(tenant.TenantId);
    private readonly JsonEncodedText _accountId = JsonEncodedText.Encode(tenant.AccountId);
    private readonly Lock _gate = new();
    private string? _functionName;
    private JsonEncodedText _encodedFunctionName;

    // Entries and their value lists live across invocations and are emptied at each flush, so a warm invocation
    // records its metrics without allocating; an entry with no values counts as not recorded.
    private readonly Dictionary<string, MetricEntry> _metrics = new(StringComparer.Ordinal);
    private readonly List<MetricValues> _line = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private Utf8JsonWriter? _json;

    /// <inheritdoc/>
    public void Add(string name, double value, MetricUnit unit = MetricUnit.Count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Metric {name} needs a finite value.");
        }

        lock (_gate)
        {
            if (!_metrics.TryGetValue(name, out var entry))
            {
                entry = new MetricEntry(name);
                _metrics[name] = entry;
            }

            if (entry.Values.Count == 0)
            {
                entry.Unit = unit;
            }

            entry.Values.Add(value);
        }
    }

    /// <summary>
    /// Writes what was recorded since the last flush and starts afresh; nothing when only <see cref="InvocationMetrics"/>
    /// were recorded. Past CloudWatch's per-line limits the values go on further lines, so nothing recorded is dropped.
    /// </summary>
    public void Flush(string? functionName, DateTimeOffset now)
    {
        lock (_gate)
        {
            try
            {
                if (HasCustomMetrics())
                {
                    WriteLines(functionName, now);
                }
            }
            finally
            {
                foreach (var entry in _metrics.Values)
                {
                    entry.Values.Clear();
                }

                // Metric names made up at run time would otherwise keep their empty entries forever.
                if (_metrics.Count > MaxMetricsPerLine)
                {
                    _metrics.Clear();
                }
            }
        }
    }

    private bool HasCustomMetrics()
    {
        foreach (var entry in _metrics.Values)
        {
            if (entry.Values.Count > 0 && !entry.IsInvocationMetric)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Round <c>r</c> carries each metric's values <c>r·100</c> to <c>r·100+99</c>; each round goes out in lines of at
    /// most 100 metrics.
    /// </summary>
    private void WriteLines(string? functionName, DateTimeOffset now)
    {
        for (var round = 0; ; round++)
        {
            _line.Clear();
            var skip = round * MaxValuesPerMetric;
            foreach (var entry in _metrics.Values)
            {
                if (entry.Values.Count > skip)
                {
                    var take = Math.Min(MaxValuesPerMetric, entry.Values.Count - skip);
                    _line.Add(new MetricValues(entry.EncodedName, entry.Unit, entry.Values, skip, take));
                }
            }

            if (_line.Count == 0)
            {
                return;
            }

            for (var first = 0; first < _line.Count; first += MaxMetricsPerLine)
            {
                var metrics = CollectionsMarshal.AsSpan(_line).Slice(first, Math.Min(MaxMetricsPerLine, _line.Count - first));
                _buffer.ResetWrittenCount();
                var json = _json ??= new Utf8JsonWriter(_buffer);
                json.Reset(_buffer);
                WriteLine(json, metrics, functionName, now);
                json.Flush();
                sink.WriteLine(_buffer.WrittenSpan);
            }
        }
    }

    private void WriteLine(Utf8JsonWriter json, ReadOnlySpan<MetricValues> metrics, string? functionName, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteStartObject(AwsName);
        json.WriteNumber(TimestampName, now.ToUnixTimeMilliseconds());
        json.WriteStartArray(CloudWatchMetricsName);
        json.WriteStartObject();
        json.WriteString(NamespaceName, _namespace);
        json.WriteStartArray(DimensionsName);
        json.WriteStartArray();
        json.WriteStringValue(ServiceName);
        json.WriteStringValue(TenantIdName);
        json.WriteEndArray();
        json.WriteEndArray();
        json.WriteStartArray(MetricsName);
        foreach (var metric in metrics)
        {
            json.WriteStartObject();
            json.WriteString(NameName, metric.Name);
            json.WriteString(UnitName, (uint)metric.Unit < (uint)UnitNames.Length ? UnitNames[(int)metric.Unit] : JsonEncodedText.Encode(metric.Unit.ToString()));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteString(ServiceName, _service);
        json.WriteString(TenantIdName, _tenantId);
        json.WriteString(AccountIdName, _accountId);
        if (functionName is not null)
        {
            json.WriteString(FunctionNameName, EncodedFunctionName(functionName));
        }

        foreach (var metric in metrics)
        {
            if (metric.Count == 1)
            {
                json.WriteNumber(metric.Name, metric.Values[metric.Start]);
                continue;
            }

            json.WriteStartArray(metric.Name);
            for (var i = metric.Start; i < metric.Start + metric.Count; i++)
            {
                json.WriteNumberValue(metric.Values[i]);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>The function's name encoded once: a host flushes with the same name every invocation.</summary>
    private JsonEncodedText EncodedFunctionName(string functionName)
    {
        if (functionName != _functionName)
        {
            _encodedFunctionName = JsonEncodedText.Encode(functionName);
            _functionName = functionName;
        }

        return _encodedFunctionName;
    }

    private sealed class MetricEntry(string name)
    {
        /// <summary>Whether the host records it for every invocation (<see cref="InvocationMetrics"/>), looked up once.</summary>
        public bool IsInvocationMetric { get; } = InvocationMetrics.Contains(name);

        /// <summary>The name as the line carries it, encoded once for the life of the entry.</summary>
        public JsonEncodedText EncodedName { get; } = JsonEncodedText.Encode(name);

        public MetricUnit Unit { get; set; }

        public List<double> Values { get; } = [];
    }

    /// <summary>One metric's share of one line: <see cref="Count"/> of its values from <see cref="Start"/>.</summary>
    private readonly record struct MetricValues(JsonEncodedText Name, MetricUnit Unit, List<double> Values, int Start, int Count);
}
