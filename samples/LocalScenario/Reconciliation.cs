using LocalScenario.Streams;

namespace LocalScenario;

/// <summary>
/// What one feed's deliveries must leave behind, worked out from the stream alone: a delivery that breaks its
/// contract is refused by every function that takes it, which ends in that function's dead-letter queue; of the
/// rest, each event id is stored once however often it was delivered.
/// </summary>
/// <param name="Feed">The events' kind and service.</param>
/// <param name="Sent">Deliveries put on the bus, redeliveries included.</param>
/// <param name="Invalid">Deliveries that break the contract.</param>
/// <param name="StoredIds">Event ids the service's table must hold.</param>
/// <param name="MayHaveExpired">Of <paramref name="StoredIds"/>, those whose item's time to live has passed by the time the table is read (DynamoDB may have deleted them).</param>
internal sealed record FeedExpectation(Feed Feed, int Sent, int Invalid, IReadOnlySet<string> StoredIds, IReadOnlySet<string> MayHaveExpired)
{
    // An item's expiry is its event's creation plus the retention; creation precedes receipt by under a second.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    /// <summary>Deliveries of events already delivered, which the service recognises and drops.</summary>
    public int Duplicates => Sent - Invalid - StoredIds.Count;

    /// <summary>Messages the service's dead-letter queues must have gained: one per invalid delivery and function that takes it.</summary>
    public long DeadLettered => (long)Invalid * Feed.Functions;

    /// <summary>The expectation of <paramref name="feed"/>'s <paramref name="deliveries"/>, for tables read at <paramref name="readAt"/>.</summary>
    public static FeedExpectation Of(Feed feed, IReadOnlyCollection<IEventDelivery> deliveries, DateTimeOffset readAt)
    {
        var valid = deliveries.Where(delivery => !delivery.BreaksContract).ToList();
        return new FeedExpectation(
            feed,
            deliveries.Count,
            deliveries.Count - valid.Count,
            valid.Select(delivery => delivery.EventId).ToHashSet(StringComparer.Ordinal),
            valid.Where(delivery => delivery.ReceivedAt + feed.Retention < readAt + ExpiryMargin).Select(delivery => delivery.EventId).ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>One feed of one tenant, reconciled: what was expected against what its table and dead-letter queues hold.</summary>
/// <param name="Expected">What the stream must leave behind.</param>
/// <param name="Stored">Items in the table of stored events.</param>
/// <param name="Expired">Expected items gone because their time to live passed.</param>
/// <param name="Missing">Event ids that should be stored and are not (at most a few listed).</param>
/// <param name="MissingCount">How many are missing.</param>
/// <param name="Unexpected">Event ids stored that no valid delivery carried (at most a few listed).</param>
/// <param name="UnexpectedCount">How many are unexpected.</param>
/// <param name="DeadLettered">Messages the service's dead-letter queues gained during the scenario.</param>
internal sealed record FeedReconciliation(
    FeedExpectation Expected, int Stored, int Expired, IReadOnlyList<string> Missing, int MissingCount, IReadOnlyList<string> Unexpected, int UnexpectedCount, long DeadLettered)
{
    private const int Listed = 3;

    /// <summary>Whether every delivery is accounted for: stored once, refused into a dead-letter queue, or dropped as a duplicate.</summary>
    public bool Reconciled => MissingCount == 0 && UnexpectedCount == 0 && DeadLettered == Expected.DeadLettered;

    /// <summary>What does not reconcile, one sentence each.</summary>
    public IEnumerable<string> Problems()
    {
        var feed = Expected.Feed;
        if (MissingCount > 0)
        {
            yield return $"{feed.Service}: {MissingCount:N0} {feed.Noun} not in {feed.StoredTable} (e.g. {string.Join(", ", Missing)})";
        }

        if (UnexpectedCount > 0)
        {
            yield return $"{feed.Service}: {UnexpectedCount:N0} items in {feed.StoredTable} that no valid delivery carried (e.g. {string.Join(", ", Unexpected)})";
        }

        if (DeadLettered != Expected.DeadLettered)
        {
            yield return $"{feed.Service}: dead-letter queues gained {DeadLettered:N0} messages; {Expected.Invalid:N0} invalid {feed.Noun} × {feed.Functions} function(s) = {Expected.DeadLettered:N0} expected";
        }
    }

    /// <summary>Compares <paramref name="expected"/> with the ids <paramref name="storedIds"/> the table holds and the dead-letter messages gained.</summary>
    public static FeedReconciliation Of(FeedExpectation expected, IReadOnlySet<string> storedIds, long deadLettered)
    {
        var missing = expected.StoredIds.Where(id => !storedIds.Contains(id)).ToList();
        var expired = missing.Count(expected.MayHaveExpired.Contains);
        var lost = missing.Where(id => !expected.MayHaveExpired.Contains(id)).ToList();
        var unexpected = storedIds.Where(id => !expected.StoredIds.Contains(id)).ToList();
        return new FeedReconciliation(
            expected, storedIds.Count, expired, [.. lost.Order(StringComparer.Ordinal).Take(Listed)], lost.Count, [.. unexpected.Order(StringComparer.Ordinal).Take(Listed)], unexpected.Count, deadLettered);
    }
}

/// <summary>ScanIngest's verdicts: each stored scan counted once, as accepted or rejected (misread), for its device and for its station.</summary>
/// <param name="Accepted">Scans that must be counted as accepted.</param>
/// <param name="Rejected">Scans that must be counted as rejected.</param>
/// <param name="Counts">What the stats table holds.</param>
internal sealed record ScanVerdicts(int Accepted, int Rejected, IReadOnlyList<SubjectCounts> Counts)
{
    private const string DeviceSubject = "device:";
    private const string StationSubject = "station:";

    /// <summary>The verdicts <paramref name="scans"/> must produce (first delivery of each valid event id), against <paramref name="counts"/>.</summary>
    public static ScanVerdicts Of(IEnumerable<ScanDelivery> scans, IReadOnlyList<SubjectCounts> counts)
    {
        var firsts = scans.Where(scan => !scan.BreaksContract).DistinctBy(scan => scan.EventId).ToList();
        return new ScanVerdicts(firsts.Count(scan => scan.Flaw == ScanFlaw.None), firsts.Count(scan => scan.Flaw == ScanFlaw.Misread), counts);
    }

    /// <summary>The devices' counts.</summary>
    public IEnumerable<SubjectCounts> Devices => Counts.Where(item => item.Subject.StartsWith(DeviceSubject, StringComparison.Ordinal));

    /// <summary>The stations' counts.</summary>
    public IEnumerable<SubjectCounts> Stations => Counts.Where(item => item.Subject.StartsWith(StationSubject, StringComparison.Ordinal));

    /// <summary>The scanners with the most scans counted, most first.</summary>
    public IReadOnlyList<(string DeviceSerial, long Scans)> TopDevices(int count) =>
        [.. Devices.Select(item => (item.Subject[DeviceSubject.Length..], item.Accepted + item.Rejected)).OrderByDescending(device => device.Item2).ThenBy(device => device.Item1, StringComparer.Ordinal).Take(count)];

    /// <summary>Each station's counted scans and the share of them that were misreads, by name.</summary>
    public IReadOnlyList<(string Station, long Scans, double ErrorRate)> StationErrors() =>
        [.. Stations.Select(item => (item.Subject[StationSubject.Length..], item.Accepted + item.Rejected, item.Accepted + item.Rejected == 0 ? 0 : (double)item.Rejected / (item.Accepted + item.Rejected)))
            .OrderBy(station => station.Item1, StringComparer.Ordinal)];

    /// <summary>What does not reconcile: the devices' and the stations' counts must each add up to the verdicts.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (kind, items) in new[] { ("devices", Devices.ToList()), ("stations", Stations.ToList()) })
        {
            var (accepted, rejected) = (items.Sum(item => item.Accepted), items.Sum(item => item.Rejected));
            if (accepted != Accepted || rejected != Rejected)
            {
                yield return $"ScanIngest: the {kind}' counts add up to {accepted:N0} accepted and {rejected:N0} rejected; the stream's scans make {Accepted:N0} and {Rejected:N0}";
            }
        }
    }
}
