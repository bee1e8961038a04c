using System.Text.Json;
using Insight.Local.RuntimeApi;
using Insight.Sdk.Hosting;
using Insight.Sdk.Serialization;

namespace Insight.Cli.Local;

/// <summary>One tenant's figures, taken from what its functions answered and wrote and what its tables hold.</summary>
/// <param name="Tenant">Whose figures these are.</param>
/// <param name="Sent">Scans delivered, redeliveries included.</param>
/// <param name="Accepted">First deliveries the service judged usable.</param>
/// <param name="Rejected">First deliveries the service judged misread (for example a wrong GS1 check digit).</param>
/// <param name="Invalid">Deliveries that broke the scan contract and were refused before being judged.</param>
/// <param name="Failed">Deliveries whose invocation failed for any other reason.</param>
/// <param name="DuplicatesDropped">Deliveries the service recognised as already stored, so they changed nothing.</param>
/// <param name="StoredScans">Items in the tenant's scan table.</param>
/// <param name="TopDevices">The scanners with the most scans counted in the tenant's stats table, most first.</param>
/// <param name="Stations">Every station's counted scans and error rate, by name.</param>
internal sealed record TenantFigures(
    LocalTenant Tenant,
    int Sent,
    int Accepted,
    int Rejected,
    int Invalid,
    int Failed,
    int DuplicatesDropped,
    int StoredScans,
    IReadOnlyList<DeviceScans> TopDevices,
    IReadOnlyList<StationErrors> Stations)
{
    /// <summary>Share of the scans sent that did not count as work done.</summary>
    public double ErrorRate => Sent == 0 ? 0 : (double)(Rejected + Invalid + Failed) / Sent;

    /// <summary>Scans sent that were neither stored, refused as invalid nor dropped as duplicates: 0 when every scan is accounted for.</summary>
    public int Unaccounted => Sent - StoredScans - Invalid - DuplicatesDropped;
}

/// <summary>How many scans of one scanner the service counted.</summary>
internal sealed record DeviceScans(string DeviceSerial, long Scans);

/// <summary>How many scans the service counted at one station, and the share of them that were misreads.</summary>
internal sealed record StationErrors(string Station, long Scans, double ErrorRate);

/// <summary>The figures of a whole run.</summary>
/// <param name="Tenants">Each tenant's figures.</param>
/// <param name="Elapsed">How long the run delivered for; tenants ran side by side, so this is the slowest tenant's time.</param>
internal sealed record RunFigures(IReadOnlyList<TenantFigures> Tenants, TimeSpan Elapsed)
{
    /// <summary>Scans delivered across all tenants.</summary>
    public int Sent => Tenants.Sum(tenant => tenant.Sent);

    /// <summary>Throughput of the whole run.</summary>
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;

    /// <summary>Whether every scan of every tenant was stored, refused as invalid or dropped as a duplicate.</summary>
    public bool EveryScanAccountedFor => Tenants.All(tenant => tenant.Unaccounted == 0);
}

/// <summary>
/// Turns what the functions answered, and what the tables hold, into figures. Single deliveries are judged by the
/// receipt's <c>verdict</c> and <c>duplicate</c>, or the function error's type. Batches answer only which messages
/// failed, so their verdicts come from the function's Embedded Metric Format lines (<c>ScansAccepted</c>,
/// <c>ScansRejected</c>, <c>ScansDuplicate</c>) and each failure's type from its log line. Devices and stations
/// come from the stats table, which counts each scan once.
/// </summary>
internal static class ScanReport
{
    // Stats items are keyed by subject, as the sample's ScanStats.ForDevice and ForStation write them.
    private const string DeviceSubject = "device:";
    private const string StationSubject = "station:";
    private const int TopDeviceCount = 3;

    /// <summary>The figures of every tenant of a run.</summary>
    public static RunFigures Compute(IReadOnlyList<TenantOutcomes> tenants) =>
        new([.. tenants.Select(ForTenant)], tenants.Count == 0 ? TimeSpan.Zero : tenants.Max(tenant => tenant.Elapsed));

    /// <summary>The figures of one tenant.</summary>
    public static TenantFigures ForTenant(TenantOutcomes outcomes)
    {
        int accepted = 0, rejected = 0, invalid = 0, failed = 0, duplicates = 0;
        foreach (var outcome in outcomes.SingleDeliveries)
        {
            if (outcome.IsError && IsContractBreach(outcome.ErrorType))
            {
                invalid++;
                continue;
            }

            if (outcome.IsError)
            {
                failed++;
                continue;
            }

            switch (ReadReceipt(outcome))
            {
                case (_, Duplicate: true):
                    duplicates++;
                    break;
                case ("accepted", Duplicate: false):
                    accepted++;
                    break;
                case ("rejected", Duplicate: false):
                    rejected++;
                    break;
                default:
                    failed++;
                    break;
            }
        }

        var batchOutput = ReadBatchOutput(outcomes.SqsFunctionOutput);
        foreach (var batch in outcomes.BatchDeliveries)
        {
            if (batch.Outcome.IsError)
            {
                // The whole batch goes back to the queue; none of it was judged.
                failed += batch.MessageIds.Count;
                continue;
            }

            var failures = FailedMessageIds(batch.Outcome).ToList();
            var breaches = failures.Count(messageId => IsContractBreach(batchOutput.FailureTypes.GetValueOrDefault(messageId)));
            invalid += breaches;
            failed += failures.Count - breaches;
        }

        var counts = outcomes.Tables.Counts;
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
            outcomes.SingleDeliveries.Count + outcomes.BatchDeliveries.Sum(batch => batch.MessageIds.Count),
            accepted + batchOutput.Accepted,
            rejected + batchOutput.Rejected,
            invalid,
            failed,
            duplicates + batchOutput.Duplicates,
            outcomes.Tables.StoredScans,
            topDevices,
            stations);
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

    /// <summary>
    /// Sums the verdict counts of every EMF line (a metric with several values in one line is an array) and reads
    /// the error type of each failed message from the SDK's warning <c>SQS message {MessageId} failed ({ErrorType})</c>.
    /// </summary>
    private static BatchOutput ReadBatchOutput(IEnumerable<string> output)
    {
        double accepted = 0, rejected = 0, duplicates = 0;
        var failureTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output)
        {
            using var document = ParseOrNull(line);
            if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
            {
                continue;
            }

            if (root.TryGetProperty("_aws", out _))
            {
                accepted += Sum(root, "ScansAccepted");
                rejected += Sum(root, "ScansRejected");
                duplicates += Sum(root, "ScansDuplicate");
            }
            else if (StringOrNull(root, "MessageId") is { } messageId && StringOrNull(root, "ErrorType") is { } errorType)
            {
                failureTypes[messageId] = errorType;
            }
        }

        return new BatchOutput((int)accepted, (int)rejected, (int)duplicates, failureTypes);
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

    private sealed record BatchOutput(int Accepted, int Rejected, int Duplicates, IReadOnlyDictionary<string, string> FailureTypes);
}
