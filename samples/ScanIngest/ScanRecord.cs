using Insight.Sdk.Data;

namespace ScanIngest;

/// <summary>
/// One stored scan. The event id is the key, so a redelivered event finds its item and is not stored or counted
/// twice; indexes answer "scans of this device" and "scans at this station" by time.
/// </summary>
[DynamoTable("Scans")]
public sealed partial record ScanRecord(
    [property: PartitionKey] string EventId,
    [property: GlobalIndexPartitionKey("ByDevice")] string DeviceSerial,
    [property: GlobalIndexSortKey("ByDevice"), GlobalIndexSortKey("ByStation")] DateTimeOffset ScannedAt,
    [property: GlobalIndexPartitionKey("ByStation")] string Station,
    string ScanCode,
    string? Symbology,
    ScanVerdict Verdict,
    string? Reason,
    double? ScanDurationMs,
    [property: TimeToLive] DateTimeOffset ExpiresAt)
{
    /// <summary>How long scans are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>The record of a judged scan.</summary>
    public static ScanRecord From(Insight.Sdk.Events.ScanEvent scan, ScanReceipt receipt) => new(
        scan.EventId, scan.DeviceSerial, scan.CreatedAt, scan.StationName ?? scan.GatewaySerial ?? "unassigned", scan.ScanCode, scan.Symbology,
        receipt.Verdict, receipt.Reason, scan.ScanDurationMs, scan.CreatedAt + Retention);
}

/// <summary>
/// Running scan and error counts of one device, or of one station. Counters start absent (the first scan adds only
/// its own counter), so a missing counter reads as zero.
/// </summary>
[DynamoTable("ScanStats")]
public sealed partial record ScanStats([property: PartitionKey] string Subject, long Accepted = 0, long Rejected = 0)
{
    /// <summary>The stats key of a device.</summary>
    public static string ForDevice(string serial) => "device:" + serial;

    /// <summary>The stats key of a station.</summary>
    public static string ForStation(string station) => "station:" + station;

    /// <summary>Share of scans that were misreads, 0–1.</summary>
    public double ErrorRate => Accepted + Rejected == 0 ? 0 : (double)Rejected / (Accepted + Rejected);
}
