using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Data;

/// <summary>
/// Writes to one or more tables that all happen or none do (TransactWriteItems, at most 100 items). Versions are
/// checked and incremented as in single writes; a failed check cancels the whole transaction.
/// </summary>
public sealed class DynamoTransaction(IAmazonDynamoDB client)
{
    private const int MaxItems = 100;

    private readonly List<TransactWriteItem> _items = [];
    private readonly List<Func<Exception, Exception>> _failures = [];

    /// <summary>The tables written, for messages.</summary>
    private string Tables => DynamoCall.Tables(_items.Select(i => i.Put?.TableName ?? i.Delete?.TableName ?? i.Update?.TableName ?? i.ConditionCheck?.TableName ?? "?"));

    /// <summary>Number of writes so far.</summary>
    public int Count => _items.Count;

    /// <summary>Puts <paramref name="entity"/>; returns it as it will be stored (with its new version).</summary>
    public T Put<T>(DynamoTable<T> table, T entity, PutOptions? options = null)
        where T : IDynamoEntity<T>
    {
        var (put, stored) = table.BuildPut(entity, options);
        Add(new TransactWriteItem { Put = put }, inner => table.ConditionFailure(put.Item, T.VersionOf(entity), options?.OnlyIfAbsent == true, inner));
        return stored;
    }

    /// <summary>Deletes <paramref name="entity"/>'s item (checking its version, if it has one).</summary>
    public DynamoTransaction Delete<T>(DynamoTable<T> table, T entity)
        where T : IDynamoEntity<T>
    {
        var key = T.KeyOf(entity);
        var version = T.VersionOf(entity);
        Add(new TransactWriteItem { Delete = table.BuildDelete(key, version) }, inner => table.ConditionFailure(key, version, false, inner));
        return this;
    }

    /// <summary>Updates the item with <paramref name="key"/> (from the entity's generated <c>Key</c> helper).</summary>
    public DynamoTransaction Update<T>(DynamoTable<T> table, Dictionary<string, AttributeValue> key, DynamoUpdate<T> update, long? expectedVersion = null)
        where T : IDynamoEntity<T>
    {
        Add(new TransactWriteItem { Update = table.BuildUpdate(key, update, expectedVersion) }, inner => table.ConditionFailure(key, expectedVersion, false, inner));
        return this;
    }

    /// <summary>Commits every write, or none.</summary>
    /// <exception cref="VersionConflictException">A versioned item had changed; nothing was written.</exception>
    /// <exception cref="ConditionFailedException">Another condition failed; nothing was written.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_items.Count == 0)
        {
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await DynamoCall.RunAsync(client, "TransactWriteItems", Tables, new TransactWriteItemsRequest { TransactItems = _items },
                    static (client, request, ct) => client.TransactWriteItemsAsync(request, ct), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TransactionCanceledException exception) when (exception.CancellationReasons is { } reasons)
            {
                // DynamoDB lists a reason per item, in order; the first failed condition says which write was stale.
                var failed = reasons.FindIndex(r => r.Code == "ConditionalCheckFailed");
                if (failed >= 0)
                {
                    throw _failures[failed](exception);
                }

                // Another transaction touched the same item at the same moment (two functions counting one device):
                // nothing was written, so the whole transaction is simply tried again.
                if (reasons.Exists(r => r.Code == "TransactionConflict") && attempt + 1 < DynamoRetry.MaxAttempts)
                {
                    await DynamoRetry.BackoffAsync(attempt + 1, "TransactWriteItems", Tables, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // Cancelled for another reason (a validation error, capacity, a conflict that did not clear): DynamoDB's
                // failure, named with the tables and the reasons it gave.
                throw new DependencyException(DynamoCall.Service, "TransactWriteItems", Tables,
                    $"the transaction was cancelled ({string.Join(", ", reasons.Select(r => r.Code).Where(c => c is { Length: > 0 } && c != "None").Distinct())}): {exception.Message}",
                    isThrottled: reasons.Exists(r => r.Code is "ThrottlingError" or "ProvisionedThroughputExceeded"), exception);
            }
            catch (TransactionCanceledException exception)
            {
                throw DependencyException.From(DynamoCall.Service, "TransactWriteItems", Tables, exception);
            }
        }
    }

    private void Add(TransactWriteItem item, Func<Exception, Exception> failure)
    {
        if (_items.Count == MaxItems)
        {
            throw new InvalidOperationException($"A transaction holds at most {MaxItems} writes.");
        }

        _items.Add(item);
        _failures.Add(failure);
    }
}
