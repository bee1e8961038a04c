using System.Globalization;
using Insight.Cli.Local;
using Spectre.Console;

namespace Insight.Cli.Commands;

/// <summary>Shows a run's figures side by side per tenant, then whether every scan is accounted for, throughput and what the figures mean.</summary>
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
            console.Write(Table(tenants, run.Tenants.Any(tenant => tenant.Failed > 0)));
        }

        WriteReconciliation(console, run);
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Throughput: {run.Sent:N0} scans in {run.Elapsed.TotalSeconds:N1} s = [bold]{run.EventsPerSecond:N0} events/s[/] (tenants side by side, each function one invocation at a time)"));
        console.MarkupLine("[grey]Accepted, rejected and duplicates are the service's answers: the EventBridge function's receipts, the SQS function's EMF metrics.[/]");
        console.MarkupLine("[grey]Invalid scans broke the contract (Function.ContractViolation, Function.InvalidPayload, SQS batchItemFailures).[/]");
        console.MarkupLine("[grey]Stored scans, devices and stations are read from each tenant's own tables after the run.[/]");
        console.MarkupLine("[grey]Error rate: rejected, invalid and failed scans over those sent; per station: misreads over the scans counted there.[/]");
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
        Row(table, tenants, "Sent", tenant => Number(tenant.Sent));
        Row(table, tenants, "Accepted", tenant => Number(tenant.Accepted));
        Row(table, tenants, "Rejected (misread)", tenant => Number(tenant.Rejected));
        Row(table, tenants, "Invalid", tenant => Number(tenant.Invalid));

        // Failures for any other reason than a bad scan are unusual; their row appears only then.
        if (anyFailed)
        {
            Row(table, tenants, "Failed", tenant => Number(tenant.Failed));
        }

        Row(table, tenants, "Duplicates dropped", tenant => Number(tenant.DuplicatesDropped));
        Row(table, tenants, "Stored scans", tenant => Number(tenant.StoredScans));
        Row(table, tenants, "Error rate", tenant => Percent(tenant.ErrorRate));
        Row(table, tenants, "Top devices (scans)", tenant => Lines(tenant.TopDevices.Select(device => $"{device.DeviceSerial} {Number(device.Scans),6}")));
        Row(table, tenants, "Station error rate", tenant => Lines(tenant.Stations.Select(station => $"{station.Station} {Percent(station.ErrorRate)}")));
        return table;
    }

    /// <summary>Stored + invalid + duplicates dropped = sent, per tenant: the check that no scan went missing.</summary>
    private static void WriteReconciliation(IAnsiConsole console, RunFigures run)
    {
        var stored = run.Tenants.Sum(tenant => tenant.StoredScans);
        var invalid = run.Tenants.Sum(tenant => tenant.Invalid);
        var dropped = run.Tenants.Sum(tenant => tenant.DuplicatesDropped);
        var parts = string.Create(CultureInfo.InvariantCulture, $"{stored:N0} stored + {invalid:N0} invalid + {dropped:N0} duplicates dropped");
        if (run.EveryScanAccountedFor)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]✓[/] Every scan accounted for, tenant by tenant: {parts} = {run.Sent:N0} sent");
            return;
        }

        var unaccounted = run.Tenants.Where(tenant => tenant.Unaccounted != 0)
            .Select(tenant => string.Create(CultureInfo.InvariantCulture, $"{tenant.Tenant.TenantId} {tenant.Unaccounted:N0}"));
        console.MarkupLineInterpolated(
            CultureInfo.InvariantCulture,
            $"[red]✗ Not every scan is accounted for:[/] {parts} = {stored + invalid + dropped:N0} of {run.Sent:N0} sent; sent but not accounted for: {string.Join(", ", unaccounted)}");
    }

    private static void Row(Table table, IEnumerable<TenantFigures> tenants, string figure, Func<TenantFigures, string> value) =>
        table.AddRow([figure, .. tenants.Select(tenant => Markup.Escape(value(tenant)))]);

    private static string Lines(IEnumerable<string> lines) => string.Join('\n', lines);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:F1}%");
}
