namespace LocalScenario.Streams;

/// <summary>One delivery of an event by a tenant's devices, whatever its kind: what is put on the tenant's bus.</summary>
internal interface IEventDelivery
{
    /// <summary>The <c>event_id</c> as sent; a redelivery repeats its original's.</summary>
    string EventId { get; }

    /// <summary>The event in its wire format: snake_case fields, times in Unix milliseconds.</summary>
    string Json { get; }

    /// <summary>When the platform received it; the bus event's <c>time</c>.</summary>
    DateTimeOffset ReceivedAt { get; }

    /// <summary>True when this is the same event sent again, as at-least-once transports do.</summary>
    bool IsRedelivery { get; }

    /// <summary>Whether the event breaks its contract, so the service refuses it on every delivery.</summary>
    bool BreaksContract { get; }
}
