using System.Text.Json.Serialization;

namespace Insight.Sdk.Events;

/// <summary>A scanner connecting to or disconnecting from its gateway (<c>event_type: "scanner_state"</c>).</summary>
public sealed record ScannerStateEvent : ScannerEvent
{
    /// <summary>The <c>event_type</c> of a scanner state change.</summary>
    public const string Type = "scanner_state";

    /// <summary>Connected state value.</summary>
    public const string Connected = "STATE_CONNECTED";

    /// <summary>Disconnected state value.</summary>
    public const string Disconnected = "STATE_DISCONNECTED";

    /// <summary>Serial of the gateway, 1–128 characters.</summary>
    [JsonPropertyName("gateway_serial")]
    public required string GatewaySerial { get; init; }

    /// <summary>Serial of the scanner, 1–128 characters.</summary>
    [JsonPropertyName("device_serial")]
    public string? DeviceSerial { get; init; }

    /// <summary><see cref="Connected"/> or <see cref="Disconnected"/>.</summary>
    [JsonPropertyName("device_connected_state")]
    public required string ConnectedState { get; init; }

    /// <summary>Why the scanner disconnected; required when disconnected.</summary>
    [JsonPropertyName("device_disconnect_reason")]
    public string? DisconnectReason { get; init; }

    /// <inheritdoc/>
    protected override string[] SupportedApiVersions => ["1.0"];

    /// <inheritdoc/>
    protected override string ExpectedEventType => Type;

    private protected override void ValidateFields(ContractRules rules)
    {
        rules.Length("gateway_serial", GatewaySerial, 1, 128)
             .Length("device_serial", DeviceSerial, 1, 128, required: false)
             .OneOf("device_connected_state", ConnectedState, Connected, Disconnected);
        if (ConnectedState == Disconnected)
        {
            rules.Length("device_disconnect_reason", DisconnectReason, 1, 128);
        }
    }
}
