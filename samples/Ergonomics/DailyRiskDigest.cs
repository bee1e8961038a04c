using Insight.Sdk;
using Insight.Sdk.Aws;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace Ergonomics;

/// <summary>
/// Every morning (06:00 UTC, moved to the account's minute slot): summarises the previous UTC day's alerts into its
/// <see cref="RiskDigest"/>. The digest is recomputed whole, so a repeated delivery writes the same figures.
/// </summary>
[EventHandler(Trigger = Trigger.Schedule, Schedule = "cron(0 6 * * ? *)", MemorySize = 256, TimeoutSeconds = 60)]
public sealed partial class DailyRiskDigest(ErgonomicsAlertReader alerts, RiskDigestTable digests, IMetrics metrics, ILogger<DailyRiskDigest> log)
{
    /// <summary>Writes the digest of the day before the one the schedule fired in.</summary>
    public async ValueTask HandleAsync(ScheduledEvent scheduled, CancellationToken cancellationToken)
    {
        var firedAt = scheduled.Time ?? DateTimeOffset.UtcNow;
        var day = UtcDays.Of(firedAt.AddDays(-1));
        var dayAlerts = new List<ErgonomicsAlert>();
        await foreach (var alert in alerts.QueryByDayAsync(day, cancellationToken: cancellationToken))
        {
            dayAlerts.Add(alert);
        }

        var digest = RiskDigest.Summarise(day, dayAlerts, firedAt);
        await digests.PutAsync(digest, cancellationToken: cancellationToken);
        metrics.Add("DigestAlerts", digest.Alerts);
        LogDigest(log, day, digest.Alerts, digest.WorkersAlerted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk digest of {Day}: {Alerts} alerts for {Workers} workers")]
    private static partial void LogDigest(ILogger logger, string day, int alerts, int workers);
}
