using Insight.Local.Emulation;

namespace LocalScenario;

/// <summary>A worker's scans in the productivity window and the clock hours in which they worked, as GetWorkerProductivity answered.</summary>
internal sealed record WorkerProductivity(string WorkerId, long Scans, int ActiveHours)
{
    /// <summary>Scans per hour worked: idle hours and nights left out.</summary>
    public double ScansPerActiveHour => ActiveHours == 0 ? 0 : (double)Scans / ActiveHours;
}

/// <summary>A tenant's ergonomics risk: the highest shift score GetWorkerRisk answered, whose it is, and the alerts raised.</summary>
internal sealed record ErgonomicsRisk(double HighestScore, string? HighestScoreWorkerId, int Alerts);

/// <summary>Everything the scenario found for one tenant.</summary>
/// <param name="Tenant">The tenant's account in the local run.</param>
/// <param name="Posted">Events the bus took.</param>
/// <param name="Refusals">Events the bus refused, each said.</param>
/// <param name="Feeds">Each feed reconciled.</param>
/// <param name="Verdicts">ScanIngest's verdicts against its stats table.</param>
/// <param name="TopWorkers">The workers with the most scans per active hour.</param>
/// <param name="Risk">The highest risk and the alerts.</param>
/// <param name="FunctionErrors">Invocations of the tenant's functions that failed (refused invalid events among them).</param>
/// <param name="RouteProblems">What the HTTP routes answered that they should not have.</param>
internal sealed record TenantReport(
    LocalTenantEndpoints Tenant,
    int Posted,
    IReadOnlyList<string> Refusals,
    IReadOnlyList<FeedReconciliation> Feeds,
    ScanVerdicts Verdicts,
    IReadOnlyList<WorkerProductivity> TopWorkers,
    ErgonomicsRisk Risk,
    long FunctionErrors,
    IReadOnlyList<string> RouteProblems)
{
    /// <summary>Everything that does not reconcile for this tenant.</summary>
    public IReadOnlyList<string> Problems() =>
        [.. Refusals.Select(refusal => $"the bus refused {refusal}"), .. Feeds.SelectMany(feed => feed.Problems()), .. Verdicts.Problems(), .. RouteProblems];
}

/// <summary>The scenario's findings for every tenant, and the run's own accounting of the events put.</summary>
/// <param name="Tenants">Each tenant's findings.</param>
/// <param name="AccountingProblems">Where the run's event accounting disagrees with what was put.</param>
/// <param name="Posting">How long putting every tenant's streams took.</param>
/// <param name="Settling">How long the run took to settle them after.</param>
internal sealed record ScenarioReport(IReadOnlyList<TenantReport> Tenants, IReadOnlyList<string> AccountingProblems, TimeSpan Posting, TimeSpan Settling)
{
    /// <summary>Events put on every bus.</summary>
    public int Posted => Tenants.Sum(tenant => tenant.Posted);

    /// <summary>Whether every event of every service of every tenant is accounted for.</summary>
    public bool Reconciled => AccountingProblems.Count == 0 && Tenants.All(tenant => tenant.Problems().Count == 0);
}
