using System.Globalization;

namespace LocalScenario;

/// <summary>Writes a scenario's report: a column per tenant, then whether every event of each service reconciles and what the figures mean.</summary>
internal static class ReportWriter
{
    private const int NameWidth = 24;
    private const int TenantWidth = 20;

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, ScenarioReport report)
    {
        foreach (var tenants in report.Tenants.Chunk(3))
        {
            output.WriteLine();
            Row(output, "", tenants, tenant => tenant.Tenant.TenantId);
            Row(output, "Account", tenants, tenant => tenant.Tenant.AccountId);
            Row(output, "Events put on the bus", tenants, tenant => Number(tenant.Posted));
            Row(output, "Function errors", tenants, tenant => Number(tenant.FunctionErrors));
            for (var index = 0; index < SampleFeeds.All.Count; index++)
            {
                var feed = SampleFeeds.All[index];
                output.WriteLine();
                Row(output, $"{feed.Service} {feed.Noun}", tenants, tenant => Number(tenant.Feeds[index].Expected.Sent));
                Row(output, "  stored", tenants, tenant => Number(tenant.Feeds[index].Stored));
                Row(output, "  duplicates dropped", tenants, tenant => Number(tenant.Feeds[index].Expected.Duplicates));
                Row(output, "  invalid → dead letters", tenants, tenant => $"{Number(tenant.Feeds[index].Expected.Invalid)} → {Number(tenant.Feeds[index].DeadLettered)}");
                if (tenants.Any(tenant => tenant.Feeds[index].Expired > 0))
                {
                    Row(output, "  expired (time to live)", tenants, tenant => Number(tenant.Feeds[index].Expired));
                }

                Row(output, "  reconciled", tenants, tenant => tenant.Feeds[index].Reconciled ? "yes" : "NO");
                if (feed == SampleFeeds.Scans)
                {
                    Row(output, "  accepted / rejected", tenants, tenant => $"{Number(tenant.Verdicts.Accepted)} / {Number(tenant.Verdicts.Rejected)}");
                    Lines(output, "  top devices (scans)", tenants, tenant => tenant.Verdicts.TopDevices(3).Select(device => $"{device.DeviceSerial} {Number(device.Scans),6}"));
                    Lines(output, "  station error rate", tenants, tenant => tenant.Verdicts.StationErrors().Select(station => $"{station.Station} {Percent(station.ErrorRate)}"));
                }
                else if (feed == SampleFeeds.Metrics)
                {
                    Lines(output, "  top workers (scans/h)", tenants, tenant => tenant.TopWorkers.Select(worker => string.Create(CultureInfo.InvariantCulture, $"{worker.WorkerId} {worker.ScansPerActiveHour,6:F1}")));
                }
                else
                {
                    Row(output, "  highest risk", tenants, tenant => tenant.Risk.HighestScoreWorkerId is { } worker ? string.Create(CultureInfo.InvariantCulture, $"{worker} {tenant.Risk.HighestScore:F3}") : "none");
                    Row(output, "  alerts", tenants, tenant => Number(tenant.Risk.Alerts));
                }
            }
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Put {report.Posted:N0} events in {report.Posting.TotalSeconds:N1} s; the run settled them {report.Settling.TotalSeconds:N1} s later."));
        output.WriteLine("Stored: items in each service's table of events taken, read from the tenant's own tables; every valid event id once, and no other.");
        output.WriteLine("Invalid events break their contract; each function that takes one refuses it until it reaches that function's dead-letter queue.");
        output.WriteLine($"Routes asked with tokens from the local issuer: productivity over the last {Scenario.ProductivityWindowHours} h per worker, risk per worker, the busiest device's counts (and 401/403 without a token, without the scope, as another tenant).");
        var problems = report.AccountingProblems.Concat(report.Tenants.SelectMany(tenant => tenant.Problems().Select(problem => $"{tenant.Tenant.TenantId}: {problem}"))).ToList();
        if (problems.Count == 0)
        {
            output.WriteLine("Every event of every service of every tenant is accounted for.");
            return;
        }

        output.WriteLine($"NOT RECONCILED ({problems.Count}):");
        foreach (var problem in problems)
        {
            output.WriteLine($"  - {problem}");
        }
    }

    private static void Row(TextWriter output, string name, IEnumerable<TenantReport> tenants, Func<TenantReport, string> value) =>
        output.WriteLine(name.PadRight(NameWidth) + string.Concat(tenants.Select(tenant => value(tenant).PadLeft(TenantWidth))));

    /// <summary>A row whose cells hold several lines, one per item.</summary>
    private static void Lines(TextWriter output, string name, IReadOnlyList<TenantReport> tenants, Func<TenantReport, IEnumerable<string>> values)
    {
        var cells = tenants.Select(tenant => values(tenant).ToList()).ToList();
        var height = Math.Max(1, cells.Max(cell => cell.Count));
        for (var line = 0; line < height; line++)
        {
            output.WriteLine((line == 0 ? name : "").PadRight(NameWidth) + string.Concat(cells.Select(cell => (line < cell.Count ? cell[line] : "").PadLeft(TenantWidth))));
        }
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
}
