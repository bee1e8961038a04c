namespace Insight.Local.Events;

/// <summary>One entry of a <c>PutEvents</c> call, as the bus receives it.</summary>
/// <param name="Source">The event's <c>source</c> (e.g. <c>com.example.orders</c>).</param>
/// <param name="DetailType">The event's <c>detail-type</c>.</param>
/// <param name="Detail">The event's <c>detail</c>: JSON text of an object.</param>
/// <param name="EventBusName">The bus it was sent to, or null for the account's default bus.</param>
/// <param name="Time">The event's time as the sender set it, or null for the time it arrives.</param>
/// <param name="Resources">ARNs the event concerns.</param>
public sealed record BusEntry(
    string Source,
    string DetailType,
    string Detail,
    string? EventBusName,
    DateTimeOffset? Time,
    IReadOnlyList<string> Resources);

/// <summary>The result for one entry of a <c>PutEvents</c> call: its event id, or why it failed.</summary>
/// <param name="EventId">The id of the event put on the bus, or null when it failed.</param>
/// <param name="ErrorCode">EventBridge's error code (e.g. <c>MalformedDetail</c>), or null on success.</param>
/// <param name="ErrorMessage">What was wrong with the entry, or null on success.</param>
public sealed record PutEventsResultEntry(string? EventId, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>A successful entry.</summary>
    public static PutEventsResultEntry Succeeded(string eventId) => new(eventId, null, null);

    /// <summary>A failed entry.</summary>
    public static PutEventsResultEntry Failed(string errorCode, string errorMessage) => new(null, errorCode, errorMessage);
}
