using System.Buffers;
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

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (MetricUnit Unit, List<double> Values)> _metrics = new(StringComparer.Ordinal);

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
                entry = (unit, []);
                _metrics[name] = entry;
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
        List<MetricValues> rounds = [];
        lock (_gate)
        {
            if (_metrics.Keys.All(InvocationMetrics.Contains))
            {
                _metrics.Clear();
                return;
            }

            foreach (var (name, (unit, values)) in _metrics)
            {
                var round = 0;
                foreach (var chunk in values.Chunk(MaxValuesPerMetric))
                {
                    rounds.Add(new MetricValues(round++, name, unit, chunk));
                }
            }

            _metrics.Clear();
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        foreach (var line in rounds.GroupBy(r => r.Round).SelectMany(round => round.Chunk(MaxMetricsPerLine)))
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                WriteLine(json, line, functionName, now);
            }

            sink.WriteLine(buffer.WrittenSpan);
        }
    }

    private void WriteLine(Utf8JsonWriter json, MetricValues[] metrics, string? functionName, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteStartObject("_aws");
        json.WriteNumber("Timestamp", now.ToUnixTimeMilliseconds());
        json.WriteStartArray("CloudWatchMetrics");
        json.WriteStartObject();
        json.WriteString("Namespace", metricsNamespace);
        json.WriteStartArray("Dimensions");
        json.WriteStartArray();
        json.WriteStringValue("Service");
        json.WriteStringValue("TenantId");
        json.WriteEndArray();
        json.WriteEndArray();
        json.WriteStartArray("Metrics");
        foreach (var metric in metrics)
        {
            json.WriteStartObject();
            json.WriteString("Name", metric.Name);
            json.WriteString("Unit", metric.Unit.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteString("Service", tenant.ServiceName);
        json.WriteString("TenantId", tenant.TenantId);
        json.WriteString("AccountId", tenant.AccountId);
        if (functionName is not null)
        {
            json.WriteString("FunctionName", functionName);
        }

        foreach (var metric in metrics)
        {
            if (metric.Values.Length == 1)
            {
                json.WriteNumber(metric.Name, metric.Values[0]);
                continue;
            }

            json.WriteStartArray(metric.Name);
            foreach (var value in metric.Values)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private sealed record MetricValues(int Round, string Name, MetricUnit Unit, double[] Values);
}
