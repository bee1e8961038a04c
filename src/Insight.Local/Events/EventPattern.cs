using System.Text.Json;

namespace Insight.Local.Events;

/// <summary>
/// An EventBridge event pattern, parsed and checked as EventBridge checks it when a rule is created, and matched
/// against events with EventBridge's semantics (those of AWS's open-source engine, aws/event-ruler).
/// </summary>
/// <remarks>
/// Supported: exact strings, numbers (compared numerically), booleans and null; arrays in the event (any element
/// matches; fields of one pattern object must match within the same array element); nested objects; <c>prefix</c>
/// and <c>suffix</c> (also <c>{"equals-ignore-case": …}</c>); <c>anything-but</c> (a value, a list of strings or
/// of numbers, or <c>{"prefix"|"suffix"|"wildcard"|"equals-ignore-case": string or list}</c>); <c>numeric</c>;
/// <c>cidr</c> (IPv4 and IPv6); <c>exists</c>; <c>equals-ignore-case</c>; <c>wildcard</c>; <c>$or</c>.
/// </remarks>
public sealed class EventPattern
{
    private readonly PatternObject _root;

    private EventPattern(PatternObject root, string text)
    {
        _root = root;
        Text = text;
    }

    /// <summary>The pattern's JSON text, as given to <see cref="Parse"/>.</summary>
    public string Text { get; }

    /// <summary>Parses a pattern, refusing what EventBridge refuses.</summary>
    /// <exception cref="EventPatternException">The pattern is not valid; the message names the JSON path and why.</exception>
    public static EventPattern Parse(string patternJson)
    {
        ArgumentNullException.ThrowIfNull(patternJson);
        return new EventPattern(EventPatternParser.Parse(patternJson), patternJson);
    }

    /// <summary>Whether the event (the whole envelope EventBridge delivers) matches this pattern.</summary>
    public bool Matches(JsonElement @event) => _root.Matches(@event);

    /// <inheritdoc />
    public override string ToString() => Text;
}
