using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Insight.Sdk.Data;
using Insight.Sdk.Data.Wire;
using Insight.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Insight.Sdk.Tests.Wire;

/// <summary>
/// The registered direct client against DynamoDB Local, through the endpoint override the functions use: items it writes
/// are the SDK's items, and DynamoDB's own failures come back as the SDK's exceptions. DynamoDB Local accepts any
/// well-formed signature (checked: a tampered one passes), so the signature itself is proven by SigV4SignerTests.
/// </summary>
[Collection(LocalDynamoDbCollection.Name)]
public sealed class DynamoWireLocalTests(LocalDynamoDb dynamo)
{
    private async Task<(IDynamoWire Wire, string Table)> WireWithTableAsync()
    {
        var table = $"wire-{Guid.NewGuid():N}";
        await dynamo.Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
        });
        var environment = new Dictionary<string, string?>
        {
            [DynamoServiceCollectionExtensions.EndpointVariable] = dynamo.Client.Config.ServiceURL,
            ["AWS_REGION"] = "eu-central-1",
        };
        var provider = new ServiceCollection()
            .AddSingleton(new FunctionEnvironment(environment.GetValueOrDefault))
            .AddInsightDynamoDb()
            .BuildServiceProvider();
        return (provider.GetRequiredService<IDynamoWire>(), table);
    }

    [Fact]
    public async Task An_item_put_through_the_wire_is_read_back_by_the_sdk_and_the_wire()
    {
        var (wire, table) = await WireWithTableAsync();

        await PutAsync(wire, table, "dev-1", 7, onlyIfAbsent: true);

        var stored = (await dynamo.Client.GetItemAsync(table, new() { ["pk"] = new AttributeValue("dev-1") }, consistentRead: true)).Item;
        Assert.Equal("7", stored["count"].N);
        Assert.Equal("Zürich", stored["site"].S);

        var read = await wire.SendAsync("GetItem", table, table,
            static (writer, t) =>
            {
                writer.WriteStartObject();
                writer.WriteString("TableName", t);
                writer.WriteBoolean("ConsistentRead", true);
                writer.WritePropertyName("Key");
                writer.WriteRawValue("""{"pk":{"S":"dev-1"}}""");
                writer.WriteEndObject();
            },
            static (body, _) =>
            {
                using var json = JsonDocument.Parse(body.ToArray());
                var item = json.RootElement.GetProperty("Item");
                return (Count: item.GetProperty("count").GetProperty("N").GetString(), Site: item.GetProperty("site").GetProperty("S").GetString());
            },
            CancellationToken.None);
        Assert.Equal(("7", "Zürich"), read);
    }

    [Fact]
    public async Task A_failed_condition_on_dynamodb_local_is_the_sdks_exception_with_the_old_item()
    {
        var (wire, table) = await WireWithTableAsync();
        await PutAsync(wire, table, "dev-1", 1, onlyIfAbsent: true);

        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => PutAsync(wire, table, "dev-1", 2, onlyIfAbsent: true));

        Assert.Equal("ConditionalCheckFailedException", error.ErrorCode);
        Assert.Equal("1", error.Item["count"].N);
    }

    [Fact]
    public async Task A_cancelled_transaction_on_dynamodb_local_names_its_reasons()
    {
        var (wire, table) = await WireWithTableAsync();
        await PutAsync(wire, table, "dev-1", 1, onlyIfAbsent: true);

        var error = await Assert.ThrowsAsync<TransactionCanceledException>(() => wire.SendAsync("TransactWriteItems", table, table,
            static (writer, t) =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("TransactItems");
                foreach (var pk in new[] { "dev-2", "dev-1" })
                {
                    writer.WriteStartObject();
                    writer.WriteStartObject("Put");
                    writer.WriteString("TableName", t);
                    writer.WritePropertyName("Item");
                    writer.WriteRawValue($$$"""{"pk":{"S":"{{{pk}}}"}}""");
                    writer.WriteString("ConditionExpression", "attribute_not_exists(pk)");
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            },
            static (_, _) => true, CancellationToken.None).AsTask());

        Assert.Equal(new[] { "None", "ConditionalCheckFailed" }, error.CancellationReasons.Select(r => r.Code));
    }

    [Fact]
    public async Task A_missing_table_on_dynamodb_local_is_a_dependency_error_naming_it()
    {
        var (wire, _) = await WireWithTableAsync();

        var error = await Assert.ThrowsAsync<DependencyException>(() => wire.GetItemAsync("no-such-table", "a").AsTask());

        Assert.IsType<ResourceNotFoundException>(error.InnerException);
        Assert.StartsWith("GetItem on table no-such-table: the table does not exist in this account and region", error.Message, StringComparison.Ordinal);
    }

    private static Task<bool> PutAsync(IDynamoWire wire, string table, string pk, int count, bool onlyIfAbsent) =>
        wire.SendAsync("PutItem", table, (Table: table, Pk: pk, Count: count, OnlyIfAbsent: onlyIfAbsent),
            static (writer, s) =>
            {
                writer.WriteStartObject();
                writer.WriteString("TableName", s.Table);
                writer.WriteStartObject("Item");
                writer.WriteStartObject("pk");
                writer.WriteString("S", s.Pk);
                writer.WriteEndObject();
                writer.WriteStartObject("count");
                writer.WriteString("N", s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                writer.WriteStartObject("site");
                writer.WriteString("S", "Zürich");
                writer.WriteEndObject();
                writer.WriteEndObject();
                if (s.OnlyIfAbsent)
                {
                    writer.WriteString("ConditionExpression", "attribute_not_exists(pk)");
                    writer.WriteString("ReturnValuesOnConditionCheckFailure", "ALL_OLD");
                }

                writer.WriteEndObject();
            },
            static (_, _) => true, CancellationToken.None).AsTask();
}
