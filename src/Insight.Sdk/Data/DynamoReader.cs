using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Insight.Sdk.Data.Wire;

namespace Insight.Sdk.Data;

/// <summary>
/// Read access to one table: get, query (by key and by index, paged as an async stream) and batch get. A function
/// whose handler takes only readers gets only read permissions. With an <see cref="IDynamoWire"/>, get and query speak
/// DynamoDB's JSON directly (the entity's generated <c>WriteItem</c>/<c>ReadItem</c>); without one, and for the other
/// operations, they go through the AWS SDK's client.
/// </summary>
public abstract class DynamoReader<T>
    where T : IDynamoEntity<T>
{
    /// <summary>BatchGetItem takes at most 100 keys per request.</summary>
    private const int BatchGetLimit = 100;

    /// <summary>Creates the reader; the physical table name is resolved once, here.</summary>
    protected DynamoReader(IAmazonDynamoDB client, DynamoTableNames names)
        : this(client, names, wire: null)
    {
    }

    /// <summary>Creates the reader; with <paramref name="wire"/>, get and query take the direct path.</summary>
    protected DynamoReader(IAmazonDynamoDB client, DynamoTableNames names, IDynamoWire? wire)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(names);
        Client = client;
        Wire = wire;
        TableName = names.Resolve(T.Schema.TableName);
    }

    /// <summary>The physical table name.</summary>
    public string TableName { get; }

    /// <summary>The DynamoDB client.</summary>
    protected IAmazonDynamoDB Client { get; }

    /// <summary>DynamoDB spoken directly, when the service has it; <c>null</c> sends everything through <see cref="Client"/>.</summary>
    protected IDynamoWire? Wire { get; }

    /// <summary>The schema the entity declares.</summary>
    protected static DynamoSchema Schema => T.Schema;

    /// <summary>The item with <paramref name="key"/>, or <c>null</c>.</summary>
    protected async Task<T?> GetItemAsync(Dictionary<string, AttributeValue> key, bool consistentRead, CancellationToken cancellationToken)
    {
        if (Wire is { } wire)
        {
            return await wire.SendAsync("GetItem", TableName, new WireGet(TableName, key, consistentRead), WireGet.Write, WireGet.Read, cancellationToken).ConfigureAwait(false);
        }

        var response = await DynamoCall.RunAsync(Client, "GetItem", DynamoCall.Table(TableName), new GetItemRequest { TableName = TableName, Key = key, ConsistentRead = consistentRead },
            static (client, request, ct) => client.GetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item && IsOwnType(item) ? T.FromItem(item) : default;
    }

    /// <summary>
    /// Every item whose partition key is <paramref name="partitionValue"/> and whose sort key meets
    /// <paramref name="sortCondition"/>, page by page, until the results or <see cref="QueryOptions.Limit"/> run out.
    /// </summary>
    protected async IAsyncEnumerable<T> QueryItemsAsync<TSort>(
        string? indexName,
        AttributeValue partitionValue,
        KeyCondition<TSort>? sortCondition,
        Func<TSort, AttributeValue?>? sortValue,
        QueryOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= new QueryOptions();
        var (partitionKey, sortKey) = KeysOf(indexName);
        var request = new QueryRequest
        {
            TableName = TableName,
            IndexName = indexName,
            ScanIndexForward = !options.Descending,
            ConsistentRead = options.ConsistentRead ? true : null,
            Limit = options.PageSize,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = partitionKey },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = partitionValue },
        };

        if (sortCondition is not null)
        {
            if (sortKey is null || sortValue is null)
            {
                throw new InvalidOperationException($"{(indexName ?? Schema.TableName)} has no sort key to put a condition on.");
            }

            request.ExpressionAttributeNames["#sk"] = sortKey;
            request.ExpressionAttributeValues[":sk1"] = sortValue(sortCondition.First) ?? throw new ArgumentException("The sort key condition needs a value.");
            if (sortCondition.Operator == "BETWEEN")
            {
                request.ExpressionAttributeValues[":sk2"] = sortValue(sortCondition.Second!) ?? throw new ArgumentException("The sort key condition needs a second value.");
            }

            request.KeyConditionExpression += " AND " + sortCondition.ToExpression("#sk", ":sk1", ":sk2");
        }

        if (Schema.EntityType is not null)
        {
            // Several entity types share this table: a query returns only this type's items.
            request.FilterExpression = "#et = :et";
            request.ExpressionAttributeNames["#et"] = Schema.DiscriminatorAttribute!;
            request.ExpressionAttributeValues[":et"] = new AttributeValue { S = Schema.EntityType };
        }

        var remaining = options.Limit ?? int.MaxValue;
        if (Wire is { } wire)
        {
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = await wire.SendAsync("Query", TableName, request, WireQuery.Write, WireQuery.Read, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    yield return item;
                    if (--remaining == 0)
                    {
                        yield break;
                    }
                }

                request.ExclusiveStartKey = page.LastEvaluatedKey;
            }
            while (request.ExclusiveStartKey is not null);
            yield break;
        }

        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await DynamoCall.RunAsync(Client, "Query", DynamoCall.Table(TableName), request,
                static (client, request, ct) => client.QueryAsync(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                yield return T.FromItem(item);
                if (--remaining == 0)
                {
                    yield break;
                }
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
    }

    /// <summary>
    /// The items with these keys, in no particular order; keys without an item are skipped. Keys DynamoDB leaves
    /// unprocessed (throttling) are asked for again with backoff.
    /// </summary>
    protected async Task<IReadOnlyList<T>> BatchGetItemsAsync(IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        foreach (var chunk in keys.Chunk(BatchGetLimit))
        {
            var pending = new Dictionary<string, KeysAndAttributes> { [TableName] = new KeysAndAttributes { Keys = [.. chunk] } };
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                if (attempt > 0)
                {
                    await DynamoRetry.BackoffAsync(attempt, "BatchGetItem", DynamoCall.Table(TableName), cancellationToken).ConfigureAwait(false);
                }

                var response = await DynamoCall.RunAsync(Client, "BatchGetItem", DynamoCall.Table(TableName), new BatchGetItemRequest { RequestItems = pending },
                    static (client, request, ct) => client.BatchGetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
                if (response.Responses?.TryGetValue(TableName, out var items) == true)
                {
                    results.AddRange(items.Where(IsOwnType).Select(T.FromItem));
                }

                pending = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : [];
            }
        }

        return results;
    }

    /// <summary>Where several entity types share the table, whether <paramref name="item"/> is this type.</summary>
    protected static bool IsOwnType(Dictionary<string, AttributeValue> item) =>
        Schema.EntityType is null || (item.TryGetValue(Schema.DiscriminatorAttribute!, out var type) && type.S == Schema.EntityType);

    /// <summary>Where several entity types share the table, whether the item the reader is on is this type (the reader does not move).</summary>
    private static bool IsOwnType(Utf8JsonReader item)
    {
        if (Schema.EntityType is null)
        {
            return true;
        }

        while (item.Read() && item.TokenType == JsonTokenType.PropertyName)
        {
            if (item.ValueTextEquals(Schema.DiscriminatorAttribute!))
            {
                item.Read();
                return DynamoJson.ReadValue(ref item).S == Schema.EntityType;
            }

            item.Read();
            item.Skip();
        }

        return false;
    }

    /// <summary>A GetItem request and the entity its response holds.</summary>
    private readonly record struct WireGet(string Table, Dictionary<string, AttributeValue> Key, bool ConsistentRead)
    {
        public static void Write(Utf8JsonWriter writer, WireGet get)
        {
            writer.WriteStartObject();
            writer.WriteString("TableName"u8, get.Table);
            writer.WritePropertyName("Key"u8);
            DynamoJson.WriteAttributes(writer, get.Key);
            if (get.ConsistentRead)
            {
                writer.WriteBoolean("ConsistentRead"u8, true);
            }

            writer.WriteEndObject();
        }

        public static T? Read(ReadOnlySpan<byte> body, WireGet get)
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                // Anything else would read as "no item": a broken answer must not pass for a missing item.
                throw new JsonException("The response is not in DynamoDB's JSON format: a GetItem answer is a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Item"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new JsonException("The response is not in DynamoDB's JSON format: the GetItem answer's Item is not a JSON object.");
                    }

                    var probe = reader;
                    var empty = probe.Read() && probe.TokenType == JsonTokenType.EndObject;
                    if (empty || !IsOwnType(reader))
                    {
                        return default;
                    }

                    // The response's own members are few; the item's are read by the reader made for them.
                    var item = new DynamoItemReader(body[(int)reader.TokenStartIndex..]);
                    return T.ReadItem(ref item);
                }

                reader.Read();
                reader.Skip();
            }

            return default;
        }
    }

    /// <summary>A Query request, written from the same <see cref="QueryRequest"/> the client path sends, and one page of its answer.</summary>
    private static class WireQuery
    {
        public static void Write(Utf8JsonWriter writer, QueryRequest request)
        {
            writer.WriteStartObject();
            writer.WriteString("TableName"u8, request.TableName);
            if (request.IndexName is { } index)
            {
                writer.WriteString("IndexName"u8, index);
            }

            writer.WriteString("KeyConditionExpression"u8, request.KeyConditionExpression);
            if (request.FilterExpression is { } filter)
            {
                writer.WriteString("FilterExpression"u8, filter);
            }

            DynamoJson.WriteExpressionAttributes(writer, request.ExpressionAttributeNames, request.ExpressionAttributeValues);
            if (request.ScanIndexForward == false)
            {
                writer.WriteBoolean("ScanIndexForward"u8, false);
            }

            if (request.ConsistentRead == true)
            {
                writer.WriteBoolean("ConsistentRead"u8, true);
            }

            if (request.Limit is { } limit)
            {
                writer.WriteNumber("Limit"u8, limit);
            }

            if (request.ExclusiveStartKey is { } start)
            {
                writer.WritePropertyName("ExclusiveStartKey"u8);
                DynamoJson.WriteAttributes(writer, start);
            }

            writer.WriteEndObject();
        }

        public static QueryPage Read(ReadOnlySpan<byte> body, QueryRequest request)
        {
            try
            {
                return ReadFast(body);
            }
            catch (DynamoJson.FastPathDeclinedException)
            {
                // A page whose own members are not as DynamoDB writes them (an escaped name): read it all the exact way.
                return ReadExact(body);
            }
        }

        /// <summary>The page through <see cref="DynamoItemReader"/>: an item it declines is read again by itself, the exact way.</summary>
        private static QueryPage ReadFast(ReadOnlySpan<byte> body)
        {
            var reader = new DynamoItemReader(body);
            reader.EnterObject();
            var items = new List<T>();
            Dictionary<string, AttributeValue>? last = null;
            while (reader.NextMember())
            {
                var name = reader.ReadName();
                if (name.SequenceEqual("Items"u8))
                {
                    reader.EnterArray();
                    while (reader.NextElement())
                    {
                        items.Add(T.ReadItem(ref reader));
                    }
                }
                else if (name.SequenceEqual("LastEvaluatedKey"u8))
                {
                    last = reader.ReadAttributes();
                }
                else
                {
                    reader.SkipValue();
                }
            }

            return new QueryPage(items, last is { Count: > 0 } ? last : null);
        }

        private static QueryPage ReadExact(ReadOnlySpan<byte> body)
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("The response is not in DynamoDB's JSON format: a Query answer is a JSON object.");
            }

            var items = new List<T>();
            Dictionary<string, AttributeValue>? last = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Items"u8))
                {
                    // Anything but an array of objects here would otherwise end the list early and lose the items after it.
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new JsonException("The response is not in DynamoDB's JSON format: the Query answer's Items is not an array.");
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new JsonException($"The response is not in DynamoDB's JSON format: item {items.Count} of the Query answer is not a JSON object.");
                        }

                        items.Add(T.FromItem(DynamoJson.ReadAttributes(ref reader)));
                    }
                }
                else if (reader.ValueTextEquals("LastEvaluatedKey"u8))
                {
                    reader.Read();
                    last = DynamoJson.ReadAttributes(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return new QueryPage(items, last is { Count: > 0 } ? last : null);
        }
    }

    private sealed record QueryPage(List<T> Items, Dictionary<string, AttributeValue>? LastEvaluatedKey);

    private static (string Partition, string? Sort) KeysOf(string? indexName)
    {
        if (indexName is null)
        {
            return (Schema.PartitionKey, Schema.SortKey);
        }

        var index = Schema.Indexes.FirstOrDefault(i => i.Name == indexName)
            ?? throw new ArgumentException($"{Schema.TableName} has no index {indexName}.", nameof(indexName));
        return (index.PartitionKey, index.SortKey);
    }
}

/// <summary>Backoff for the items DynamoDB leaves unprocessed under load.</summary>
internal static class DynamoRetry
{
    public const int MaxAttempts = 8;

    public static Task BackoffAsync(int attempt, string operation, string resource, CancellationToken cancellationToken)
    {
        if (attempt >= MaxAttempts)
        {
            // Throttled on every attempt: capacity, not an outage, and said so.
            throw new DependencyException(DynamoCall.Service, operation, resource,
                $"throttled: items were still unprocessed after {MaxAttempts} attempts; reduce the request rate or raise the table's capacity", isThrottled: true, inner: null);
        }

        // Full jitter, capped: spreads the retries of many functions that were throttled together.
        var ceiling = Math.Min(2_000, 25 * (1 << attempt));
        return Task.Delay(Random.Shared.Next(ceiling / 2, ceiling), cancellationToken);
    }
}
