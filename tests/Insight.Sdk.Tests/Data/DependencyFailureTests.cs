using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Insight.Sdk.Data;
using Insight.Sdk.Hosting;

namespace Insight.Sdk.Tests.Data;

/// <summary>
/// How the typed tables report a failed DynamoDB call: a <see cref="DependencyException"/> naming the service, the operation
/// and the physical table, while conditional checks and the caller's own cancellation keep their meaning.
/// </summary>
public sealed class DependencyFailureTests
{
    private static readonly DynamoTableNames Names = new(name => name == "INSIGHT_TABLE_READINGS" ? "readings-acme-7" : null);

    [Fact]
    public async Task An_unreachable_endpoint_names_put_item_the_table_and_the_refused_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = $"http://127.0.0.1:{port}", AuthenticationRegion = "eu-central-1", MaxErrorRetry = 0 });
        var readings = new ReadingTable(client, Names);

        var error = await Assert.ThrowsAsync<DependencyException>(() => readings.PutAsync(new Reading("S-1", 1, "p")));

        Assert.Equal("DynamoDB", error.Service);
        Assert.Equal("PutItem", error.Operation);
        Assert.Equal("table readings-acme-7", error.Resource);
        Assert.Equal($"PutItem on table readings-acme-7: connection refused (127.0.0.1:{port})", error.Message);
        Assert.False(error.IsThrottled);
        Assert.Equal("Dependency.DynamoDB", ErrorTypes.For(error, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_table_access_denied_and_throttling_are_told_apart()
    {
        var missing = await Assert.ThrowsAsync<DependencyException>(() =>
            Table(new ResourceNotFoundException("Requested resource not found") { ErrorCode = "ResourceNotFoundException", StatusCode = HttpStatusCode.BadRequest }).GetAsync("S-1", 1));
        var denied = await Assert.ThrowsAsync<DependencyException>(() =>
            Table(new AmazonDynamoDBException("User is not authorized to perform dynamodb:Query") { ErrorCode = "AccessDeniedException", StatusCode = HttpStatusCode.BadRequest }).QueryAsync("S-1").ToListAsync().AsTask());
        var throttled = await Assert.ThrowsAsync<DependencyException>(() =>
            Table(new ProvisionedThroughputExceededException("Rate exceeded") { ErrorCode = "ProvisionedThroughputExceededException", StatusCode = HttpStatusCode.BadRequest }).DeleteAsync("S-1", 1));

        Assert.Equal("GetItem on table readings-acme-7: the table does not exist in this account and region (ResourceNotFoundException: Requested resource not found)", missing.Message);
        Assert.StartsWith("Query on table readings-acme-7: access denied: the function's role may lack the permission (AccessDeniedException", denied.Message, StringComparison.Ordinal);
        Assert.StartsWith("DeleteItem on table readings-acme-7: throttled", throttled.Message, StringComparison.Ordinal);
        Assert.True(throttled.IsThrottled);
        Assert.IsType<ProvisionedThroughputExceededException>(throttled.InnerException);
    }

    [Fact]
    public async Task A_timeout_is_a_dependency_failure_but_the_callers_own_cancellation_stays_a_cancellation()
    {
        var timedOut = await Assert.ThrowsAsync<DependencyException>(() =>
            Table(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException())).PutAsync(new Reading("S-1", 1, "p")));
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Table(new TaskCanceledException("cancelled")).PutAsync(new Reading("S-1", 1, "p"), cancellationToken: deadline.Token));

        Assert.Equal("PutItem on table readings-acme-7: no answer in time (the request timed out)", timedOut.Message);
        Assert.IsNotType<DependencyException>(cancelled);
        Assert.Equal(ErrorTypes.DeadlineExceeded, ErrorTypes.For(cancelled, deadline.Token));
    }

    [Fact]
    public async Task A_failed_condition_keeps_its_meaning()
    {
        var readings = Table(new ConditionalCheckFailedException("The conditional request failed"));

        Assert.False(await readings.TryPutNewAsync(new Reading("S-1", 1, "p")));
        await Assert.ThrowsAsync<ConditionFailedException>(() => readings.PutAsync(new Reading("S-1", 1, "p"), new PutOptions { OnlyIfAbsent = true }));
    }

    [Fact]
    public async Task A_transaction_cancelled_for_another_reason_names_its_tables_and_reasons()
    {
        var readings = Table(new TransactionCanceledException("Transaction cancelled")
        {
            CancellationReasons = [new CancellationReason { Code = "None" }, new CancellationReason { Code = "ValidationError", Message = "Item size too large" }],
        });
        var transaction = readings.BeginTransaction();
        transaction.Put(readings, new Reading("S-1", 1, "p"));
        transaction.Put(readings, new Reading("S-1", 2, "p"));

        var error = await Assert.ThrowsAsync<DependencyException>(() => transaction.CommitAsync());

        Assert.StartsWith("TransactWriteItems on table readings-acme-7: the transaction was cancelled (ValidationError)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aws_error_that_escaped_the_tables_still_names_its_service()
    {
        Assert.Equal("Dependency.DynamoDB", ErrorTypes.For(new AmazonDynamoDBException("boom"), CancellationToken.None));
        Assert.Equal("Dependency.AWS", ErrorTypes.For(new AmazonClientException("Failed to resolve AWS credentials"), CancellationToken.None));
    }

    private static ReadingTable Table(Exception failure) => new(FailingDynamoDb.Create(failure), Names);

    /// <summary>A DynamoDB client every call of which fails with one exception, as the real client's task would.</summary>
    public class FailingDynamoDb : DispatchProxy
    {
        private static readonly MethodInfo FromException = typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethod);

        private Exception _failure = null!;

        public static IAmazonDynamoDB Create(Exception failure)
        {
            var proxy = Create<IAmazonDynamoDB, FailingDynamoDb>();
            ((FailingDynamoDb)(object)proxy)._failure = failure;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (args?.LastOrDefault() is CancellationToken { IsCancellationRequested: true } cancelled)
            {
                return FromException.MakeGenericMethod(targetMethod!.ReturnType.GetGenericArguments()[0]).Invoke(null, [new TaskCanceledException("cancelled", null, cancelled)]);
            }

            return targetMethod!.ReturnType.IsGenericType && targetMethod.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                ? FromException.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [_failure])
                : throw new NotSupportedException(targetMethod.Name);
        }
    }
}
