namespace Insight.Cli.Local.Emulation.Running;

/// <summary>How a <see cref="LocalAccount"/> runs on this machine.</summary>
/// <param name="DynamoDbUrl">The DynamoDB Local every account's tables live in (kept apart by access key id).</param>
/// <param name="TimeScale">How much faster than real time every timer runs (schedules, visibility timeouts, batching windows, retry delays, event ages); 1 is real time.</param>
/// <param name="MaxInstancesPerFunction">The most processes one function may run at once on this machine, whatever its reserved concurrency.</param>
/// <param name="Logs">Where the functions' output lines and the emulator's own reports go.</param>
/// <param name="Time">The clock every timer is driven by.</param>
internal sealed record LocalAccountOptions(string DynamoDbUrl, double TimeScale, int MaxInstancesPerFunction, ILocalLogSink Logs, TimeProvider Time);

/// <summary>Receives every line a tenant's functions write, and what the emulator reports about them (crashes, discarded events).</summary>
internal interface ILocalLogSink
{
    /// <summary>One line of <paramref name="function"/> in <paramref name="tenantId"/>'s account; <paramref name="isError"/> for standard error and failures.</summary>
    void Write(string tenantId, string function, string line, bool isError);
}

/// <summary>What a synchronous (RequestResponse) invocation answered.</summary>
/// <param name="Succeeded">The function returned a response.</param>
/// <param name="Payload">The response JSON, or the error body when the function failed.</param>
/// <param name="ErrorType">Why it failed: the runtime's error type, <c>TooManyRequestsException</c> when throttled, <c>Sandbox.Timedout</c>, <c>Runtime.ExitError</c>.</param>
/// <param name="ErrorMessage">The failure's message.</param>
internal sealed record FunctionResult(bool Succeeded, string? Payload, string? ErrorType, string? ErrorMessage);
