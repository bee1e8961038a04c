using Insight.Local.Client;
using Insight.Local.Events;
using LocalScenario.Streams;

namespace LocalScenario;

/// <summary>What the bus answered for a tenant's streams: how many events it took, and each refusal.</summary>
internal sealed record PostOutcome(int Put, IReadOnlyList<string> Refusals);

/// <summary>
/// Puts a tenant's streams on its bus as its scanner gateways would: every delivery (redeliveries too) in the order
/// the platform received them, each kind with the detail-type its service's rules match, ten to a PutEvents request.
/// </summary>
internal static class StreamPoster
{
    /// <summary>The deliveries of <paramref name="stream"/> as bus events, in the order they were received.</summary>
    public static IReadOnlyList<(Feed Feed, IEventDelivery Delivery)> Deliveries(TenantStream stream) =>
        [.. stream.Scans.Select(scan => (SampleFeeds.Scans, (IEventDelivery)scan))
            .Concat(stream.Metrics.Select(sample => (SampleFeeds.Metrics, (IEventDelivery)sample)))
            .Concat(stream.Measures.Select(measure => (SampleFeeds.Measures, (IEventDelivery)measure)))
            .OrderBy(delivery => delivery.Item2.ReceivedAt)];

    /// <summary>Puts every delivery of <paramref name="stream"/> on the bus at <paramref name="eventsUrl"/>, telling <paramref name="progress"/> how many went.</summary>
    public static async Task<PostOutcome> PostAsync(HttpClient http, string eventsUrl, TenantStream stream, Action<int> progress, CancellationToken cancellationToken)
    {
        var bus = new LocalBusClient(http, new Uri(eventsUrl));
        var put = 0;
        var refusals = new List<string>();
        foreach (var batch in Deliveries(stream).Chunk(LocalBusClient.MaxEntriesPerRequest))
        {
            var entries = batch.Select(delivery => new BusEntry(SampleFeeds.Source, delivery.Feed.DetailType, delivery.Delivery.Json, EventBusName: null, delivery.Delivery.ReceivedAt, [])).ToList();
            var outcomes = await bus.PutEventsAsync(entries, cancellationToken).ConfigureAwait(false);
            foreach (var (delivery, outcome) in batch.Zip(outcomes))
            {
                if (outcome is { EventId: not null, ErrorCode: null })
                {
                    put++;
                }
                else
                {
                    refusals.Add($"{delivery.Feed.DetailType} {delivery.Delivery.EventId}: {outcome.ErrorCode}: {outcome.ErrorMessage}");
                }
            }

            progress(batch.Length);
        }

        return new PostOutcome(put, refusals);
    }
}
