namespace Insight.Local.RuntimeApi;

/// <summary>
/// What the runtime posted to <c>/runtime/init/error</c>, so tests and the CLI can explain
/// why a function never started polling for invocations.
/// </summary>
public sealed record InitErrorReport
{
    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> header, falling back to the body's <c>errorType</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The body's <c>errorMessage</c>, when the body was parseable.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Raw body bytes as posted, for cases where the body is not the documented JSON shape.</summary>
    public required byte[] Body { get; init; }
}
