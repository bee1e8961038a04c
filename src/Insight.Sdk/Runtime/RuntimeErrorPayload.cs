using System.Text.Json.Serialization;

namespace Insight.Sdk.Runtime;

/// <summary>The body of <c>/invocation/{id}/error</c> and <c>/init/error</c>, as the Runtime API defines it.</summary>
public sealed record RuntimeErrorPayload(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    /// <summary>Builds the payload for an exception, one stack frame per entry.</summary>
    public static RuntimeErrorPayload From(Exception exception, string errorType) =>
        new(exception.Message, errorType, SplitStackTrace(exception.StackTrace));

    private static string[] SplitStackTrace(string? stackTrace) =>
        string.IsNullOrEmpty(stackTrace)
            ? []
            : stackTrace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The JSON body of an HTTP API error response.</summary>
public sealed record HttpErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("violations")] IReadOnlyList<string>? Violations = null);
