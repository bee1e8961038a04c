using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace Insight.Sdk;

/// <summary>
/// A call to an AWS service failed: unreachable, timed out, throttled past the client's retries, or refused. The
/// message names the operation, the resource and what happened (<c>PutItem on table scans-prod: connection refused
/// (127.0.0.1:8000)</c>); the runtime reports it as <c>Dependency.&lt;Service&gt;</c>, so operators can tell an outage
/// of a dependency from a bug. The original exception is the inner exception.
/// </summary>
public sealed class DependencyException : Exception
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded", "Throttling",
        "TooManyRequestsException", "LimitExceededException",
    };

    /// <summary>Creates the exception; <paramref name="reason"/> says what happened, in words.</summary>
    public DependencyException(string service, string operation, string resource, string reason, bool isThrottled, Exception? inner)
        : base($"{operation} on {resource}: {reason}", inner)
    {
        Service = service;
        Operation = operation;
        Resource = resource;
        Reason = reason;
        IsThrottled = isThrottled;
    }

    /// <summary>The service, as AWS names it in error types: <c>DynamoDB</c>.</summary>
    public string Service { get; }

    /// <summary>The API operation: <c>PutItem</c>.</summary>
    public string Operation { get; }

    /// <summary>What the call was about: <c>table scans-prod</c>.</summary>
    public string Resource { get; }

    /// <summary>What happened: <c>connection refused (127.0.0.1:8000)</c>.</summary>
    public string Reason { get; }

    /// <summary>
    /// Whether the service throttled the call (after the client's own retries): capacity, not an outage; the work can be
    /// tried again later.
    /// </summary>
    public bool IsThrottled { get; }

    /// <summary>Wraps <paramref name="failure"/> of <paramref name="operation"/> on <paramref name="resource"/>.</summary>
    public static DependencyException From(string service, string operation, string resource, Exception failure)
    {
        var throttled = failure is AmazonServiceException { ErrorCode: { } code } && ThrottlingCodes.Contains(code);
        return new DependencyException(service, operation, resource, Describe(failure, throttled), throttled, failure);
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is a failed call rather than a cancellation by the caller (the deadline) or a
    /// .NET bug: network errors, timeouts and every error the AWS client reports.
    /// </summary>
    public static bool IsCallFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException or SocketException or IOException => true,
        _ => false,
    };

    /// <summary>The service an AWS client exception belongs to: <c>Amazon.DynamoDBv2.Model</c> → <c>DynamoDB</c>.</summary>
    internal static string ServiceOf(Exception exception)
    {
        var ns = exception.GetType().Namespace ?? "";
        if (!ns.StartsWith("Amazon.", StringComparison.Ordinal) || ns.StartsWith("Amazon.Runtime", StringComparison.Ordinal))
        {
            return "AWS";
        }

        var service = ns["Amazon.".Length..].Split('.')[0];
        return service.EndsWith("v2", StringComparison.Ordinal) ? service[..^2] : service;
    }

    private static string Describe(Exception failure, bool throttled)
    {
        // The AWS client wraps network failures in its own exceptions; the innermost network error says the most.
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case HttpRequestException http when http.HttpRequestError == HttpRequestError.NameResolutionError:
                    return "the endpoint's name does not resolve: " + Lower(http.Message);
                case HttpRequestException http:
                    return Lower(http.Message);
                case SocketException socket:
                    return Lower(socket.Message);
                case TimeoutException:
                    return "no answer in time (the request timed out)";
            }
        }

        return failure switch
        {
            AmazonServiceException service when throttled =>
                $"throttled, still after the client's retries ({service.ErrorCode}: {service.Message}); reduce the request rate or raise the table's capacity",
            AmazonServiceException { ErrorCode: "ResourceNotFoundException" } service =>
                $"the table does not exist in this account and region ({service.ErrorCode}: {service.Message})",
            AmazonServiceException { StatusCode: HttpStatusCode.Forbidden } or AmazonServiceException { ErrorCode: "AccessDeniedException" or "UnrecognizedClientException" } =>
                $"access denied: the function's role may lack the permission ({((AmazonServiceException)failure).ErrorCode}: {failure.Message})",
            AmazonServiceException service =>
                $"{service.ErrorCode ?? "error"} (HTTP {(int)service.StatusCode}): {service.Message}",
            OperationCanceledException => "no answer in time (the request timed out)",
            _ => Lower(failure.Message),
        };
    }

    private static string Lower(string message) =>
        message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1])
            ? char.ToLowerInvariant(message[0]) + message[1..]
            : message;
}
