using System.Text.Json;
using Insight.Local.RuntimeApi;
using Insight.Sdk.Hosting;
using Insight.Sdk.Serialization;

namespace Insight.Cli.Local;

/// <summary>One feed's figures for one tenant: every delivery was stored, refused as invalid, dropped as a duplicate, or failed.</summary>
/// <param name="Noun">What the events are called: <c>scans</c>.</param>
/// <param name="Service">The service that took them.</param>
/// <param name="Sent">Deliveries, redeliveries included.</param>
/// <param name="Invalid">Deliveries that broke the event's contract and were refused.</param>
/// <param name="Failed">Deliveries whose invocation failed for any other reason.</param>
/// <param name="DuplicatesDropped">Deliveries the service recognised as already stored, so they changed nothing.</param>
/// <param name="Stored">Items in the service's table of stored events.</param>
internal sealed record FeedFigures(string Noun, string Service, int Sent, int Invalid, int Failed, int DuplicatesDropped, int Stored)
{
    /// <summary>Deliveries that were neither stored, refused as invalid nor dropped as duplicates: 0 when every one is accounted for.</summary>
    public int Unaccounted => Sent - Stored - Invalid - DuplicatesDropped;
}

/// <summary>One tenant's figures, taken from what its functions answered and wrote and what its tables hold.</summary>
/// <param name="Tenant">Whose figures these are.</param>
/// <param name="Scans">The scans' deliveries into ScanIngest.</param>
/// <param name="Accepted">First deliveries of scans the service judged usable.</param>
/// <param name="Rejected">First deliveries of scans the service judged misread (for example a wrong GS1 check digit).</param>
/// <param name="TopDevices">The scanners with the most scans counted in the tenant's stats table, most first.</param>
/// <param name="Stations">Every station's counted scans and error rate, by name.</param>
/// <param name="Metrics">The metric samples' deliveries into Productivity.</param>
/// <param name="Measures">The ergonomics measures' deliveries into Ergonomics.</param>
/// <param name="TopWorkers">The workers with the most scans per active hour, as GetWorkerProductivity answered, most first.</param>
/// <param name="Risk">The highest risk GetWorkerRisk answered, and the alerts raised.</param>
internal sealed record TenantFigures(
    LocalTenant Tenant,
    FeedFigures Scans,
    int Accepted,
    int Rejected,
    IReadOnlyList<DeviceScans> TopDevices,
    IReadOnlyList<StationErrors> Stations,
    FeedFigures Metrics,
    FeedFigures Measures,
    IReadOnlyList<WorkerProductivity> TopWorkers,
    ErgonomicsRisk Risk)
{
    /// <summary>Every feed's figures.</summary>
    public IReadOnlyList<FeedFigures> Feeds => [Scans, Metrics, Measures];

    /// <summary>Share of the scans sent that did not count as work done.</summary>
    public double ErrorRate => Scans.Sent == 0 ? 0 : (double)(Rejected + Scans.Invalid + Scans.Failed) / Scans.Sent;
}

/// <summary>How many scans of one scanner the service counted.</summary>
internal sealed record DeviceScans(string DeviceSerial, long Scans);

/// <summary>How many scans the service counted at one station, and the share of them that were misreads.</summary>
internal sealed record StationErrors(string Station, long Scans, double ErrorRate);

/// <summary>A worker's scans in the productivity window and the clock hours in which they worked (those with counts).</summary>
internal sealed record WorkerProductivity(string WorkerId, long Scans, int ActiveHours)
{
    /// <summary>Scans per hour worked: idle hours and nights left out.</summary>
    public double ScansPerActiveHour => ActiveHours == 0 ? 0 : (double)Scans / ActiveHours;
}

/// <summary>A tenant's ergonomics risk: the highest shift score of any worker, whose it is, and the alerts raised.</summary>
internal sealed record ErgonomicsRisk(double HighestScore, string? HighestScoreWorkerId, int Alerts);

/// <summary>The figures of a whole run.</summary>
/// <param name="Tenants">Each tenant's figures.</param>
/// <param name="Elapsed">How long the run delivered for; tenants ran side by side, so this is the slowest tenant's time.</param>
internal sealed record RunFigures(IReadOnlyList<TenantFigures> Tenants, TimeSpan Elapsed)
{
    /// <summary>Deliveries of every kind across all tenants.</summary>
    public int Sent => Tenants.Sum(tenant => tenant.Feeds.Sum(feed => feed.Sent));

    /// <summary>Throughput of the whole run.</summary>
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;

    /// <summary>Whether every delivery of every tenant was stored, refused as invalid or dropped as a duplicate.</summary>
    public bool EveryEventAccountedFor => Tenants.All(tenant => tenant.Feeds.All(feed => feed.Unaccounted == 0));
}

/// <summary>
/// Turns what the functions answered, and what the tables hold, into figures. Single deliveries are judged by the
/// receipt's <c>duplicate</c> (and a scan's <c>verdict</c>), or the function error's type. Batches answer only which
/// messages failed, so duplicates (and scan verdicts) come from the function's Embedded Metric Format lines and
/// each failure's type from its log line. Devices and stations come from ScanIngest's stats table, productivity and
/// risk from the services' HTTP functions, alerts from Ergonomics' alerts table.
/// </summary>
internal static class RunReport
{
    // Stats items are keyed by subject, as the sample's ScanStats.ForDevice and ForStation write them.
    private const string DeviceSubject = "device:";
    private const string StationSubject = "station:";
    private const int TopDeviceCount = 3;
    private const int TopWorkerCount = 3;
    private const int HttpOk = 200;

    // ScanIngest's verdict metrics of batch deliveries; its receipts say the same per single delivery.
    private const string AcceptedMetric = "ScansAccepted";
    private const string RejectedMetric = "ScansRejected";

    /// <summary>The figures of every tenant of a run.</summary>
    public static RunFigures Compute(IReadOnlyList<TenantOutcomes> tenants) =>
        new([.. tenants.Select(ForTenant)], tenants.Count == 0 ? TimeSpan.Zero : tenants.Max(tenant => tenant.Elapsed));

    /// <summary>The figures of one tenant.</summary>
    public static TenantFigures ForTenant(TenantOutcomes outcomes)
    {
        var scanMetrics = MetricSums(outcomes.Scans.SqsFunctionOutput, AcceptedMetric, RejectedMetric);
        var verdicts = outcomes.Scans.SingleDeliveries.Where(outcome => !outcome.IsError).Select(ReadReceipt).Where(receipt => receipt.Duplicate != true).ToList();

        var counts = outcomes.ScanCounts;
        var topDevices = counts
            .Where(item => item.Subject.StartsWith(DeviceSubject, StringComparison.Ordinal))
            .Select(item => new DeviceScans(item.Subject[DeviceSubject.Length..], item.Accepted + item.Rejected))
            .OrderByDescending(device => device.Scans)
            .ThenBy(device => device.DeviceSerial, StringComparer.Ordinal)
            .Take(TopDeviceCount)
            .ToList();
        var stations = counts
            .Where(item => item.Subject.StartsWith(StationSubject, StringComparison.Ordinal))
            .Select(item => new StationErrors(
                item.Subject[StationSubject.Length..],
                item.Accepted + item.Rejected,
                item.Accepted + item.Rejected == 0 ? 0 : (double)item.Rejected / (item.Accepted + item.Rejected)))
            .OrderBy(station => station.Station, StringComparer.Ordinal)
            .ToList();

        return new TenantFigures(
            outcomes.Tenant,
            Tally(outcomes.Scans),
            verdicts.Count(receipt => receipt.Verdict == "accepted") + (int)scanMetrics[AcceptedMetric],
            verdicts.Count(receipt => receipt.Verdict == "rejected") + (int)scanMetrics[RejectedMetric],
            topDevices,
            stations,
            Tally(outcomes.Metrics),
            Tally(outcomes.Measures),
            TopWorkers(outcomes.Workers),
            Risk(outcomes.Workers, outcomes.Alerts));
    }

    /// <summary>Sorts every delivery of a feed: stored (counted from the table), invalid, failed or dropped as a duplicate.</summary>
    private static FeedFigures Tally(FeedOutcomes outcomes)
    {
        int invalid = 0, failed = 0, duplicates = 0;
        foreach (var outcome in outcomes.SingleDeliveries)
        {
            if (outcome.IsError)
            {
                if (IsContractBreach(outcome.ErrorType))
                {
                    invalid++;
                }
                else
                {
                    failed++;
                }
            }
            else if (ReadReceipt(outcome).Duplicate == true)
            {
                duplicates++;
            }
        }

        var failureTypes = FailureTypes(outcomes.SqsFunctionOutput);
        foreach (var batch in outcomes.BatchDeliveries)
        {
            if (batch.Outcome.IsError)
            {
                // The whole batch goes back to the queue; none of it was handled.
                failed += batch.MessageIds.Count;
                continue;
            }

            var failures = FailedMessageIds(batch.Outcome).ToList();
            var breaches = failures.Count(messageId => IsContractBreach(failureTypes.GetValueOrDefault(messageId)));
            invalid += breaches;
            failed += failures.Count - breaches;
        }

        var duplicateMetric = outcomes.Feed.DuplicateMetric;
        duplicates += (int)MetricSums(outcomes.SqsFunctionOutput, duplicateMetric)[duplicateMetric];
        return new FeedFigures(
            outcomes.Feed.Noun,
            outcomes.Feed.Service.Name,
            outcomes.SingleDeliveries.Count + outcomes.BatchDeliveries.Sum(batch => batch.MessageIds.Count),
            invalid,
            failed,
            duplicates,
            outcomes.Stored);
    }

    /// <summary>The workers with the most scans per active hour, from the hourly buckets GetWorkerProductivity answered.</summary>
    private static List<WorkerProductivity> TopWorkers(IEnumerable<WorkerAnswers> workers) =>
        [.. workers
            .Select(worker => ReadHttpAnswer(worker.Productivity, view =>
                new WorkerProductivity(worker.WorkerId, view.GetProperty("scans").GetInt64(), view.GetProperty("hourly").GetArrayLength())))
            .OfType<WorkerProductivity>()
            .Where(worker => worker.ActiveHours > 0)
            .OrderByDescending(worker => worker.ScansPerActiveHour)
            .ThenBy(worker => worker.WorkerId, StringComparer.Ordinal)
            .Take(TopWorkerCount)];

    /// <summary>The highest shift score GetWorkerRisk answered for any worker, and the alerts the table holds.</summary>
    private static ErgonomicsRisk Risk(IEnumerable<WorkerAnswers> workers, int alerts)
    {
        var highest = workers
            .Select(worker => (worker.WorkerId, Scores: ReadHttpAnswer(
                worker.Risk, view => view.GetProperty("shifts").EnumerateArray().Select(shift => shift.GetProperty("score").GetDouble()).ToList()) ?? []))
            .Where(worker => worker.Scores.Count > 0)
            .Select(worker => (worker.WorkerId, Score: worker.Scores.Max()))
            .OrderByDescending(worker => worker.Score)
            .ThenBy(worker => worker.WorkerId, StringComparer.Ordinal)
            .FirstOrDefault();
        return new ErgonomicsRisk(highest.Score, highest.WorkerId, alerts);
    }

    /// <summary>What <paramref name="read"/> takes from the JSON body of an HTTP function's 200 answer; null for any other answer (a 404 for a worker without measures).</summary>
    private static T? ReadHttpAnswer<T>(InvocationOutcome outcome, Func<JsonElement, T> read)
        where T : class
    {
        if (outcome.IsError || JsonSerializer.Deserialize(outcome.Body, InsightJsonContext.Default.HttpApiResponse) is not { StatusCode: HttpOk, Body: { } body })
        {
            return null;
        }

        using var view = ParseOrNull(body);
        return view is null ? null : read(view.RootElement);
    }

    private static bool IsContractBreach(string? errorType) =>
        errorType is ErrorTypes.ContractViolation or ErrorTypes.InvalidPayload;

    private static (string? Verdict, bool? Duplicate) ReadReceipt(InvocationOutcome outcome)
    {
        using var receipt = ParseOrNull(outcome.BodyText);
        return receipt?.RootElement is { ValueKind: JsonValueKind.Object } root
            ? (StringOrNull(root, "verdict"), root.TryGetProperty("duplicate", out var duplicate) && duplicate.ValueKind is JsonValueKind.True or JsonValueKind.False ? duplicate.GetBoolean() : null)
            : (null, null);
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> FailedMessageIds(InvocationOutcome outcome)
    {
        var response = JsonSerializer.Deserialize(outcome.Body, InsightJsonContext.Default.SqsBatchResponse);
        return response?.BatchItemFailures.Select(failure => failure.ItemIdentifier) ?? [];
    }

    /// <summary>The error type of each failed message, from the SDK's warning <c>SQS message {MessageId} failed ({ErrorType})</c>.</summary>
    private static Dictionary<string, string> FailureTypes(IEnumerable<string> output)
    {
        var failureTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output)
        {
            using var document = ParseOrNull(line);
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root
                && StringOrNull(root, "MessageId") is { } messageId && StringOrNull(root, "ErrorType") is { } errorType)
            {
                failureTypes[messageId] = errorType;
            }
        }

        return failureTypes;
    }

    /// <summary>Each named metric summed over every EMF line (a metric with several values in one line is an array).</summary>
    private static Dictionary<string, double> MetricSums(IEnumerable<string> output, params string[] names)
    {
        var sums = names.ToDictionary(name => name, _ => 0d, StringComparer.Ordinal);
        foreach (var line in output)
        {
            using var document = ParseOrNull(line);
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("_aws", out _))
            {
                foreach (var name in names)
                {
                    sums[name] += Sum(root, name);
                }
            }
        }

        return sums;
    }

    private static JsonDocument? ParseOrNull(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double Sum(JsonElement metrics, string name) =>
        !metrics.TryGetProperty(name, out var value) ? 0
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Sum(item => item.GetDouble())
        : value.GetDouble();
}
