using System.Text.Json;
using Insight.Sdk.Events;

namespace Insight.Sdk.Hosting;

/// <summary>The payload is not valid JSON, or not the shape the handler's event type has.</summary>
public sealed class InvalidPayloadException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Wraps a parse failure with the event type and the JSON path where it failed.</summary>
    public static InvalidPayloadException From(JsonException exception, string eventType)
    {
        var where = string.IsNullOrEmpty(exception.Path) ? "" : $" at {exception.Path}";
        // System.Text.Json appends its own path and position to some messages; keep the first sentence that says what broke.
        var reason = exception.Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        return new InvalidPayloadException($"The payload is not a valid {eventType}{where}: {reason}", exception);
    }
}

/// <summary>Names the error types the runtime reports, so operators can alarm on them by kind.</summary>
public static class ErrorTypes
{
    /// <summary>The payload could not be read as the handler's event type.</summary>
    public const string InvalidPayload = "Function.InvalidPayload";

    /// <summary>The event was read but breaks its contract.</summary>
    public const string ContractViolation = "Function.ContractViolation";

    /// <summary>The handler was still running when the deadline's cancellation fired.</summary>
    public const string DeadlineExceeded = "Function.DeadlineExceeded";

    /// <summary><c>_HANDLER</c> names no function of this service.</summary>
    public const string NoSuchHandler = "Runtime.NoSuchHandler";

    /// <summary>The deployment left out a value the function needs.</summary>
    public const string MissingConfiguration = "Runtime.MissingConfiguration";

    /// <summary>Initialisation failed for another reason.</summary>
    public const string InitFailed = "Runtime.InitFailed";

    /// <summary>The error type reported for an exception thrown while handling an invocation.</summary>
    public static string For(Exception exception, CancellationToken deadline) => exception switch
    {
        InvalidPayloadException => InvalidPayload,
        ContractViolationException => ContractViolation,
        OperationCanceledException when deadline.IsCancellationRequested => DeadlineExceeded,
        _ => exception.GetType().Name,
    };
}
