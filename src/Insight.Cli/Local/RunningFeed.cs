using Insight.Local.RuntimeApi;

namespace Insight.Cli.Local;

/// <summary>One feed's functions running for one tenant, and how a stream of its events is delivered to them.</summary>
internal sealed class RunningFeed(EventFeed feed, LocalFunction? eventBridgeFunction, LocalFunction? sqsFunction) : IAsyncDisposable
{
    /// <summary>Events per SQS batch.</summary>
    public const int BatchSize = 10;

    /// <summary>The feed whose functions these are.</summary>
    public EventFeed Feed { get; } = feed;

    /// <summary>
    /// Delivers <paramref name="stream"/>: with both functions, each delivery goes by its routing key to one of them,
    /// so deliveries that share a key stay in order; the EventBridge function takes them one by one, the SQS function
    /// in batches of <see cref="BatchSize"/>, side by side, each one invocation at a time. Then stops the functions
    /// and returns what they answered and wrote, and how many events the tenant's table of stored events holds.
    /// </summary>
    public async Task<FeedOutcomes> DeliverAsync(
        IReadOnlyList<IEventDelivery> stream, TenantTables tables, Action<int> answered, CancellationToken cancellationToken)
    {
        var toEventBridge = stream
            .Where(delivery => sqsFunction is null || (eventBridgeFunction is not null && (StableHash.Of(delivery.RoutingKey) & 1) == 0))
            .ToList();
        var toQueue = stream.Except(toEventBridge).ToList();
        var singles = DeliverOneByOneAsync(toEventBridge, tables.Tenant, answered, cancellationToken);
        var batches = DeliverBatchesAsync(toQueue, tables.Tenant, answered, cancellationToken);
        await Task.WhenAll(singles, batches).ConfigureAwait(false);

        return new FeedOutcomes(
            Feed,
            await singles.ConfigureAwait(false),
            await batches.ConfigureAwait(false),
            eventBridgeFunction is null ? [] : await eventBridgeFunction.StopAsync().ConfigureAwait(false),
            sqsFunction is null ? [] : await sqsFunction.StopAsync().ConfigureAwait(false),
            await tables.CountAsync(Feed.StoredTable, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var function in new[] { eventBridgeFunction, sqsFunction }.OfType<LocalFunction>())
        {
            await function.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<InvocationOutcome>> DeliverOneByOneAsync(
        IReadOnlyList<IEventDelivery> deliveries, LocalTenant tenant, Action<int> answered, CancellationToken cancellationToken)
    {
        var outcomes = new List<InvocationOutcome>(deliveries.Count);
        if (eventBridgeFunction is null)
        {
            return outcomes;
        }

        var detailType = Feed.EventBridgeFunction?.DetailType ?? Feed.Noun;
        foreach (var delivery in deliveries)
        {
            outcomes.Add(await eventBridgeFunction.InvokeAsync(LambdaEnvelopes.EventBridge(delivery, tenant, detailType), cancellationToken).ConfigureAwait(false));
            answered(1);
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<BatchDelivery>> DeliverBatchesAsync(
        IReadOnlyList<IEventDelivery> deliveries, LocalTenant tenant, Action<int> answered, CancellationToken cancellationToken)
    {
        var batches = new List<BatchDelivery>();
        if (sqsFunction is null)
        {
            return batches;
        }

        foreach (var batch in deliveries.Chunk(BatchSize))
        {
            var messages = batch.Select(delivery => (MessageId: Guid.NewGuid().ToString(), Scan: delivery)).ToList();
            var outcome = await sqsFunction.InvokeAsync(LambdaEnvelopes.Sqs(messages, tenant, Feed.QueueName), cancellationToken).ConfigureAwait(false);
            batches.Add(new BatchDelivery([.. messages.Select(message => message.MessageId)], outcome));
            answered(messages.Count);
        }

        return batches;
    }
}
