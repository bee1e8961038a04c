using System.Net;
using System.Net.Http.Headers;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Insight.Local.DynamoDb;

namespace Insight.Benchmarks;

/// <summary>
/// DynamoDB's answers to the table benchmarks' requests, recorded once from DynamoDB Local (<see cref="RecordAsync"/>)
/// and checked in under Recorded/, then served from memory by <see cref="Handler"/> to both arms of a comparison.
/// </summary>
internal static class RecordedDynamoDb
{
    public const string Table = "BenchDevices";
    public const string GetDevice = "M2-0001";
    public const string GetReading = "2026-01-02T12:00:00Z";

    /// <summary>The item counts queried; each count's items sit in partition <c>Q{count}</c>.</summary>
    public static readonly int[] QuerySizes = [10, 100, 1_000];

    public static string Folder => Path.Combine(RepoPaths.Project, "Recorded");

    public static byte[] Response(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".json"));

    public static string QueryPartition(int count) => "Q" + count;

    /// <summary>The partition holding the 100 <see cref="BenchMixed"/> items that <c>QueryMixed100.json</c> answers.</summary>
    public const string MixedPartition = "pk_mixed";

    public const int MixedCount = 100;

    /// <summary>
    /// Starts DynamoDB Local, stores the items, and records the bodies of GetItem, PutItem, UpdateItem (DynamoDBContext's
    /// save) and Query (10, 100, 1,000 devices; 100 <see cref="BenchMixed"/> items)
    /// as the AWS SDK's client received them: <c>dotnet run -c Release --project tests/Insight.Benchmarks -- --record-dynamodb</c>.
    /// </summary>
    public static async Task RecordAsync()
    {
        await using var local = await DynamoDbLocal.StartAsync(Path.Combine(RepoPaths.Root, ".tools"));
        var recorder = new RecordingHandler(new HttpClientHandler());
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig
        {
            ServiceURL = local.ServiceUrl,
            AuthenticationRegion = "eu-central-1",
            HttpClientFactory = new HandlerHttpClientFactory(recorder),
        });
        await client.CreateTableAsync(BenchDevice.Schema.CreateTableRequest(Table));

        var sample = BenchDevice.Sample();
        await client.PutItemAsync(Table, BenchDevice.ToItem(sample));
        await Save(recorder, "PutItem");
        // DynamoDBContext saves with UpdateItem, not PutItem.
        using (var context = new DynamoDBContextBuilder().WithDynamoDBClient(() => client).ConfigureContext(c => c.DisableFetchingTableMetadata = true).Build())
        {
            await context.SaveAsync(BenchDeviceDocument.From(sample));
            await Save(recorder, "UpdateItem");
        }

        foreach (var count in QuerySizes)
        {
            for (var i = 0; i < count; i++)
            {
                var reading = sample with { DeviceId = QueryPartition(count), Reading = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i).ToString("O"), Scans = i };
                await client.PutItemAsync(Table, BenchDevice.ToItem(reading));
            }
        }

        await client.GetItemAsync(Table, BenchDevice.Key(GetDevice, GetReading));
        await Save(recorder, "GetItem");
        foreach (var count in QuerySizes)
        {
            var page = await client.QueryAsync(new QueryRequest
            {
                TableName = Table,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = "DeviceId" },
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = QueryPartition(count) } },
            });
            if (page.Items.Count != count || page.LastEvaluatedKey is { Count: > 0 })
            {
                throw new InvalidOperationException($"Query {count} answered {page.Items.Count} items in more than one page.");
            }

            await Save(recorder, "Query" + count);
        }

        await client.CreateTableAsync(BenchMixed.Schema.CreateTableRequest(BenchMixed.Schema.TableName));
        for (var i = 0; i < MixedCount; i++)
        {
            await client.PutItemAsync(BenchMixed.Schema.TableName, BenchMixed.ToItem(BenchMixed.Create(MixedPartition, i)));
        }

        var mixed = await client.QueryAsync(new QueryRequest
        {
            TableName = BenchMixed.Schema.TableName,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = "Pk" },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = MixedPartition } },
        });
        if (mixed.Items.Count != MixedCount || mixed.LastEvaluatedKey is { Count: > 0 })
        {
            throw new InvalidOperationException($"The mixed query answered {mixed.Items.Count} items in more than one page.");
        }

        await Save(recorder, "QueryMixed100");
    }

    private static async Task Save(RecordingHandler recorder, string name)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllBytesAsync(Path.Combine(Folder, name + ".json"), recorder.LastBody ?? throw new InvalidOperationException("Nothing was recorded."));
        Console.WriteLine($"// recorded {name}.json ({recorder.LastBody.Length:N0} bytes)");
    }

    /// <summary>Keeps the body of the last response that passed through.</summary>
    private sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public byte[]? LastBody { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            LastBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var replay = new ByteArrayContent(LastBody);
            foreach (var header in response.Content.Headers)
            {
                replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = replay;
            return response;
        }
    }

    /// <summary>
    /// Answers every request from memory with the recorded body for its operation (<c>X-Amz-Target</c>); the query answer
    /// is whichever <see cref="Query"/> the benchmark chose. No socket, no server: what remains is each client's own work.
    /// </summary>
    public sealed class Handler : HttpMessageHandler
    {
        private static readonly MediaTypeHeaderValue JsonType = new("application/x-amz-json-1.0");

        public required byte[] GetItem { get; init; }

        public required byte[] PutItem { get; init; }

        public required byte[] UpdateItem { get; init; }

        public byte[] Query { get; set; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";
            var body = target switch
            {
                "DynamoDB_20120810.GetItem" => GetItem,
                "DynamoDB_20120810.PutItem" => PutItem,
                "DynamoDB_20120810.UpdateItem" => UpdateItem,
                "DynamoDB_20120810.Query" => Query,
                _ => throw new InvalidOperationException($"No recorded answer for {target}."),
            };
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonType;
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "BENCHMARK");
            return Task.FromResult(response);
        }
    }
}
