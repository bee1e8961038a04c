using Insight.Sdk;
using Insight.Sdk.Events;
using Insight.Sdk.Observability;
using Microsoft.Extensions.Logging;

namespace ScanIngest;

/// <summary>A scanner connects to or drops off its gateway; disconnects are counted by reason.</summary>
[EventHandler(MemorySize = 128, TimeoutSeconds = 5)]
public sealed partial class ScannerStateChanged(IMetrics metrics, ILogger<ScannerStateChanged> log)
{
    /// <summary>Handles one state change.</summary>
    public ValueTask HandleAsync(ScannerStateEvent change, InvocationContext invocation)
    {
        var connected = change.ConnectedState == ScannerStateEvent.Connected;
        metrics.Add(connected ? "ScannerConnects" : "ScannerDisconnects", 1);
        LogChange(log, change.DeviceSerial ?? "unknown", change.GatewaySerial, change.ConnectedState, change.DisconnectReason ?? "-", invocation.RemainingTime.TotalMilliseconds);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scanner {DeviceSerial} on gateway {GatewaySerial}: {State} ({Reason}); {RemainingMs} ms left")]
    private static partial void LogChange(ILogger logger, string deviceSerial, string gatewaySerial, string state, string reason, double remainingMs);
}
