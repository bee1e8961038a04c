using System.Diagnostics;
using Insight.Local.RuntimeApi;
using Insight.Sdk.Events;

namespace Insight.Cli.Local;

/// <summary>
/// One tenant's functions and tables, isolated from every other tenant's: the local stand-in for the tenant's AWS
/// account. Each function runs in its own process against its own Runtime API server, and is given only the tenant's
/// tables it uses.
/// </summary>
internal sealed class TenantDeployment : IAsyncDisposable
{
    /// <summary>Scans per SQS batch; the same number of scans goes to the EventBridge function one by one in between.</summary>
    public const int BatchSize = 10;

    private readonly ScanService _service;
    private readonly TenantTables _tables;
    private readonly LocalFunction _eventBridgeFunction;
    private readonly LocalFunction _sqsFunction;

    private TenantDeployment(ScanService service, TenantTables tables, LocalFunction eventBridgeFunction, LocalFunction sqsFunction)
    {
        Tenant = tables.Tenant;
        _service = service;
        _tables = tables;
        _eventBridgeFunction = eventBridgeFunction;
        _sqsFunction = sqsFunction;
    }

    /// <summary>The tenant served.</summary>
    public LocalTenant Tenant { get; }

    /// <summary>Starts the functions of the tenant whose tables are <paramref name="tables"/> and waits until each polls for work.</summary>
    public static async Task<TenantDeployment> StartAsync(ScanService service, TenantTables tables, CancellationToken cancellationToken)
    {
        var tenant = tables.Tenant;
        var eventBridgeFunction = await LocalFunction.StartAsync(
            service, service.EventBridgeFunction, tenant, tables.EnvironmentFor(service.EventBridgeFunction), cancellationToken).ConfigureAwait(false);
        try
        {
            var sqsFunction = await LocalFunction.StartAsync(
                service, service.SqsFunction, tenant, tables.EnvironmentFor(service.SqsFunction), cancellationToken).ConfigureAwait(false);
            return new TenantDeployment(service, tables, eventBridgeFunction, sqsFunction);
        }
        catch
        {
            await eventBridgeFunction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Delivers <paramref name="stream"/> in turns of <see cref="BatchSize"/> scans: one turn to the EventBridge
    /// function a scan at a time, the next as one SQS batch. The two functions work side by side, each on one
    /// invocation at a time. Then stops the functions and returns what they answered and wrote, and what the
    /// tenant's tables hold.
    /// </summary>
    public async Task<TenantOutcomes> DeliverAsync(IReadOnlyList<ScanDelivery> stream, Action<int> answered, CancellationToken cancellationToken)
    {
        var turns = stream.Chunk(BatchSize).ToList();
        var watch = Stopwatch.StartNew();
        var singles = DeliverOneByOneAsync(turns.Where((_, turn) => turn % 2 == 0).SelectMany(scans => scans), answered, cancellationToken);
        var batches = DeliverBatchesAsync(turns.Where((_, turn) => turn % 2 == 1), answered, cancellationToken);
        await Task.WhenAll(singles, batches).ConfigureAwait(false);
        var elapsed = watch.Elapsed;

        return new TenantOutcomes(
            Tenant,
            await singles.ConfigureAwait(false),
            await batches.ConfigureAwait(false),
            await _eventBridgeFunction.StopAsync().ConfigureAwait(false),
            await _sqsFunction.StopAsync().ConfigureAwait(false),
            await _tables.ReadAsync(cancellationToken).ConfigureAwait(false),
            elapsed);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _eventBridgeFunction.DisposeAsync().ConfigureAwait(false);
        await _sqsFunction.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<InvocationOutcome>> DeliverOneByOneAsync(IEnumerable<ScanDelivery> scans, Action<int> answered, CancellationToken cancellationToken)
    {
        var detailType = _service.EventBridgeFunction.DetailType ?? nameof(ScanEvent);
        var outcomes = new List<InvocationOutcome>();
        foreach (var scan in scans)
        {
            outcomes.Add(await _eventBridgeFunction.InvokeAsync(LambdaEnvelopes.EventBridge(scan, Tenant, detailType), cancellationToken).ConfigureAwait(false));
            answered(1);
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<BatchDelivery>> DeliverBatchesAsync(IEnumerable<ScanDelivery[]> batches, Action<int> answered, CancellationToken cancellationToken)
    {
        var queueName = $"{_service.Name}-{_service.SqsFunction.Name}";
        var deliveries = new List<BatchDelivery>();
        foreach (var batch in batches)
        {
            var messages = batch.Select(scan => (MessageId: Guid.NewGuid().ToString(), Scan: scan)).ToList();
            var outcome = await _sqsFunction.InvokeAsync(LambdaEnvelopes.Sqs(messages, Tenant, queueName), cancellationToken).ConfigureAwait(false);
            deliveries.Add(new BatchDelivery([.. messages.Select(message => message.MessageId)], outcome));
            answered(messages.Count);
        }

        return deliveries;
    }
}
