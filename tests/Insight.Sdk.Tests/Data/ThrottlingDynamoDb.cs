using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Tests.Data;

/// <summary>
/// The real DynamoDB Local client, except that the first batch writes answer as a throttled DynamoDB does: part of the
/// batch written, the rest returned as UnprocessedItems. DynamoDB Local never throttles, so this is how the retry path
/// meets a real server.
/// </summary>
public class ThrottlingDynamoDb : DispatchProxy
{
    private IAmazonDynamoDB _inner = null!;
    private int _unprocessedBatches;
    private int _calls;

    public static IAmazonDynamoDB Wrap(IAmazonDynamoDB inner, int unprocessedBatches)
    {
        var proxy = Create<IAmazonDynamoDB, ThrottlingDynamoDb>();
        var self = (ThrottlingDynamoDb)(object)proxy;
        self._inner = inner;
        self._unprocessedBatches = unprocessedBatches;
        return proxy;
    }

    public static int Calls(IAmazonDynamoDB proxy) => ((ThrottlingDynamoDb)(object)proxy)._calls;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == nameof(IAmazonDynamoDB.BatchWriteItemAsync) && args?[0] is BatchWriteItemRequest request)
        {
            Interlocked.Increment(ref _calls);
            if (Interlocked.Decrement(ref _unprocessedBatches) >= 0)
            {
                return WriteHalfAsync(request, (CancellationToken)args[1]!);
            }
        }

        return targetMethod!.Invoke(_inner, args);
    }

    private async Task<BatchWriteItemResponse> WriteHalfAsync(BatchWriteItemRequest request, CancellationToken cancellationToken)
    {
        var (table, writes) = request.RequestItems.Single();
        var half = writes.Count / 2;
        await _inner.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = writes.Take(half).ToList() } }, cancellationToken);
        return new BatchWriteItemResponse { UnprocessedItems = new() { [table] = writes.Skip(half).ToList() } };
    }
}
