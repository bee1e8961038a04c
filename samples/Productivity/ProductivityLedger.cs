using Insight.Sdk.Data;
using Insight.Sdk.Events;

namespace Productivity;

/// <summary>
/// Counts a metric sample into its worker's and its shift's hour in one transaction with the sample's marker: either
/// every write happens or none, and a redelivered sample (same event id) changes nothing. Handlers pass their tables
/// in, so their constructors keep saying which tables they use (their permissions are derived from that).
/// </summary>
public static class ProductivityLedger
{
    /// <summary>Counts the sample; <c>false</c> when it was counted before (a redelivery).</summary>
    /// <exception cref="ArgumentException">The sample names neither a worker nor a shift, so it has no bucket.</exception>
    public static async Task<bool> CountAsync(
        CountedSampleTable counted, WorkerHourTable workerHours, ShiftHourTable shiftHours,
        MetricSample sample, SampleContribution contribution, CancellationToken cancellationToken)
    {
        if (sample.WorkerId is null && sample.ShiftId is null)
        {
            throw new ArgumentException($"Sample {sample.EventId} names neither a worker nor a shift.", nameof(sample));
        }

        var hour = Hours.StartOf(sample.CreatedAt);
        var transaction = counted.BeginTransaction();
        transaction.Put(counted, CountedSample.Of(sample), new PutOptions { OnlyIfAbsent = true });
        if (sample.WorkerId is { } worker)
        {
            transaction.Update(workerHours, WorkerHour.Key(worker, hour), contribution.ToUpdate(
                WorkerHour.Fields.Scans, WorkerHour.Fields.Missed, WorkerHour.Fields.DurationSumMs, WorkerHour.Fields.DurationCount));
        }

        if (sample.ShiftId is { } shift)
        {
            transaction.Update(shiftHours, ShiftHour.Key(shift, hour), contribution.ToUpdate(
                ShiftHour.Fields.Scans, ShiftHour.Fields.Missed, ShiftHour.Fields.DurationSumMs, ShiftHour.Fields.DurationCount));
        }

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
