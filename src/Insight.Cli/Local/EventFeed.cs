using Insight.Sdk.Manifest;
using Insight.Sdk;

namespace Insight.Cli.Local;

/// <summary>
/// One kind of event and the service that takes it: the function fed from the tenant's event bus, one delivery per
/// invocation, and the one fed from a queue, in batches (a service may have either or both). The service's table of
/// idempotency markers holds each event it stored once; its EMF metrics say how many deliveries were duplicates.
/// </summary>
/// <param name="Noun">What the events are called in the report, plural: <c>scans</c>.</param>
/// <param name="Service">The service that takes them.</param>
/// <param name="EventBridgeFunction">The function the tenant's bus invokes with one event, if any.</param>
/// <param name="SqsFunction">The function the tenant's queue invokes with a batch, if any.</param>
/// <param name="StoredTable">The table that holds one item per event stored, however often it was delivered.</param>
/// <param name="DuplicateMetric">The EMF metric the service adds 1 to for each redelivery it recognised.</param>
internal sealed record EventFeed(
    string Noun, PublishedService Service, FunctionManifest? EventBridgeFunction, FunctionManifest? SqsFunction, string StoredTable, string DuplicateMetric)
{
    /// <summary>The feed of <typeparamref name="TEvent"/> into <paramref name="service"/>'s EventBridge and SQS functions that take it.</summary>
    /// <exception cref="LocalRunException">The service takes no such event, or does not declare <paramref name="storedTable"/>.</exception>
    public static EventFeed Of<TEvent>(string noun, PublishedService service, string storedTable, string duplicateMetric)
    {
        var feed = new EventFeed(
            noun, service, service.FunctionTaking<TEvent>(Trigger.EventBridge), service.FunctionTaking<TEvent>(Trigger.SqsBatch), storedTable, duplicateMetric);
        if (feed.Functions.Count == 0)
        {
            throw new LocalRunException($"{service.Name} has no EventBridge or SqsBatch function that takes a {typeof(TEvent).Name}; a local run feeds it {noun}.");
        }

        service.RequireTables([storedTable, .. feed.Functions.SelectMany(function => function.Tables).Select(use => use.Name)]);
        return feed;
    }

    /// <summary>The functions the feed invokes.</summary>
    public IReadOnlyList<FunctionManifest> Functions => [.. new[] { EventBridgeFunction, SqsFunction }.OfType<FunctionManifest>()];

    /// <summary>The queue the SQS function reads, as the service's stack names it.</summary>
    public string QueueName => $"{Service.Name}-{SqsFunction?.Name}";
}
