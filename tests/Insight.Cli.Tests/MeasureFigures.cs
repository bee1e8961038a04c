using System.Text;
using System.Text.Json;
using Insight.Cli.Local;
using Insight.Sdk.Events;
using Insight.Sdk.Hosting;
using Insight.Sdk.Serialization;

namespace Insight.Cli.Tests;

/// <summary>
/// What Productivity and Ergonomics must answer and store for a tenant's streams, worked out from the wire events
/// alone with the samples' documented rules: Productivity counts <c>scan</c> and <c>missed_scan</c> (whole counts) and
/// <c>scan_duration</c> (ms or s) into the worker's clock hour, once per event id; Ergonomics adds each measure once
/// to the worker's shift and scores it with RiskModel's formula
/// (0.4·min(1, motions/h ÷ 1,200) + 0.4·min(1, strained min/h ÷ 15) + 0.2·min(1, reaches/h ÷ 60), three decimals),
/// raising one alert per shift the first time the score reaches 0.7.
/// </summary>
internal sealed record MeasureFigures(
    int MetricsSent,
    int MetricsInvalid,
    int MetricsDuplicates,
    IReadOnlySet<string> CountedSampleIds,
    IReadOnlyList<WorkerProductivity> TopWorkers,
    int MeasuresSent,
    int MeasuresInvalid,
    int MeasuresDuplicates,
    IReadOnlySet<string> CountedMeasureIds,
    IReadOnlySet<string> Workers,
    ErgonomicsRisk Risk)
{
    private const double AlertThreshold = 0.7;
    private const int WindowHours = 168;

    public static MeasureFigures Of(TenantStream stream)
    {
        var askedAt = stream.Metrics.Concat(stream.Measures).Max(delivery => delivery.ReceivedAt);
        var windowStart = HourOf(askedAt).AddHours(-(WindowHours - 1));

        var counted = new HashSet<string>(StringComparer.Ordinal);
        int metricsInvalid = 0, metricsDuplicates = 0;
        var scansPerWorker = new Dictionary<string, long>(StringComparer.Ordinal);
        var hoursPerWorker = new Dictionary<string, HashSet<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var delivery in stream.Metrics)
        {
            if (Read(delivery.Json, InsightJsonContext.Default.MetricSample) is not { } sample || !CountsAsProductivity(sample))
            {
                metricsInvalid++;
            }
            else if (!counted.Add(sample.EventId))
            {
                metricsDuplicates++;
            }
            else if (HourOf(sample.CreatedAt) >= windowStart)
            {
                var worker = sample.WorkerId!;
                scansPerWorker[worker] = scansPerWorker.GetValueOrDefault(worker) + (sample.MetricName == "scan" ? (long)sample.Value : 0);
                (hoursPerWorker.TryGetValue(worker, out var hours) ? hours : hoursPerWorker[worker] = []).Add(HourOf(sample.CreatedAt));
            }
        }

        var topWorkers = scansPerWorker
            .Select(worker => new WorkerProductivity(worker.Key, worker.Value, hoursPerWorker[worker.Key].Count))
            .OrderByDescending(worker => (double)worker.Scans / worker.ActiveHours)
            .ThenBy(worker => worker.WorkerId, StringComparer.Ordinal)
            .Take(3)
            .ToList();

        var scored = new HashSet<string>(StringComparer.Ordinal);
        int measuresInvalid = 0, measuresDuplicates = 0;
        var exposures = new Dictionary<(string Worker, string Shift), Exposure>();
        var alerts = new HashSet<(string Worker, string Shift)>();
        foreach (var delivery in stream.Measures)
        {
            if (Read(delivery.Json, InsightJsonContext.Default.ErgonomicsEvent) is not { } measure || !HasDocumentedUnit(measure))
            {
                measuresInvalid++;
                continue;
            }

            var key = (measure.WorkerId, measure.ShiftId!);
            var exposure = exposures.TryGetValue(key, out var known) ? known : exposures[key] = new Exposure();
            if (scored.Add(measure.EventId))
            {
                exposure.Add(measure);
            }
            else
            {
                measuresDuplicates++;
            }

            // Checked on every valid delivery, as the service does, so the first reach of the threshold raises the alert.
            if (exposure.Score >= AlertThreshold)
            {
                alerts.Add(key);
            }
        }

        var highest = exposures
            .Select(shift => (Worker: shift.Key.Worker, shift.Value.Score))
            .OrderByDescending(shift => shift.Score)
            .ThenBy(shift => shift.Worker, StringComparer.Ordinal)
            .FirstOrDefault();

        return new MeasureFigures(
            stream.Metrics.Count, metricsInvalid, metricsDuplicates, counted, topWorkers,
            stream.Measures.Count, measuresInvalid, measuresDuplicates, scored,
            stream.Metrics.Concat(stream.Measures).Select(delivery => delivery.WorkerId).ToHashSet(StringComparer.Ordinal),
            new ErgonomicsRisk(highest.Score, highest.Worker, alerts.Count));
    }

    private static T? Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return Dispatch.Read(Encoding.UTF8.GetBytes(json), type, typeof(T).Name);
        }
        catch (Exception exception) when (exception is ContractViolationException or InvalidPayloadException)
        {
            return null;
        }
    }

    private static bool CountsAsProductivity(MetricSample sample) => sample.MetricName switch
    {
        "scan" or "missed_scan" => sample.Unit == MeasureUnit.Count && sample.Value >= 0 && sample.Value == Math.Floor(sample.Value),
        "scan_duration" => sample.Unit is MeasureUnit.Milliseconds or MeasureUnit.Seconds && sample.Value >= 0,
        _ => false,
    };

    private static bool HasDocumentedUnit(ErgonomicsEvent measure) => measure.Measure switch
    {
        ErgonomicsMeasure.Steps => measure.Unit is MeasureUnit.Steps or MeasureUnit.Count,
        ErgonomicsMeasure.StrainedPosture => measure.Unit is MeasureUnit.Seconds or MeasureUnit.Milliseconds,
        _ => measure.Unit == MeasureUnit.Count,
    };

    private static DateTimeOffset HourOf(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    /// <summary>A worker's shift: each scored measure's total and the hours it was measured over.</summary>
    private sealed class Exposure
    {
        private readonly Dictionary<ErgonomicsMeasure, (double Total, long WindowMs)> _measures = [];

        public double Score => Math.Round(
            (0.4 * Math.Min(1, PerHour(ErgonomicsMeasure.RepetitiveMotions) / 1_200))
            + (0.4 * Math.Min(1, PerHour(ErgonomicsMeasure.StrainedPosture, perMinute: true) / 15))
            + (0.2 * Math.Min(1, PerHour(ErgonomicsMeasure.OverheadReaches) / 60)),
            3);

        public void Add(ErgonomicsEvent measure)
        {
            var value = measure.Unit == MeasureUnit.Milliseconds ? measure.Value / 1000 : measure.Value;
            var (total, windowMs) = _measures.GetValueOrDefault(measure.Measure);
            _measures[measure.Measure] = (total + value, windowMs + measure.WindowMs);
        }

        /// <summary>The measure's total (in minutes for a time) over the hours it was measured in.</summary>
        private double PerHour(ErgonomicsMeasure measure, bool perMinute = false) =>
            _measures.TryGetValue(measure, out var exposure) && exposure.WindowMs > 0
                ? (perMinute ? exposure.Total / 60 : exposure.Total) / (exposure.WindowMs / 3_600_000.0)
                : 0;
    }
}
