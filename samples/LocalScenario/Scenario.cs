using System.Diagnostics;
using System.Text.Json;
using Insight.Local.Client;
using Insight.Local.Emulation;
using Insight.Local.Identity;
using LocalScenario.Streams;

namespace LocalScenario;

/// <summary>
/// The scenario: puts every tenant's streams on its bus, waits until the run has settled them, then reconciles each
/// tenant's tables, dead-letter queues and HTTP answers with what was sent.
/// </summary>
internal sealed class Scenario(ScenarioOptions options, TextWriter output)
{
    /// <summary>The productivity window asked for: the longest GetWorkerProductivity allows, the week up to now.</summary>
    public const int ProductivityWindowHours = 168;

    private const int TopDeviceCount = 3;
    private const int TopWorkerCount = 3;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs the scenario against the local run described by <paramref name="state"/>.</summary>
    public async Task<ScenarioReport> RunAsync(LocalRunState state, CancellationToken cancellationToken)
    {
        if (!File.Exists(state.Issuer.KeyFile))
        {
            throw new LocalRunNotFoundException($"The local issuer's key {state.Issuer.KeyFile} is missing; is the local run still up?");
        }

        var issuer = LocalIssuer.LoadOrCreate(state.Issuer.KeyFile, state.Issuer.IssuerUrl, state.Issuer.Audience);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var control = new LocalControlClient(http, state.ControlUrl);
        var before = await control.StatusAsync(cancellationToken).ConfigureAwait(false);

        var now = DateTimeOffset.UtcNow;
        var streams = state.Tenants.ToDictionary(
            tenant => tenant.TenantId,
            tenant => ScanStreamGenerator.GenerateTenantEndingBefore(tenant.TenantId, options.Seed, options.EventsPerTenant, now),
            StringComparer.Ordinal);
        output.WriteLine($"{state.Tenants.Count} tenants ({string.Join(", ", state.Tenants.Select(tenant => tenant.TenantId))}), seed {options.Seed}: {options.EventsPerTenant:N0} scans per tenant with their shifts' metric samples and ergonomics measures, {streams.Values.Sum(stream => StreamPoster.Deliveries(stream).Count):N0} events in all, put on each tenant's bus in batches of {LocalBusClient.MaxEntriesPerRequest}");

        var posting = Stopwatch.StartNew();
        var posted = await Task.WhenAll(state.Tenants.Select(async tenant =>
        {
            var watch = Stopwatch.StartNew();
            var outcome = await StreamPoster.PostAsync(http, tenant.EventsUrl, streams[tenant.TenantId], _ => { }, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"  {tenant.TenantId}: {outcome.Put:N0} events on its bus in {watch.Elapsed.TotalSeconds:N1} s{(outcome.Refusals.Count > 0 ? $", {outcome.Refusals.Count:N0} refused" : "")}");
            return (tenant.TenantId, outcome);
        })).ConfigureAwait(false);
        posting.Stop();

        var settling = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        var after = await control.WaitUntilIdleAsync(options.SettleTimeout, status =>
        {
            if (settling.Elapsed - lastProgress >= ProgressInterval)
            {
                lastProgress = settling.Elapsed;
                output.WriteLine($"  settling: {status.InFlight:N0} events and messages in flight after {settling.Elapsed.TotalSeconds:N0} s");
            }
        }, cancellationToken).ConfigureAwait(false);
        settling.Stop();
        output.WriteLine($"Settled in {settling.Elapsed.TotalSeconds:N1} s; reading every tenant's tables and asking its routes …");

        var outcomes = posted.ToDictionary(entry => entry.TenantId, entry => entry.outcome, StringComparer.Ordinal);
        var readAt = DateTimeOffset.UtcNow;
        var routes = new RouteClient(http, issuer, options.TenantClaim);
        var tenants = new List<TenantReport>();
        foreach (var tenant in state.Tenants)
        {
            var otherTenant = state.Tenants.FirstOrDefault(other => other.TenantId != tenant.TenantId)?.TenantId;
            tenants.Add(await ReconcileTenantAsync(
                state, tenant, streams[tenant.TenantId], outcomes[tenant.TenantId], before, after, readAt, routes, otherTenant, cancellationToken).ConfigureAwait(false));
        }

        return new ScenarioReport(tenants, AccountingProblems(before.Events, after.Events, posted.Sum(entry => entry.outcome.Put)), posting.Elapsed, settling.Elapsed);
    }

    /// <summary>The run's own accounting of the events put during the scenario: every one sent, none matched no rule, none pending.</summary>
    internal static IReadOnlyList<string> AccountingProblems(EventAccounting before, EventAccounting after, int put)
    {
        var problems = new List<string>();
        if (after.Sent - before.Sent != put)
        {
            problems.Add($"the run counted {after.Sent - before.Sent:N0} events sent; the scenario put {put:N0}");
        }

        if (after.MatchedNoRule != before.MatchedNoRule)
        {
            problems.Add($"{after.MatchedNoRule - before.MatchedNoRule:N0} events matched no rule");
        }

        if (after.Pending != 0)
        {
            problems.Add($"{after.Pending:N0} events are still pending after the run settled");
        }

        return problems;
    }

    private static async Task<TenantReport> ReconcileTenantAsync(
        LocalRunState state, LocalTenantEndpoints tenant, TenantStream stream, PostOutcome posted, LocalRunStatus before, LocalRunStatus after, DateTimeOffset readAt,
        RouteClient routes, string? otherTenant, CancellationToken cancellationToken)
    {
        using var tables = TenantTables.Open(state.DynamoDbUrl, tenant);
        var feeds = new List<FeedReconciliation>();
        foreach (var (feed, deliveries) in new (Feed, IReadOnlyCollection<IEventDelivery>)[] { (SampleFeeds.Scans, stream.Scans), (SampleFeeds.Metrics, stream.Metrics), (SampleFeeds.Measures, stream.Measures) })
        {
            var stored = await tables.ReadKeysAsync(feed.Service, feed.StoredTable, SampleFeeds.EventIdAttribute, cancellationToken).ConfigureAwait(false);
            var deadLettered = DeadLetters(after, tenant.TenantId, feed.Service) - DeadLetters(before, tenant.TenantId, feed.Service);
            feeds.Add(FeedReconciliation.Of(FeedExpectation.Of(feed, deliveries, readAt), stored, deadLettered));
        }

        var verdicts = ScanVerdicts.Of(stream.Scans, await tables.ReadScanCountsAsync(cancellationToken).ConfigureAwait(false));
        var alerts = await tables.CountAsync(SampleFeeds.Measures.Service, SampleFeeds.AlertsTable, cancellationToken).ConfigureAwait(false);
        var routeProblems = new List<string>();
        await CheckAuthorizationAsync(routes, tenant, verdicts, otherTenant, routeProblems, cancellationToken).ConfigureAwait(false);
        var workers = stream.Metrics.Concat(stream.Measures).Select(delivery => delivery.WorkerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var productivity = new List<WorkerProductivity>();
        var highest = (Score: 0d, Worker: (string?)null);
        foreach (var worker in workers)
        {
            var path = SampleFeeds.WorkerProductivity.Path(("worker", worker)) + $"?hours={ProductivityWindowHours}";
            using (var view = Expect200(await routes.GetAsync(tenant, SampleFeeds.WorkerProductivity, path, cancellationToken).ConfigureAwait(false), path, routeProblems))
            {
                if (view is not null)
                {
                    productivity.Add(new WorkerProductivity(worker, view.RootElement.GetProperty("scans").GetInt64(), view.RootElement.GetProperty("hourly").GetArrayLength()));
                }
            }

            // A worker whose measures were all refused has no shifts: 404 is its right answer.
            var riskPath = SampleFeeds.WorkerRisk.Path(("worker", worker));
            var risk = await routes.GetAsync(tenant, SampleFeeds.WorkerRisk, riskPath, cancellationToken).ConfigureAwait(false);
            using var riskView = risk.StatusCode == 404 ? null : Expect200(risk, riskPath, routeProblems);
            var score = riskView?.RootElement.GetProperty("shifts").EnumerateArray().Select(shift => shift.GetProperty("score").GetDouble()).DefaultIfEmpty().Max() ?? 0;
            if (score > highest.Score || (score == highest.Score && highest.Worker is null && score > 0))
            {
                highest = (score, worker);
            }
        }

        var topWorkers = productivity
            .Where(worker => worker.ActiveHours > 0)
            .OrderByDescending(worker => worker.ScansPerActiveHour)
            .ThenBy(worker => worker.WorkerId, StringComparer.Ordinal)
            .Take(TopWorkerCount)
            .ToList();
        var functionErrors = after.Functions.Where(function => function.TenantId == tenant.TenantId).Sum(function => function.Errors)
            - before.Functions.Where(function => function.TenantId == tenant.TenantId).Sum(function => function.Errors);
        return new TenantReport(tenant, posted.Put, posted.Refusals, feeds, verdicts, topWorkers, new ErgonomicsRisk(highest.Score, highest.Worker, alerts), functionErrors, routeProblems);
    }

    /// <summary>
    /// Asks ScanIngest's stats route about the busiest device as the tenant's user (its answer must be the table's
    /// counts), then as nobody (401), without the route's scope (403) and as another tenant's user (403).
    /// </summary>
    private static async Task CheckAuthorizationAsync(
        RouteClient routes, LocalTenantEndpoints tenant, ScanVerdicts verdicts, string? otherTenant, List<string> problems, CancellationToken cancellationToken)
    {
        if (verdicts.TopDevices(1) is not [var (device, _)])
        {
            return;
        }

        var route = SampleFeeds.ScanStats;
        var path = route.Path(("kind", "device"), ("name", device));
        var counted = verdicts.Devices.Single(item => item.Subject == "device:" + device);
        using (var view = Expect200(await routes.GetAsync(tenant, route, path, cancellationToken).ConfigureAwait(false), path, problems))
        {
            if (view is not null && (view.RootElement.GetProperty("accepted").GetInt64(), view.RootElement.GetProperty("rejected").GetInt64()) != (counted.Accepted, counted.Rejected))
            {
                problems.Add($"GET {path} answered other counts than the stats table holds ({counted.Accepted} accepted, {counted.Rejected} rejected): {view.RootElement.GetRawText()}");
            }
        }

        Expect(401, "without a token", await routes.GetAsync(tenant, route, path, cancellationToken, withToken: false).ConfigureAwait(false));
        Expect(403, $"with a token lacking {route.Scope}", await routes.GetAsync(tenant, route, path, cancellationToken, scopes: ["productivity:read"]).ConfigureAwait(false));
        if (otherTenant is not null)
        {
            Expect(403, $"with {otherTenant}'s token", await routes.GetAsync(tenant, route, path, cancellationToken, tokenTenant: otherTenant).ConfigureAwait(false));
        }

        void Expect(int status, string how, RouteAnswer answer)
        {
            if (answer.StatusCode != status)
            {
                problems.Add($"GET {path} {how} answered {answer.StatusCode}, not {status}: {answer.Body}");
            }
        }
    }

    private static JsonDocument? Expect200(RouteAnswer answer, string path, List<string> problems)
    {
        if (answer.StatusCode == 200)
        {
            return answer.OkJson();
        }

        problems.Add($"GET {path} answered {answer.StatusCode}: {answer.Body}");
        return null;
    }

    private static long DeadLetters(LocalRunStatus status, string tenantId, string service) =>
        status.Queues.Where(queue => queue.TenantId == tenantId && queue.Service == service && queue.IsDeadLetterQueue).Sum(queue => queue.Visible + queue.InFlight);
}
