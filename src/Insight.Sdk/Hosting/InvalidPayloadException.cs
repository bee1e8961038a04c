using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Insight.Sdk.Events;

namespace Insight.Sdk.Hosting;

/// <summary>
/// The payload is not valid JSON, or not the shape its reader expects. <see cref="Path"/> says where, from the sender's
/// point of view (<c>$.detail.time_created</c>), and <see cref="Problem"/> what was expected and what was found, in the
/// terms of JSON rather than of .NET types.
/// </summary>
public sealed class InvalidPayloadException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="path"/> of a <paramref name="subject"/>.</summary>
    public InvalidPayloadException(string subject, string path, string problem, Exception? inner = null)
        : base($"The payload is not a valid {subject}: {path}: {problem}", inner)
    {
        Subject = subject;
        Path = path;
        Problem = problem;
    }

    /// <summary>What was being read, for example <c>EventBridge event of ScanEvent</c>.</summary>
    public string Subject { get; }

    /// <summary>The JSON path of the offending value, <c>$</c> for the payload itself.</summary>
    public string Path { get; }

    /// <summary>What was wrong there: what was expected and what was found.</summary>
    public string Problem { get; }

    /// <summary>
    /// Explains why <paramref name="json"/> failed to read as <paramref name="type"/>: the JSON is walked again beside the
    /// type's metadata to find the first value that does not fit, so the message names the path, what the type expects
    /// and what the payload has. <paramref name="failure"/> is what the serializer threw; it is the fallback when the walk
    /// finds nothing more precise.
    /// </summary>
    public static InvalidPayloadException Explain(ReadOnlySpan<byte> json, JsonTypeInfo type, string subject, Exception failure, string root = "$", int offset = 0)
    {
        var (path, problem) = JsonDiagnosis.Explain(json, type, failure, root, offset);
        return new InvalidPayloadException(subject, path, problem, failure);
    }
}

/// <summary>Names the error types the runtime reports, so operators can alarm on them by kind.</summary>
public static class ErrorTypes
{
    /// <summary>The payload could not be read as the handler's event type, or its envelope is malformed.</summary>
    public const string InvalidPayload = "Function.InvalidPayload";

    /// <summary>The event was read but breaks its contract.</summary>
    public const string ContractViolation = "Function.ContractViolation";

    /// <summary>
    /// The handler was still running when the deadline's cancellation fired, or the invocation arrived with less time
    /// left than the safety margin and the handler was not started.
    /// </summary>
    public const string DeadlineExceeded = "Function.DeadlineExceeded";

    /// <summary>The prefix of a failed AWS dependency's error type, followed by the service: <c>Dependency.DynamoDB</c>.</summary>
    public const string DependencyPrefix = "Dependency.";

    /// <summary><c>_HANDLER</c> names no function of this service.</summary>
    public const string NoSuchHandler = "Runtime.NoSuchHandler";

    /// <summary>The deployment left out a value the function needs.</summary>
    public const string MissingConfiguration = "Runtime.MissingConfiguration";

    /// <summary>Initialisation failed for another reason.</summary>
    public const string InitFailed = "Runtime.InitFailed";

    /// <summary>
    /// The error type reported for an exception thrown while handling an invocation. A failed AWS call that escaped the
    /// typed tables still names its service rather than a .NET type.
    /// </summary>
    public static string For(Exception exception, CancellationToken deadline) => exception switch
    {
        InvalidPayloadException => InvalidPayload,
        ContractViolationException => ContractViolation,
        DependencyException dependency => DependencyPrefix + dependency.Service,
        OperationCanceledException when deadline.IsCancellationRequested => DeadlineExceeded,
        AmazonServiceException or AmazonClientException => DependencyPrefix + DependencyException.ServiceOf(exception),
        _ => exception.GetType().Name,
    };
}
