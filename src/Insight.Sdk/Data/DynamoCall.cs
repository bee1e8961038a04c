using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Data;

/// <summary>
/// Every request the typed tables make goes through here, so a failed call is reported as what it was: a
/// <see cref="DependencyException"/> naming DynamoDB, the operation and the table, instead of a bare network or client
/// exception. Conditional-check failures and transaction cancellations pass through untouched: their callers turn them
/// into the version and condition failures they mean. A cancellation by the caller's token (the deadline) stays one.
/// </summary>
internal static class DynamoCall
{
    public const string Service = "DynamoDB";

    public static async Task<TResponse> RunAsync<TRequest, TResponse>(
        IAmazonDynamoDB client, string operation, string resource, TRequest request,
        Func<IAmazonDynamoDB, TRequest, CancellationToken, Task<TResponse>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(client, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsReported(exception, cancellationToken))
        {
            throw Failure(operation, resource, exception);
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is reported as a dependency failure: every failed call but the condition
    /// and transaction failures its caller interprets, and not the caller's own cancellation. The AWS SDK path and the
    /// direct wire path (<see cref="Wire.DynamoWireClient"/>) both decide here.
    /// </summary>
    public static bool IsReported(Exception exception, CancellationToken cancellationToken) =>
        exception is not (ConditionalCheckFailedException or TransactionCanceledException) && DependencyException.IsCallFailure(exception, cancellationToken);

    /// <summary>The dependency failure <paramref name="exception"/> of <paramref name="operation"/> on <paramref name="resource"/> is reported as.</summary>
    public static DependencyException Failure(string operation, string resource, Exception exception) =>
        DependencyException.From(Service, operation, resource, exception);

    /// <summary>How a message names one table.</summary>
    public static string Table(string physicalName) => "table " + physicalName;

    /// <summary>How a message names the tables of a transaction.</summary>
    public static string Tables(IEnumerable<string> physicalNames) =>
        physicalNames.Distinct(StringComparer.Ordinal).ToList() is { Count: 1 } one ? Table(one[0]) : "tables " + string.Join(", ", physicalNames.Distinct(StringComparer.Ordinal));
}
