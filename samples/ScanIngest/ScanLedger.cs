using Insight.Sdk.Data;
using Insight.Sdk.Events;

namespace ScanIngest;

/// <summary>
/// Stores a judged scan and counts it for its device and station in one transaction: either all three writes happen
/// or none, and a redelivered event (same event id) changes nothing. Handlers pass their tables in, so their
/// constructors keep saying which tables they use (that is what their permissions are derived from).
/// </summary>
public static class ScanLedger
{
    /// <summary>Records the scan; <c>false</c> when it was recorded before (a redelivery).</summary>
    public static async Task<bool> RecordAsync(ScanRecordTable scans, ScanStatsTable stats, ScanEvent scan, ScanReceipt receipt, CancellationToken cancellationToken)
    {
        var record = ScanRecord.From(scan, receipt);
        var counter = receipt.Verdict == ScanVerdict.Accepted ? ScanStats.Fields.Accepted : ScanStats.Fields.Rejected;
        var transaction = scans.BeginTransaction();
        transaction.Put(scans, record, new PutOptions { OnlyIfAbsent = true });
        transaction.Update(stats, ScanStats.Key(ScanStats.ForDevice(record.DeviceSerial)), new DynamoUpdate<ScanStats>().Add(counter, 1));
        transaction.Update(stats, ScanStats.Key(ScanStats.ForStation(record.Station)), new DynamoUpdate<ScanStats>().Add(counter, 1));
        try
        {
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (ConditionFailedException)
        {
            return false;
        }
    }
}
