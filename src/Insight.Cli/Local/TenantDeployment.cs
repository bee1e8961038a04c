using Insight.Sdk.Manifest;
using System.Diagnostics;
using Insight.Local.RuntimeApi;

namespace Insight.Cli.Local;

/// <summary>
/// One tenant's functions and tables, isolated from every other tenant's: the local stand-in for the tenant's AWS
/// account. Each function runs in its own process against its own Runtime API server, and is given only the tenant's
/// tables it uses. The event-driven functions of every sample take the tenant's streams; the HTTP functions that
/// answer about a worker are asked once the streams are delivered.
/// </summary>
internal sealed class TenantDeployment : IAsyncDisposable
{
    /// <summary>The productivity window asked for: the longest GetWorkerProductivity allows, a week up to the end of the run.</summary>
    public const int ProductivityWindowHours = 168;

    private readonly SampleServices _services;
    private readonly TenantTables _tables;
    private readonly RunningFeed _scans;
    private readonly RunningFeed _metrics;
    private readonly RunningFeed _measures;
    private readonly LocalFunction _workerProductivity;
    private readonly LocalFunction _workerRisk;

    private TenantDeployment(
        SampleServices services, TenantTables tables, IReadOnlyList<RunningFeed> feeds, LocalFunction workerProductivity, LocalFunction workerRisk)
    {
        _services = services;
        _tables = tables;
        (_scans, _metrics, _measures) = (feeds[0], feeds[1], feeds[2]);
        _workerProductivity = workerProductivity;
        _workerRisk = workerRisk;
    }

    /// <summary>The tenant served.</summary>
    public LocalTenant Tenant => _tables.Tenant;

    /// <summary>Starts the functions of the tenant whose tables are <paramref name="tables"/> and waits until each polls for work.</summary>
    public static async Task<TenantDeployment> StartAsync(SampleServices services, TenantTables tables, CancellationToken cancellationToken)
    {
        var started = new List<IAsyncDisposable>();
        try
        {
            var feeds = new List<RunningFeed>();
            foreach (var feed in services.Feeds)
            {
                var eventBridge = feed.EventBridgeFunction is { } eventBridgeFunction ? await StartAsync(feed.Service, eventBridgeFunction) : null;
                var queue = feed.SqsFunction is { } sqsFunction ? await StartAsync(feed.Service, sqsFunction) : null;
                feeds.Add(new RunningFeed(feed, eventBridge, queue));
            }

            return new TenantDeployment(
                services,
                tables,
                feeds,
                await StartAsync(services.Metrics.Service, services.WorkerProductivity),
                await StartAsync(services.Measures.Service, services.WorkerRisk));
        }
        catch
        {
            foreach (var function in started)
            {
                await function.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        async Task<LocalFunction> StartAsync(PublishedService service, FunctionManifest function)
        {
            var running = await LocalFunction.StartAsync(service, function, tables.Tenant, tables.EnvironmentFor(function), cancellationToken).ConfigureAwait(false);
            started.Add(running);
            return running;
        }
    }

    /// <summary>Every delivery of <paramref name="stream"/>, which <see cref="DeliverAsync"/> reports as answered one by one.</summary>
    public static int Deliveries(TenantStream stream) => stream.Scans.Count + stream.Metrics.Count + stream.Measures.Count;

    /// <summary>
    /// Delivers the tenant's streams, each to its service's functions, all side by side. Then asks the HTTP functions
    /// about every worker in the streams, stops the functions and returns what they answered and wrote, and what the
    /// tenant's tables hold.
    /// </summary>
    public async Task<TenantOutcomes> DeliverAsync(TenantStream stream, Action<int> answered, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var scans = _scans.DeliverAsync(stream.Scans, _tables, answered, cancellationToken);
        var metrics = _metrics.DeliverAsync(stream.Metrics, _tables, answered, cancellationToken);
        var measures = _measures.DeliverAsync(stream.Measures, _tables, answered, cancellationToken);
        await Task.WhenAll(scans, metrics, measures).ConfigureAwait(false);
        var elapsed = watch.Elapsed;

        return new TenantOutcomes(
            Tenant,
            await scans.ConfigureAwait(false),
            await metrics.ConfigureAwait(false),
            await measures.ConfigureAwait(false),
            await _tables.ReadScanCountsAsync(cancellationToken).ConfigureAwait(false),
            await _tables.CountAsync(SampleServices.AlertsTable, cancellationToken).ConfigureAwait(false),
            await AskAboutWorkersAsync(stream, cancellationToken).ConfigureAwait(false),
            elapsed);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in new IAsyncDisposable[] { _scans, _metrics, _measures, _workerProductivity, _workerRisk })
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Asks for every worker's productivity over the week up to the last metric sample, as a dashboard opened right
    /// after the run would, and for the worker's risk in their recent shifts.
    /// </summary>
    private async Task<IReadOnlyList<WorkerAnswers>> AskAboutWorkersAsync(TenantStream stream, CancellationToken cancellationToken)
    {
        var workers = stream.Metrics.Concat(stream.Measures).Select(delivery => delivery.WorkerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (workers.Count == 0)
        {
            return [];
        }

        var askedAt = stream.Metrics.Concat(stream.Measures).Max(delivery => delivery.ReceivedAt);
        var window = new Dictionary<string, string> { ["hours"] = ProductivityWindowHours.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var answers = new List<WorkerAnswers>(workers.Count);
        foreach (var worker in workers)
        {
            answers.Add(new WorkerAnswers(
                worker,
                await AskAsync(_workerProductivity, _services.WorkerProductivity, worker, window, askedAt, cancellationToken).ConfigureAwait(false),
                await AskAsync(_workerRisk, _services.WorkerRisk, worker, query: null, askedAt, cancellationToken).ConfigureAwait(false)));
        }

        return answers;
    }

    private Task<InvocationOutcome> AskAsync(
        LocalFunction running, FunctionManifest function, string worker, IReadOnlyDictionary<string, string>? query, DateTimeOffset askedAt, CancellationToken cancellationToken)
    {
        // The manifest's route, GET /workers/{worker}/risk, is both the route key and, filled in, the path.
        var route = function.Route ?? throw new LocalRunException($"{function.Name} has no HTTP route in its manifest.");
        var path = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..].Replace("{worker}", Uri.EscapeDataString(worker), StringComparison.Ordinal);
        var pathParameters = new Dictionary<string, string> { ["worker"] = worker };
        return running.InvokeAsync(LambdaEnvelopes.HttpGet(route, path, pathParameters, query, askedAt, Tenant, function.Scopes ?? []), cancellationToken);
    }
}
