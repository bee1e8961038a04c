using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Insight.Sdk.Data;
using Insight.Sdk.Tests.Data;

namespace Insight.Sdk.Tests.Wire;

/// <summary>
/// A typed table's GetItem and Query answers through the direct path. A Query page is read the fast way or, when the
/// page itself is unusual, the exact way, with the same items; an answer of the wrong shape is named, never read as
/// fewer items or as no item.
/// </summary>
public sealed class DynamoWireAnswerTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    // The AWS SDK's client is the table's other path; the direct path is all a Query uses, so it is never called.
    private readonly AmazonDynamoDBClient _unused = new(new BasicAWSCredentials("unused", "unused"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" });

    public void Dispose() => _unused.Dispose();

    [Theory]
    [InlineData("Items")]
    [InlineData("It\\u0065ms")]
    public async Task A_page_is_read_alike_whether_its_own_members_are_plain_or_escaped(string itemsName)
    {
        var first = Item(Device.Sample("M2-1", Noon));
        var second = Item(Device.Sample("M2-1", Noon.AddHours(1)));
        var table = Table($$"""{"Count":2,"{{itemsName}}":[{{first}},{{second}}],"ScannedCount":2}""");

        var read = await table.QueryAsync("M2-1").ToListAsync();

        Assert.Equal([Noon, Noon.AddHours(1)], read.Select(d => d.SeenAt));
    }

    [Theory]
    [InlineData("""{"Items":{"a":{"S":"x"}}}""", "the Query answer's Items is not an array")]
    [InlineData("""{"It\u0065ms":{"a":{"S":"x"}}}""", "the Query answer's Items is not an array")]
    [InlineData("""{"It\u0065ms":[ITEM,"not an item",ITEM]}""", "item 1 of the Query answer is not a JSON object")]
    [InlineData("""[ITEM]""", "a Query answer is a JSON object")]
    public async Task An_answer_of_the_wrong_shape_is_named_and_no_item_is_silently_dropped(string answer, string expected)
    {
        var table = Table(answer.Replace("ITEM", Item(Device.Sample("M2-1", Noon)), StringComparison.Ordinal));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => table.QueryAsync("M2-1").ToListAsync().AsTask());

        var json = Assert.IsAssignableFrom<JsonException>(error is JsonException ? error : error.InnerException);
        Assert.Contains(expected, json.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[ITEM]""", "a GetItem answer is a JSON object")]
    [InlineData("""{"Item":"M2-1"}""", "the GetItem answer's Item is not a JSON object")]
    [InlineData("""{"Item":[ITEM]}""", "the GetItem answer's Item is not a JSON object")]
    public async Task A_get_answer_of_the_wrong_shape_is_named_not_read_as_no_item(string answer, string expected)
    {
        var table = Table(answer.Replace("ITEM", Item(Device.Sample("M2-1", Noon)), StringComparison.Ordinal));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => table.GetAsync("M2-1", Noon));

        var json = Assert.IsAssignableFrom<JsonException>(error is JsonException ? error : error.InnerException);
        Assert.Contains(expected, json.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_get_answer_without_an_item_or_with_an_empty_one_is_no_item()
    {
        Assert.Null(await Table("""{}""").GetAsync("M2-1", Noon));
        Assert.Null(await Table("""{"Item":{}}""").GetAsync("M2-1", Noon));
        Assert.Equal(Noon, (await Table($$"""{"Item":{{Item(Device.Sample("M2-1", Noon))}}}""").GetAsync("M2-1", Noon))!.SeenAt);
    }

    private DeviceTable Table(string answer) =>
        new(_unused, new DynamoTableNames(_ => "Devices"), Wire.Client(new ScriptedDynamoDb().Answer(HttpStatusCode.OK, answer), new ManualTime(Wire.Start)));

    private static string Item(Device device) => DynamoJsonCodecTests.Write(device);
}
