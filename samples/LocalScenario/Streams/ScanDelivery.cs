namespace LocalScenario.Streams;

/// <summary>One delivery of a scan as a scanner gateway sends it: the wire JSON and what was planted in it.</summary>
/// <param name="EventId">The <c>event_id</c> as sent (malformed when <see cref="Flaw"/> says so).</param>
/// <param name="DeviceSerial">The scanner that made the scan.</param>
/// <param name="Json">The scan in its wire format: snake_case fields, times in Unix milliseconds.</param>
/// <param name="ReceivedAt">When the platform received it; the EventBridge envelope's <c>time</c>.</param>
/// <param name="Flaw">What is wrong with the scan, if anything.</param>
/// <param name="IsRedelivery">True when this is the same event sent again, as at-least-once transports do.</param>
internal sealed record ScanDelivery(string EventId, string DeviceSerial, string Json, DateTimeOffset ReceivedAt, ScanFlaw Flaw, bool IsRedelivery) : IEventDelivery
{
    /// <inheritdoc/>
    public bool BreaksContract => Flaw is not (ScanFlaw.None or ScanFlaw.Misread);
}

/// <summary>What is wrong with a generated scan.</summary>
internal enum ScanFlaw
{
    /// <summary>A good scan.</summary>
    None,

    /// <summary>An EAN-13 read with one digit wrong, so its check digit does not match: the service rejects it.</summary>
    Misread,

    /// <summary><c>event_id</c> is not a lower-case 8-4-4-4-12 UUID: breaks the contract.</summary>
    MalformedEventId,

    /// <summary><c>scan_code</c> is empty: breaks the contract.</summary>
    EmptyScanCode,

    /// <summary><c>time_created</c> is in seconds instead of milliseconds, so before 2019: breaks the contract.</summary>
    TimeCreatedOutOfRange,
}
