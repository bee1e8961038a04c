using System.Globalization;
using Insight.Sdk.Manifest;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>A documented CloudWatch limit the alert plan stays within.</summary>
public sealed record ObservabilityQuota(string Name, int Value, string Source);

/// <summary>The CloudWatch limits central alerts are planned against, with where AWS documents them.</summary>
public static class ObservabilityQuotas
{
    private const string MetricsInsightsQuotas = "Amazon CloudWatch User Guide, \"Metrics Insights quotas\" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-limits.html)";
    private const string CrossAccount = "Amazon CloudWatch User Guide, \"Manage monitoring accounts and source accounts\" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Unified-Cross-Account-Manage.html)";

    /// <summary>Metrics one Metrics Insights query processes; past it the alarm evaluates partial data.</summary>
    public static ObservabilityQuota MetricsPerQuery { get; } = new("Metrics processed per Metrics Insights query", 10_000, MetricsInsightsQuotas);

    /// <summary>Time series one query returns; an alarm query orders by value and keeps the worst.</summary>
    public static ObservabilityQuota TimeSeriesPerQuery { get; } = new("Time series returned per Metrics Insights query", 500, MetricsInsightsQuotas);

    /// <summary>Metrics Insights alarms one account may have per region (a default, adjustable).</summary>
    public static ObservabilityQuota InsightsAlarmsPerRegion { get; } = new("Metrics Insights alarms per account and region", 200, "Amazon CloudWatch User Guide, \"Limits\" for alarms (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-limits.html)");

    /// <summary>Source accounts one monitoring account's sink accepts.</summary>
    public static ObservabilityQuota SourceAccountsPerSink { get; } = new("Source accounts per monitoring account", 100_000, CrossAccount);

    /// <summary>Monitoring accounts one source account may link to.</summary>
    public static ObservabilityQuota LinksPerSourceAccount { get; } = new("Monitoring accounts (links) per source account", 5, CrossAccount);

    /// <summary>Every quota, in the order a report lists them.</summary>
    public static IReadOnlyList<ObservabilityQuota> All { get; } = [MetricsPerQuery, TimeSeriesPerQuery, InsightsAlarmsPerRegion, SourceAccountsPerSink, LinksPerSourceAccount];
}

/// <summary>A service's functions as the alerts see them.</summary>
public sealed record MonitoredService(string Name, IReadOnlyList<MonitoredFunction> Functions)
{
    /// <summary>The service as its manifest describes it.</summary>
    public static MonitoredService From(ServiceManifest manifest) =>
        new(manifest.Service, [.. manifest.Functions.Select(f => new MonitoredFunction(f.Name, f.TimeoutSeconds, FunctionAlert.HasFailureQueue(f.Trigger)))]);
}

/// <summary>A function as the alerts see it: its name, timeout and whether failures land in a queue.</summary>
public sealed record MonitoredFunction(string Name, int TimeoutSeconds, bool HasFailureQueue);

/// <summary>
/// One Metrics Insights alarm in every monitoring account of a group: one alert of one service, over every linked
/// account, grouped by account and function (or queue), worst first.
/// </summary>
public sealed record AlertQuery(string Service, FunctionAlert Alert, IReadOnlyList<MonitoredFunction> Functions, double Threshold, int? TimeoutSeconds)
{
    /// <summary>The alarm's name in the monitoring account.</summary>
    public string AlarmName => TimeoutSeconds is { } timeout
        ? string.Create(CultureInfo.InvariantCulture, $"insight-{Service}-{Alert.Name}-{timeout}s")
        : $"insight-{Service}-{Alert.Name}";

    /// <summary>The metrics one linked account adds to the query.</summary>
    public int MetricsPerAccount => Functions.Count;

    /// <summary>
    /// The query: the alert's metric of the service's functions (or failure queues), by their names the same in every
    /// account, one time series per account and function, the worst first so breaching ones are always returned.
    /// </summary>
    public string Sql()
    {
        var (dimension, names) = Alert.Subject == AlertSubject.Function
            ? ("FunctionName", Functions.Select(f => FunctionAlert.FunctionName(Service, f.Name)))
            : ("QueueName", Functions.Select(f => FunctionAlert.FailureQueueName(Service, f.Name)));
        var filter = TimeoutSeconds is null && Alert.Subject == AlertSubject.Function
            ? $"{dimension} LIKE '{Service}-%'"
            : $"{dimension} IN ({string.Join(", ", names.Select(n => $"'{n}'"))})";
        return string.Create(CultureInfo.InvariantCulture,
            $"SELECT {Alert.InsightsFunction}({Alert.MetricName}) FROM SCHEMA(\"{Alert.Namespace}\", {dimension}) WHERE {filter} GROUP BY AWS.AccountId, {dimension} ORDER BY {Alert.InsightsFunction}() DESC LIMIT {ObservabilityQuotas.TimeSeriesPerQuery.Value}");
    }
}

/// <summary>The alarms one monitoring account holds: a group of services whose alerts fit its alarm quota.</summary>
public sealed record MonitoringGroup(int Index, IReadOnlyList<string> Services, IReadOnlyList<AlertQuery> Queries);

/// <summary>
/// How central alerts cover a fleet within CloudWatch's documented limits: services are grouped so each monitoring
/// account's alarms stay within <see cref="ObservabilityQuotas.InsightsAlarmsPerRegion"/> (a tenant account links once per
/// group, at most <see cref="ObservabilityQuotas.LinksPerSourceAccount"/>); tenant accounts are split into ranges, one
/// monitoring account per range and group, so that every query processes at most
/// <see cref="ObservabilityQuotas.MetricsPerQuery"/> metrics.
/// </summary>
public sealed record AlertPlan(int Accounts, int AccountsPerMonitoringAccount, IReadOnlyList<MonitoringGroup> Groups)
{
    /// <summary>Account ranges: monitoring accounts per group.</summary>
    public int AccountRanges => (int)Math.Ceiling(Accounts / (double)AccountsPerMonitoringAccount);

    /// <summary>Monitoring accounts needed (per region).</summary>
    public int MonitoringAccounts => Groups.Count * AccountRanges;

    /// <summary>Metrics Insights alarms across every monitoring account (per region).</summary>
    public int Alarms => Groups.Sum(g => g.Queries.Count) * AccountRanges;

    /// <summary>Links each tenant account has: one per group.</summary>
    public int LinksPerSourceAccount => Groups.Count;

    /// <summary>The most alarms one monitoring account holds.</summary>
    public int AlarmsPerMonitoringAccount => Groups.Max(g => g.Queries.Count);

    /// <summary>The most metrics one query processes when its account range is full.</summary>
    public int MetricsPerQuery => Groups.SelectMany(g => g.Queries).Max(q => q.MetricsPerAccount) * AccountsPerMonitoringAccount;

    /// <summary>
    /// The plan for <paramref name="accounts"/> tenant accounts running <paramref name="services"/>; the duration alert
    /// fires at <paramref name="durationShare"/> of a function's timeout.
    /// </summary>
    /// <exception cref="AlertPlanException">No plan fits the quotas; the message names the quota.</exception>
    public static AlertPlan For(IReadOnlyList<MonitoredService> services, int accounts, double durationShare = FunctionAlert.DefaultDurationShare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(accounts, 1);
        var queries = services.Select(s => (Service: s.Name, Queries: Queries(s, durationShare))).Where(s => s.Queries.Count > 0).ToList();
        if (queries.Count == 0)
        {
            throw new AlertPlanException("There is no function to alert on.");
        }

        var alarmQuota = ObservabilityQuotas.InsightsAlarmsPerRegion;
        var groups = new List<MonitoringGroup>();
        var current = new List<(string Service, IReadOnlyList<AlertQuery> Queries)>();
        foreach (var service in queries)
        {
            if (service.Queries.Count > alarmQuota.Value)
            {
                throw new AlertPlanException($"{service.Service} needs {service.Queries.Count} alarms; a monitoring account may have {alarmQuota.Value} ({alarmQuota.Name}; {alarmQuota.Source}). Split the service.");
            }

            if (current.Sum(s => s.Queries.Count) + service.Queries.Count > alarmQuota.Value)
            {
                groups.Add(Group(groups.Count, current));
                current = [];
            }

            current.Add(service);
        }

        groups.Add(Group(groups.Count, current));
        var links = ObservabilityQuotas.LinksPerSourceAccount;
        if (groups.Count > links.Value)
        {
            throw new AlertPlanException($"The services' alerts need {groups.Count} groups of at most {alarmQuota.Value} alarms, so every tenant account would link to {groups.Count} monitoring accounts; a source account may link to {links.Value} ({links.Name}; {links.Source}).");
        }

        // The widest query decides how many accounts one range (one monitoring account) may hold.
        var widest = groups.SelectMany(g => g.Queries).Max(q => q.MetricsPerAccount);
        var perMonitoringAccount = Math.Min(ObservabilityQuotas.MetricsPerQuery.Value / widest, ObservabilityQuotas.SourceAccountsPerSink.Value);
        if (perMonitoringAccount < 1)
        {
            var query = groups.SelectMany(g => g.Queries).First(q => q.MetricsPerAccount == widest);
            throw new AlertPlanException($"{query.AlarmName} reads {widest} metrics per account; a Metrics Insights query processes {ObservabilityQuotas.MetricsPerQuery.Value} ({ObservabilityQuotas.MetricsPerQuery.Source}).");
        }

        return new AlertPlan(accounts, perMonitoringAccount, groups);
    }

    /// <summary>The problems of running this plan on <paramref name="monitoringAccounts"/> monitoring accounts (none when enough).</summary>
    public IReadOnlyList<string> Problems(int monitoringAccounts) =>
        monitoringAccounts >= MonitoringAccounts
            ? []
            : [string.Create(CultureInfo.InvariantCulture,
                $"Central alerts for {Accounts:N0} tenant accounts need {MonitoringAccounts:N0} monitoring accounts ({Groups.Count} service group(s) × {AccountRanges:N0} account ranges of {AccountsPerMonitoringAccount:N0}: the widest query reads {MetricsPerQuery / AccountsPerMonitoringAccount} metrics per account, and {ObservabilityQuotas.MetricsPerQuery.Name} is {ObservabilityQuotas.MetricsPerQuery.Value:N0}); monitoring.accounts lists {monitoringAccounts}.")];

    /// <summary>The monitoring account (0-based, group-major) that watches account range <paramref name="range"/> for <paramref name="group"/>.</summary>
    public int MonitoringAccountIndex(int group, int range) => (group * AccountRanges) + range;

    private static MonitoringGroup Group(int index, List<(string Service, IReadOnlyList<AlertQuery> Queries)> services) =>
        new(index, [.. services.Select(s => s.Service)], [.. services.SelectMany(s => s.Queries)]);

    /// <summary>A service's alarms: one per alert, the duration alert once per distinct timeout (its threshold depends on it).</summary>
    private static List<AlertQuery> Queries(MonitoredService service, double durationShare)
    {
        var queries = new List<AlertQuery>();
        foreach (var alert in FunctionAlert.All)
        {
            var functions = alert.Subject == AlertSubject.Function ? service.Functions : [.. service.Functions.Where(f => f.HasFailureQueue)];
            if (functions.Count == 0)
            {
                continue;
            }

            if (alert.ShareOfTimeout is null)
            {
                queries.Add(new AlertQuery(service.Name, alert, functions, 1, null));
                continue;
            }

            var byTimeout = functions.GroupBy(f => f.TimeoutSeconds).OrderBy(g => g.Key).ToList();
            queries.AddRange(byTimeout.Select(g => new AlertQuery(service.Name, alert, [.. g], alert.Threshold(g.Key, durationShare), byTimeout.Count > 1 ? g.Key : null)));
        }

        return queries;
    }
}

/// <summary>Central alerts cannot cover the fleet within CloudWatch's limits.</summary>
public sealed class AlertPlanException(string message) : Exception(message);
