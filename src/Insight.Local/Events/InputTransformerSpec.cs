namespace Insight.Local.Events;

/// <summary>An EventBridge target's <c>InputTransformer</c>: JSON paths into the event, and the template they fill.</summary>
/// <param name="InputPathsMap">Placeholder name to JSON path in the event (e.g. <c>"device": "$.detail.device"</c>).</param>
/// <param name="InputTemplate">The text the target receives, with <c>&lt;name&gt;</c> placeholders.</param>
public sealed record InputTransformerSpec(IReadOnlyDictionary<string, string> InputPathsMap, string InputTemplate);
