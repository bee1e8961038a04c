using System.Text;

namespace Insight.Local.RuntimeApi;

/// <summary>
/// What the runtime reported for one invocation, so a caller can assert on the result
/// without caring whether it arrived via <c>/response</c> or <c>/error</c>.
/// </summary>
public sealed record InvocationOutcome
{
    /// <summary>Correlates the outcome with the headers the runtime received.</summary>
    public required string RequestId { get; init; }

    /// <summary>True when the runtime posted to <c>/error</c> or its response was rejected as too large.</summary>
    public bool IsError { get; init; }

    /// <summary>Raw bytes exactly as the runtime posted them, so serializer behaviour can be checked byte for byte.</summary>
    public required byte[] Body { get; init; }

    /// <summary>
    /// The <c>Lambda-Runtime-Function-Error-Type</c> header (falling back to the body's
    /// <c>errorType</c> when the header is missing); null for successful responses.
    /// </summary>
    public string? ErrorType { get; init; }

    /// <summary>The body's <c>errorMessage</c>, when the error body was parseable.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The body's <c>stackTrace</c> lines, empty when absent or unparseable.</summary>
    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>Convenience view of <see cref="Body"/> for JSON assertions.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);
}
