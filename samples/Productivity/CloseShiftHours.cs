using Insight.Sdk;
using Insight.Sdk.Aws;
using Insight.Sdk.Data;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace Productivity;

/// <summary>
/// Every hour, at the account's schedule slot: closes the previous clock hour for every shift that worked in it,
/// writing its <see cref="ShiftSummary"/> with the shift's running scans per active hour. A repeated delivery of
/// the schedule finds the summaries written and changes nothing. Samples arriving after the close still count in
/// <see cref="ShiftHour"/>; the summary is the hour as it stood at closing.
/// </summary>
[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 hour)", MemorySize = 256, TimeoutSeconds = 60)]
public sealed partial class CloseShiftHours(ShiftHourReader shiftHours, ShiftSummaryTable summaries, IMetrics metrics, ILogger<CloseShiftHours> log)
{
    /// <summary>Closes the hour before the one the schedule fired in.</summary>
    public async ValueTask HandleAsync(ScheduledEvent scheduled, CancellationToken cancellationToken)
    {
        var firedAt = scheduled.Time ?? DateTimeOffset.UtcNow;
        var closing = Hours.StartOf(firedAt) - Hours.One;
        int closed = 0, alreadyClosed = 0;
        await foreach (var hour in shiftHours.QueryByHourAsync(closing, cancellationToken: cancellationToken))
        {
            ShiftSummary? previous = null;
            var latestFirst = new QueryOptions { Descending = true, Limit = 1, ConsistentRead = true };
            await foreach (var summary in summaries.QueryAsync(hour.ShiftId, KeyCondition<DateTimeOffset>.LessThan(closing), latestFirst, cancellationToken))
            {
                previous = summary;
            }

            if (await summaries.TryPutNewAsync(ShiftSummary.Close(hour, previous, firedAt), cancellationToken))
            {
                closed++;
            }
            else
            {
                alreadyClosed++;
            }
        }

        metrics.Add("ShiftHoursClosed", closed);
        LogClosed(log, closing, closed, alreadyClosed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed hour {Hour:o}: {Closed} shift summaries written, {AlreadyClosed} already closed")]
    private static partial void LogClosed(ILogger logger, DateTimeOffset hour, int closed, int alreadyClosed);
}
