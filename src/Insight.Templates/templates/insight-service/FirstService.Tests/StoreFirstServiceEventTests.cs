#if (trigger == "sqs")
using System.Text.Json;
#endif
using Insight.Sdk.Data;
using Insight.Sdk.Manifest;
using Insight.Testing;

namespace FirstService.Tests;

/// <summary>
/// The handler as it runs on Lambda — its generated invoker, the envelope AWS delivers — against the service's own
/// tables, created from its manifest in DynamoDB Local (started once for the class; it needs Java 17 or later, and
/// fetches its jar with npm on first use).
/// </summary>
public sealed class StoreFirstServiceEventTests(DynamoDbLocalFixture dynamo) : IClassFixture<DynamoDbLocalFixture>
{
    private const string EventId = "1f3e2c7a-9b1d-4c3e-8f2a-0123456789ab";
    private const string Detail = """{"eventId":"1f3e2c7a-9b1d-4c3e-8f2a-0123456789ab","subject":"first","occurredAt":"2026-01-01T00:00:00+00:00"}""";

    private static readonly ServiceManifest Manifest = ServiceManifest.FromAssembly(typeof(StoreFirstServiceEvent).Assembly)!;

    [Fact]
    public async Task An_event_is_stored_once_however_often_it_is_delivered()
    {
        var environment = await dynamo.CreateTablesAsync(Manifest);
        await using var function = await FunctionUnderTest.StartAsync(InsightService.Definition, nameof(StoreFirstServiceEvent), environment);
        var occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1767225600000);

        var first = await function.InvokeAsync(Delivery(Detail));
        var redelivered = await function.InvokeAsync(Delivery(Detail));

        Assert.False(first.IsError, first.BodyText);
        Assert.False(redelivered.IsError, redelivered.BodyText);
        var item = Assert.Single(await dynamo.ScanAsync(environment[DynamoTableNames.VariableFor("FirstServiceRecords")]));
        Assert.Equal(new FirstServiceRecord(EventId, "first", occurredAt, occurredAt + StoreFirstServiceEvent.Retention), FirstServiceRecord.FromItem(item));
    }

    [Fact]
    public async Task An_event_that_is_not_the_contract_fails_and_stores_nothing()
    {
        var environment = await dynamo.CreateTablesAsync(Manifest);
        await using var function = await FunctionUnderTest.StartAsync(InsightService.Definition, nameof(StoreFirstServiceEvent), environment);

#if (trigger == "sqs")
        // In a batch the bad message fails alone: only it goes back to the queue.
        var outcome = await function.InvokeAsync(Envelopes.Sqs(["""{"subject":42}""", Detail]));

        Assert.False(outcome.IsError, outcome.BodyText);
        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal("m0", Assert.Single(response.RootElement.GetProperty("batchItemFailures").EnumerateArray()).GetProperty("itemIdentifier").GetString());
        Assert.Single(await dynamo.ScanAsync(environment[DynamoTableNames.VariableFor("FirstServiceRecords")]));
#else
        var outcome = await function.InvokeAsync(Delivery("""{"subject":42}"""));

        Assert.True(outcome.IsError);
        Assert.Empty(await dynamo.ScanAsync(environment[DynamoTableNames.VariableFor("FirstServiceRecords")]));
#endif
    }

#if (trigger == "sqs")
    private static string Delivery(string detail) => Envelopes.Sqs([detail]);
#else
    private static string Delivery(string detail) => Envelopes.EventBridge(detail, nameof(FirstServiceEvent));
#endif
}
