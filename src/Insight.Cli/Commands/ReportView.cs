using System.Globalization;
using Insight.Cli.Local;
using Spectre.Console;

namespace Insight.Cli.Commands;

/// <summary>Shows a run's figures side by side per tenant, then whether every event of each service is accounted for, throughput and what the figures mean.</summary>
internal static class ReportView
{
    // Widths with padding and borders: a tenant's column fits a station and its error rate ("Goods-In 1 12.5%"), the
    // first column the longest row name, so three tenants fit an 80-column terminal.
    private const int TenantColumnWidth = 19;
    private const int NameColumnWidth = 23;

    /// <summary>Writes <paramref name="run"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, RunFigures run)
    {
        // As many tenants side by side as the console is wide; more tenants continue in another table below.
        var tenantsPerTable = Math.Max(1, (console.Profile.Width - NameColumnWidth) / TenantColumnWidth);
        foreach (var tenants in run.Tenants.Chunk(tenantsPerTable))
        {
            console.Write(Table(tenants, run.Tenants.Any(tenant => tenant.Feeds.Any(feed => feed.Failed > 0))));
        }

        WriteReconciliation(console, run);
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Throughput: {run.Sent:N0} events in {run.Elapsed.TotalSeconds:N1} s = [bold]{run.EventsPerSecond:N0} events/s[/] (tenants and services side by side, each function one invocation at a time)"));
        console.MarkupLine("[grey]Accepted, rejected and duplicates are the services' answers: the EventBridge functions' receipts, the SQS functions' EMF metrics.[/]");
        console.MarkupLine("[grey]Invalid events broke their contract (Function.ContractViolation, Function.InvalidPayload, SQS batchItemFailures).[/]");
        console.MarkupLine("[grey]Stored events, devices, stations and alerts are read from each tenant's own tables after the run.[/]");
        console.MarkupLine("[grey]Error rate: rejected, invalid and failed scans over those sent; per station: misreads over the scans counted there.[/]");
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[grey]Scans per hour: GetWorkerProductivity's scans over the clock hours it counted any, in the {TenantDeployment.ProductivityWindowHours} h up to the run's last sample. Risk: GetWorkerRisk's highest shift score (0–1, alert at 0.7).[/]"));
    }

    private static Table Table(IReadOnlyList<TenantFigures> tenants, bool anyFailed)
    {
        var table = new Table().RoundedBorder().Title("What each tenant's functions answered and its tables hold");
        table.AddColumn(string.Empty);
        foreach (var tenant in tenants)
        {
            table.AddColumn(new TableColumn(Markup.Escape(tenant.Tenant.TenantId)).RightAligned());
        }

        Row(table, tenants, "Account", tenant => tenant.Tenant.AccountId);
        Row(table, tenants, "Scans sent", tenant => Number(tenant.Scans.Sent));
        Row(table, tenants, "Accepted", tenant => Number(tenant.Accepted));
        Row(table, tenants, "Rejected (misread)", tenant => Number(tenant.Rejected));
        FeedRows(table, tenants, anyFailed, tenant => tenant.Scans, "Stored scans");
        Row(table, tenants, "Error rate", tenant => Percent(tenant.ErrorRate));
        Row(table, tenants, "Top devices (scans)", tenant => Lines(tenant.TopDevices.Select(device => $"{device.DeviceSerial} {Number(device.Scans),6}")));
        Row(table, tenants, "Station error rate", tenant => Lines(tenant.Stations.Select(station => $"{station.Station} {Percent(station.ErrorRate)}")));
        table.AddEmptyRow();
        Row(table, tenants, "Metric samples sent", tenant => Number(tenant.Metrics.Sent));
        FeedRows(table, tenants, anyFailed, tenant => tenant.Metrics, "Samples counted");
        Row(table, tenants, "Top workers (scans/h)", tenant => Lines(tenant.TopWorkers.Select(worker => string.Create(CultureInfo.InvariantCulture, $"{worker.WorkerId} {worker.ScansPerActiveHour,6:F1}"))));
        table.AddEmptyRow();
        Row(table, tenants, "Ergonomics sent", tenant => Number(tenant.Measures.Sent));
        FeedRows(table, tenants, anyFailed, tenant => tenant.Measures, "Measures scored");
        Row(table, tenants, "Highest risk", tenant => tenant.Risk.HighestScoreWorkerId is { } worker
            ? string.Create(CultureInfo.InvariantCulture, $"{worker} {tenant.Risk.HighestScore:F3}")
            : "none");
        Row(table, tenants, "Ergonomics alerts", tenant => Number(tenant.Risk.Alerts));
        return table;
    }

    /// <summary>The rows every feed has: invalid, failed (only when any failed), duplicates dropped and stored.</summary>
    private static void FeedRows(Table table, IReadOnlyList<TenantFigures> tenants, bool anyFailed, Func<TenantFigures, FeedFigures> feed, string stored)
    {
        Row(table, tenants, "Invalid", tenant => Number(feed(tenant).Invalid));

        // Failures for any other reason than a bad event are unusual; their row appears only then.
        if (anyFailed)
        {
            Row(table, tenants, "Failed", tenant => Number(feed(tenant).Failed));
        }

        Row(table, tenants, "Duplicates dropped", tenant => Number(feed(tenant).DuplicatesDropped));
        Row(table, tenants, stored, tenant => Number(feed(tenant).Stored));
    }

    /// <summary>Stored + invalid + duplicates dropped = sent, per service and tenant: the check that no event went missing.</summary>
    private static void WriteReconciliation(IAnsiConsole console, RunFigures run)
    {
        var feedCount = run.Tenants.Count == 0 ? 0 : run.Tenants[0].Feeds.Count;
        for (var index = 0; index < feedCount; index++)
        {
            var feeds = run.Tenants.Select(tenant => (tenant.Tenant, Feed: tenant.Feeds[index])).ToList();
            var (noun, service) = (feeds[0].Feed.Noun, feeds[0].Feed.Service);
            var stored = feeds.Sum(tenant => tenant.Feed.Stored);
            var invalid = feeds.Sum(tenant => tenant.Feed.Invalid);
            var dropped = feeds.Sum(tenant => tenant.Feed.DuplicatesDropped);
            var sent = feeds.Sum(tenant => tenant.Feed.Sent);
            var parts = string.Create(CultureInfo.InvariantCulture, $"{stored:N0} stored + {invalid:N0} invalid + {dropped:N0} duplicates dropped");
            if (feeds.All(tenant => tenant.Feed.Unaccounted == 0))
            {
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]✓[/] {service}: every one of the {noun} accounted for, tenant by tenant: {parts} = {sent:N0} sent");
                continue;
            }

            var unaccounted = feeds.Where(tenant => tenant.Feed.Unaccounted != 0)
                .Select(tenant => string.Create(CultureInfo.InvariantCulture, $"{tenant.Tenant.TenantId} {tenant.Feed.Unaccounted:N0}"));
            console.MarkupLineInterpolated(
                CultureInfo.InvariantCulture,
                $"[red]✗ {service}: not every one of the {noun} is accounted for:[/] {parts} = {stored + invalid + dropped:N0} of {sent:N0} sent; sent but not accounted for: {string.Join(", ", unaccounted)}");
        }
    }

    private static void Row(Table table, IEnumerable<TenantFigures> tenants, string figure, Func<TenantFigures, string> value) =>
        table.AddRow([figure, .. tenants.Select(tenant => Markup.Escape(value(tenant)))]);

    private static string Lines(IEnumerable<string> lines) => string.Join('\n', lines);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:F1}%");
}
