namespace Insight.Sdk.Aws;

/// <summary>What an EventBridge schedule delivers: when it fired and which rule fired it.</summary>
public sealed record ScheduledEvent
{
    /// <summary>EventBridge's id of this delivery.</summary>
    public string? Id { get; init; }

    /// <summary>The scheduled time (after the per-account jitter).</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The account the rule belongs to.</summary>
    public string? Account { get; init; }

    /// <summary>The region of the rule.</summary>
    public string? Region { get; init; }

    /// <summary>The ARN of the rule that fired.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];
}
