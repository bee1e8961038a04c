namespace Insight.Cli.Local;

/// <summary>One delivery of an event to a tenant, whatever its kind: what a transport hands to a function.</summary>
internal interface IEventDelivery
{
    /// <summary>The event in its wire format: snake_case fields, times in Unix milliseconds.</summary>
    string Json { get; }

    /// <summary>When the platform received it; the EventBridge envelope's <c>time</c>.</summary>
    DateTimeOffset ReceivedAt { get; }

    /// <summary>
    /// Deliveries with the same key reach the same function, in stream order: the events whose order changes what the
    /// service concludes share a key.
    /// </summary>
    string RoutingKey { get; }
}
