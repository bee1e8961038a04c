using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Insight.Sdk.Data.Wire;

namespace Insight.Sdk.Data;

/// <summary>
/// Read and write access to one table: everything <see cref="DynamoReader{T}"/> does, plus put (optionally only if
/// absent), update with typed expressions, delete, batch write and transactional writes. A <see cref="VersionAttribute"/>
/// is checked and incremented on every one of these writes. With an <see cref="IDynamoWire"/>, put and delete (as get and
/// query) speak DynamoDB's JSON directly; update, batch writes and transactions go through the AWS SDK's client.
/// </summary>
public abstract class DynamoTable<T> : DynamoReader<T>
    where T : IDynamoEntity<T>
{
    /// <summary>BatchWriteItem takes at most 25 requests per call.</summary>
    private const int BatchWriteLimit = 25;

    /// <summary>Creates the table; the physical name is resolved once, here.</summary>
    protected DynamoTable(IAmazonDynamoDB client, DynamoTableNames names)
        : base(client, names)
    {
    }

    /// <summary>Creates the table; with <paramref name="wire"/>, get, query, put and delete take the direct path.</summary>
    protected DynamoTable(IAmazonDynamoDB client, DynamoTableNames names, IDynamoWire? wire)
        : base(client, names, wire)
    {
    }

    /// <summary>A transaction on this table's client, to which writes to this and other tables can be added.</summary>
    public DynamoTransaction BeginTransaction() => new(Client);

    /// <summary>Stores <paramref name="entity"/> and returns it as stored (with its new version, if it has one).</summary>
    /// <exception cref="VersionConflictException">The stored version is not the one <paramref name="entity"/> carries.</exception>
    /// <exception cref="ConditionFailedException">With <see cref="PutOptions.OnlyIfAbsent"/>: the item exists.</exception>
    public async Task<T> PutAsync(T entity, PutOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Wire is { } wire)
        {
            var plan = PlanPut(entity, options);
            try
            {
                await wire.SendAsync("PutItem", TableName, (TableName, plan), WirePut.Write, WirePut.Read, cancellationToken).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException exception)
            {
                throw ConditionFailure(T.KeyOf(entity), plan.Expected, plan.OnlyIfAbsent, exception);
            }

            return plan.Stored;
        }

        var (put, stored) = BuildPut(entity, options);
        try
        {
            await DynamoCall.RunAsync(Client, "PutItem", DynamoCall.Table(TableName), new PutItemRequest
            {
                TableName = TableName,
                Item = put.Item,
                ConditionExpression = put.ConditionExpression,
                ExpressionAttributeNames = put.ExpressionAttributeNames,
                ExpressionAttributeValues = put.ExpressionAttributeValues,
            }, static (client, request, ct) => client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException exception)
        {
            throw ConditionFailure(put.Item, T.VersionOf(entity), options?.OnlyIfAbsent == true, exception);
        }

        return stored;
    }

    /// <summary>
    /// Stores <paramref name="entity"/> only if no item has its key; <c>false</c> when one does. The idempotent write for
    /// at-least-once delivery: a redelivered event finds its item and is not counted twice.
    /// </summary>
    public async Task<bool> TryPutNewAsync(T entity, CancellationToken cancellationToken = default)
    {
        try
        {
            await PutAsync(entity, new PutOptions { OnlyIfAbsent = true }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionFailedException)
        {
            return false;
        }
    }

    /// <summary>Deletes <paramref name="entity"/>'s item; with a version, only if the stored version is the same.</summary>
    /// <returns>Whether an item was deleted.</returns>
    public Task<bool> DeleteAsync(T entity, CancellationToken cancellationToken = default) =>
        DeleteItemAsync(T.KeyOf(entity), T.VersionOf(entity), cancellationToken);

    /// <summary>Writes many items with as few requests as possible, asking again for what DynamoDB leaves unprocessed.</summary>
    /// <exception cref="NotSupportedException">The entity has a version: BatchWriteItem cannot check it; use <see cref="DynamoTransaction"/>.</exception>
    public async Task BatchWriteAsync(IEnumerable<T> puts, IEnumerable<T>? deletes = null, CancellationToken cancellationToken = default)
    {
        if (Schema.VersionAttribute is not null)
        {
            throw new NotSupportedException($"{Schema.TableName} items carry a version, which BatchWriteItem cannot check; write them with PutAsync or a DynamoTransaction.");
        }

        var requests = puts.Select(e => new WriteRequest { PutRequest = new PutRequest { Item = T.ToItem(e) } })
            .Concat((deletes ?? []).Select(e => new WriteRequest { DeleteRequest = new DeleteRequest { Key = T.KeyOf(e) } }));
        foreach (var chunk in requests.Chunk(BatchWriteLimit))
        {
            var pending = new Dictionary<string, List<WriteRequest>> { [TableName] = [.. chunk] };
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                if (attempt > 0)
                {
                    await DynamoRetry.BackoffAsync(attempt, "BatchWriteItem", DynamoCall.Table(TableName), cancellationToken).ConfigureAwait(false);
                }

                var response = await DynamoCall.RunAsync(Client, "BatchWriteItem", DynamoCall.Table(TableName), new BatchWriteItemRequest { RequestItems = pending },
                    static (client, request, ct) => client.BatchWriteItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
                pending = response.UnprocessedItems is { Count: > 0 } unprocessed ? unprocessed : [];
            }
        }
    }

    /// <summary>Deletes the item with <paramref name="key"/>; with <paramref name="expectedVersion"/>, only if the stored version matches.</summary>
    protected async Task<bool> DeleteItemAsync(Dictionary<string, AttributeValue> key, long? expectedVersion, CancellationToken cancellationToken)
    {
        var delete = BuildDelete(key, expectedVersion);
        if (Wire is { } wire)
        {
            try
            {
                return await wire.SendAsync("DeleteItem", TableName, delete, WireDelete.Write, WireDelete.Read, cancellationToken).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException exception)
            {
                throw ConditionFailure(key, expectedVersion, onlyIfAbsent: false, exception);
            }
        }

        try
        {
            var response = await DynamoCall.RunAsync(Client, "DeleteItem", DynamoCall.Table(TableName), new DeleteItemRequest
            {
                TableName = TableName,
                Key = key,
                ConditionExpression = delete.ConditionExpression,
                ExpressionAttributeNames = delete.ExpressionAttributeNames,
                ExpressionAttributeValues = delete.ExpressionAttributeValues,
                ReturnValues = ReturnValue.ALL_OLD,
            }, static (client, request, ct) => client.DeleteItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return response.Attributes is { Count: > 0 };
        }
        catch (ConditionalCheckFailedException exception)
        {
            throw ConditionFailure(key, expectedVersion, onlyIfAbsent: false, exception);
        }
    }

    /// <summary>
    /// Applies <paramref name="update"/> to the item with <paramref name="key"/> (creating it if absent) and returns the
    /// item as it now is. A version is incremented; with <paramref name="expectedVersion"/> it is also checked.
    /// </summary>
    protected async Task<T> UpdateItemAsync(Dictionary<string, AttributeValue> key, DynamoUpdate<T> update, long? expectedVersion, CancellationToken cancellationToken)
    {
        var request = BuildUpdate(key, update, expectedVersion);
        try
        {
            var response = await DynamoCall.RunAsync(Client, "UpdateItem", DynamoCall.Table(TableName), new UpdateItemRequest
            {
                TableName = TableName,
                Key = key,
                UpdateExpression = request.UpdateExpression,
                ConditionExpression = request.ConditionExpression,
                ExpressionAttributeNames = request.ExpressionAttributeNames,
                ExpressionAttributeValues = request.ExpressionAttributeValues,
                ReturnValues = ReturnValue.ALL_NEW,
            }, static (client, request, ct) => client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return T.FromItem(response.Attributes);
        }
        catch (ConditionalCheckFailedException exception)
        {
            throw ConditionFailure(key, expectedVersion, onlyIfAbsent: false, exception);
        }
    }

    internal (Put Put, T Stored) BuildPut(T entity, PutOptions? options)
    {
        var plan = PlanPut(entity, options);
        var item = T.ToItem(plan.Stored);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        if (Schema.VersionAttribute is { } versionAttribute)
        {
            names["#v"] = versionAttribute;
            if (plan.Expected is { } expected)
            {
                values[":v"] = DynamoValue.FromNumber(expected);
            }
        }

        if (plan.OnlyIfAbsent)
        {
            names["#pk"] = Schema.PartitionKey;
        }

        return (new Put
        {
            TableName = TableName,
            Item = item,
            ConditionExpression = plan.Condition,
            ExpressionAttributeNames = names.Count == 0 ? null : names,
            ExpressionAttributeValues = values.Count == 0 ? null : values,
        }, plan.Stored);
    }

    /// <summary>
    /// What a put stores and on what condition: as DynamoDBContext does, a new item starts at version 0 and each write
    /// expects the version it read (<c>#v</c>, <c>:v</c>); only-if-absent needs no item with the key (<c>#pk</c>).
    /// </summary>
    internal static PutPlan PlanPut(T entity, PutOptions? options)
    {
        var onlyIfAbsent = options?.OnlyIfAbsent == true;
        string? condition = onlyIfAbsent ? "attribute_not_exists(#pk)" : null;
        if (Schema.VersionAttribute is null)
        {
            return new PutPlan(entity, null, onlyIfAbsent, condition);
        }

        var current = T.VersionOf(entity);
        var versionCondition = current is null ? "attribute_not_exists(#v)" : "#v = :v";
        return new PutPlan(
            T.WithVersion(entity, current is null ? 0 : current.Value + 1),
            current,
            onlyIfAbsent,
            condition is null ? versionCondition : versionCondition + " AND " + condition);
    }

    /// <summary>The stored entity, the version the write expects, and the condition expression.</summary>
    internal readonly record struct PutPlan(T Stored, long? Expected, bool OnlyIfAbsent, string? Condition);

    internal Delete BuildDelete(Dictionary<string, AttributeValue> key, long? expectedVersion) =>
        Schema.VersionAttribute is { } versionAttribute && expectedVersion is { } version
            ? new Delete
            {
                TableName = TableName,
                Key = key,
                ConditionExpression = "#v = :v",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#v"] = versionAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = DynamoValue.FromNumber(version) },
            }
            : new Delete { TableName = TableName, Key = key };

    internal Update BuildUpdate(Dictionary<string, AttributeValue> key, DynamoUpdate<T> update, long? expectedVersion)
    {
        if (update.IsEmpty)
        {
            throw new ArgumentException("The update changes nothing.", nameof(update));
        }

        string? condition = null;
        if (Schema.VersionAttribute is { } versionAttribute)
        {
            update.AddVersionIncrement(versionAttribute);
            if (expectedVersion is { } version)
            {
                condition = $"{update.Name(versionAttribute)} = {update.Value(DynamoValue.FromNumber(version))}";
            }
        }

        if (Schema.EntityType is not null)
        {
            // An update may create the item, so it writes the discriminator too, and never turns another type's item into this one.
            var name = update.Name(Schema.DiscriminatorAttribute!);
            var value = update.Value(new AttributeValue { S = Schema.EntityType });
            update.AddSetClause($"{name} = {value}");
            var sameType = $"(attribute_not_exists({name}) OR {name} = {value})";
            condition = condition is null ? sameType : $"{condition} AND {sameType}";
        }

        return new Update
        {
            TableName = TableName,
            Key = key,
            UpdateExpression = update.Expression(),
            ConditionExpression = condition,
            ExpressionAttributeNames = update.Names,
            ExpressionAttributeValues = update.Values,
        };
    }

    internal Exception ConditionFailure(Dictionary<string, AttributeValue> itemOrKey, long? expectedVersion, bool onlyIfAbsent, Exception inner)
    {
        var key = Schema.DescribeKey(itemOrKey);
        return Schema.VersionAttribute is not null && !onlyIfAbsent
            ? new VersionConflictException(Schema.TableName, key, expectedVersion, inner)
            : new ConditionFailedException(Schema.TableName, key, onlyIfAbsent ? "only if absent" : "of this write", inner);
    }

    /// <summary>A PutItem request written straight from the entity.</summary>
    private static class WirePut
    {
        public static void Write(Utf8JsonWriter writer, (string Table, PutPlan Plan) put)
        {
            writer.WriteStartObject();
            writer.WriteString("TableName"u8, put.Table);
            writer.WritePropertyName("Item"u8);
            T.WriteItem(writer, put.Plan.Stored);
            if (put.Plan.Condition is { } condition)
            {
                writer.WriteString("ConditionExpression"u8, condition);
                writer.WriteStartObject("ExpressionAttributeNames"u8);
                if (Schema.VersionAttribute is { } versionAttribute)
                {
                    writer.WriteString("#v"u8, versionAttribute);
                }

                if (put.Plan.OnlyIfAbsent)
                {
                    writer.WriteString("#pk"u8, Schema.PartitionKey);
                }

                writer.WriteEndObject();
                if (put.Plan.Expected is { } expected)
                {
                    writer.WriteStartObject("ExpressionAttributeValues"u8);
                    writer.WritePropertyName(":v"u8);
                    DynamoJson.WriteNumber(writer, expected);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndObject();
        }

        public static bool Read(ReadOnlySpan<byte> body, (string Table, PutPlan Plan) put) => true;
    }

    /// <summary>A DeleteItem request, written from the same <see cref="Delete"/> the client path sends; whether it deleted an item.</summary>
    private static class WireDelete
    {
        public static void Write(Utf8JsonWriter writer, Delete delete)
        {
            writer.WriteStartObject();
            writer.WriteString("TableName"u8, delete.TableName);
            writer.WritePropertyName("Key"u8);
            DynamoJson.WriteAttributes(writer, delete.Key);
            if (delete.ConditionExpression is { } condition)
            {
                writer.WriteString("ConditionExpression"u8, condition);
                DynamoJson.WriteExpressionAttributes(writer, delete.ExpressionAttributeNames, delete.ExpressionAttributeValues);
            }

            writer.WriteString("ReturnValues"u8, "ALL_OLD"u8);
            writer.WriteEndObject();
        }

        public static bool Read(ReadOnlySpan<byte> body, Delete delete)
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Attributes"u8))
                {
                    // ALL_OLD: the deleted item, or nothing when there was none.
                    return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType == JsonTokenType.PropertyName;
                }

                reader.Read();
                reader.Skip();
            }

            return false;
        }
    }
}
