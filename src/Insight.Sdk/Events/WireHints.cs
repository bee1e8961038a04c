namespace Insight.Sdk.Events;

/// <summary>
/// What a field's number means on the wire, for messages about a value that does not fit: "expected a whole number
/// (Unix ms)" says more to the sender than "expected a whole number".
/// </summary>
internal static class WireHints
{
    /// <summary>The meaning of field <paramref name="wireName"/>, or <c>null</c> when its type says enough.</summary>
    public static string? For(string wireName) => wireName switch
    {
        "time_created" or "time_received" or "timeEpoch" => "Unix ms",
        "window_ms" => "milliseconds",
        "device_battery" => "percent",
        _ => null,
    };
}
