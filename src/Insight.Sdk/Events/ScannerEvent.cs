using System.Text.Json.Serialization;

namespace Insight.Sdk.Events;

/// <summary>
/// The fields every scanner-fleet event carries. <see cref="EventId"/> is the idempotency key: transports deliver
/// at least once, so a handler that stores an event keys the write on it.
/// </summary>
public abstract record ScannerEvent : IValidatable
{
    /// <summary>Schema version of the event, for example <c>"1.0"</c>.</summary>
    [JsonPropertyName("api_version")]
    public required string ApiVersion { get; init; }

    /// <summary>The event kind, for example <c>"scan"</c>.</summary>
    [JsonPropertyName("event_type")]
    public required string EventType { get; init; }

    /// <summary>Lower-case UUID that identifies the event across redeliveries.</summary>
    [JsonPropertyName("event_id")]
    public required string EventId { get; init; }

    /// <summary>Client-side creation time in Unix milliseconds; orders messages.</summary>
    [JsonPropertyName("time_created")]
    public required long TimeCreated { get; init; }

    /// <summary><see cref="TimeCreated"/> as a point in time.</summary>
    [JsonIgnore]
    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(TimeCreated);

    /// <summary>The schema versions this event type accepts.</summary>
    protected abstract string[] SupportedApiVersions { get; }

    /// <summary>The value <see cref="EventType"/> must hold.</summary>
    protected abstract string ExpectedEventType { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ContractViolation> Validate()
    {
        var rules = new ContractRules()
            .OneOf("api_version", ApiVersion, SupportedApiVersions)
            .OneOf("event_type", EventType, ExpectedEventType)
            .LowerCaseUuid("event_id", EventId)
            .UnixMillis("time_created", TimeCreated);
        ValidateFields(rules);
        return rules.Violations;
    }

    private protected abstract void ValidateFields(ContractRules rules);
}
