using System.CommandLine;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Insight.Local.Client;

namespace Insight.Cli.Commands;

/// <summary>
/// <c>insight items</c>: every item of one table of one tenant of the running <c>insight local</c>, one JSON object a
/// line, read as that tenant's own account (DynamoDB Local keeps each account's tables apart by access key id).
/// </summary>
internal static class ItemsCommand
{
    // DynamoDB Local does not check the secret; the access key id selects the account's tables.
    private const string Secret = "local";

    /// <summary>The command, writing items to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant whose table to read (a tenant of the running local)", Required = true };
        var table = new Option<string>("--table")
        {
            Description = "Service/Table: the table as the service's manifest names it ([DynamoTable(\"Name\")]) or its logical id in the service's template",
            Required = true,
        };
        var state = new Option<string?>("--state") { Description = $"The local run's state file (default: ${LocalRunStateFile.EnvironmentVariable}, else .insight/local/run.json at or above this folder)" };
        var command = new Command("items", "Print every item of a tenant's table in the running insight local, one JSON object a line") { tenant, table, state };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var err = error ?? Console.Error;
            var name = parse.GetValue(table)!;
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == name.Length - 1)
            {
                err.WriteLine($"--table {name}: write Service/Table, for example Orders/OrdersRecords.");
                return 1;
            }

            try
            {
                var run = LocalRunStateFile.Load(parse.GetValue(state), Environment.CurrentDirectory);
                var account = run.Tenant(parse.GetValue(tenant)!);
                var physical = account.PhysicalTableName(name[..slash], name[(slash + 1)..]);
                using var client = new AmazonDynamoDBClient(
                    new BasicAWSCredentials(account.DynamoDbAccessKeyId, Secret),
                    new AmazonDynamoDBConfig { ServiceURL = run.DynamoDbUrl, AuthenticationRegion = account.RegionOrDefault });
                await foreach (var page in client.Paginators.Scan(new ScanRequest { TableName = physical }).Responses.WithCancellation(cancellationToken))
                {
                    foreach (var item in page.Items ?? [])
                    {
                        (output ?? Console.Out).WriteLine(ToJson(item));
                    }
                }

                return 0;
            }
            catch (Exception exception) when (exception is LocalRunNotFoundException or AmazonServiceException or HttpRequestException)
            {
                err.WriteLine(exception.Message);
                return 1;
            }
        });
        return command;
    }

    /// <summary>An item as plain JSON: strings, numbers, booleans, null, lists, maps; sets as lists; binary as base64.</summary>
    internal static string ToJson(Dictionary<string, AttributeValue> item)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteMap(writer, item);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMap(Utf8JsonWriter writer, Dictionary<string, AttributeValue> map)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in map.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        switch (value)
        {
            case { S: { } text }:
                writer.WriteStringValue(text);
                break;
            case { N: { } number }:
                writer.WriteRawValue(number);
                break;
            case { BOOL: { } flag }:
                writer.WriteBooleanValue(flag);
                break;
            case { NULL: true }:
                writer.WriteNullValue();
                break;
            case { M: { } map }:
                WriteMap(writer, map);
                break;
            case { L: { } list }:
                writer.WriteStartArray();
                list.ForEach(element => WriteValue(writer, element));
                writer.WriteEndArray();
                break;
            case { SS: { Count: > 0 } strings }:
                writer.WriteStartArray();
                strings.ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                break;
            case { NS: { Count: > 0 } numbers }:
                writer.WriteStartArray();
                numbers.ForEach(number => writer.WriteRawValue(number));
                writer.WriteEndArray();
                break;
            case { B: { } bytes }:
                writer.WriteBase64StringValue(bytes.ToArray());
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
