namespace LocalScenario.Streams;

/// <summary>One delivery of a worker's measure (a productivity metric sample or an ergonomics event) as a scanner sends it.</summary>
/// <param name="EventId">The <c>event_id</c> as sent (malformed when <see cref="Flaw"/> says so).</param>
/// <param name="WorkerId">The worker measured.</param>
/// <param name="ShiftId">The shift the worker was on.</param>
/// <param name="Json">The event in its wire format.</param>
/// <param name="ReceivedAt">When the platform received it.</param>
/// <param name="Flaw">What is wrong with the event, if anything.</param>
/// <param name="IsRedelivery">True when this is the same event sent again.</param>
internal sealed record MeasureDelivery(string EventId, string WorkerId, string ShiftId, string Json, DateTimeOffset ReceivedAt, MeasureFlaw Flaw, bool IsRedelivery)
    : IEventDelivery
{
    /// <inheritdoc/>
    public bool BreaksContract => Flaw != MeasureFlaw.None;
}

/// <summary>What is wrong with a generated measure; every flaw breaks the event's contract.</summary>
internal enum MeasureFlaw
{
    /// <summary>A good measure.</summary>
    None,

    /// <summary><c>event_id</c> is not a lower-case 8-4-4-4-12 UUID.</summary>
    MalformedEventId,

    /// <summary>The unit does not fit the measure (a count sent in ms, a duration sent as a count).</summary>
    WrongUnit,

    /// <summary>A negative value, which no count or time can be.</summary>
    NegativeValue,
}
