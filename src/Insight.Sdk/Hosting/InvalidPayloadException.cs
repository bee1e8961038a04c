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
        return new InvalidPayloadException($"The payload is not a valid {eventType}{where}: {Reason(exception)}", exception);
    }

    /// <summary>
    /// What broke, without the path and position System.Text.Json appends to some messages (the path is reported
    /// separately, from the sender's point of view).
    /// </summary>
    internal static string Reason(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
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
