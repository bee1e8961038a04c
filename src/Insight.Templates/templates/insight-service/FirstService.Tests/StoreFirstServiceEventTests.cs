using Insight.Sdk.Data;
using Insight.Sdk.Manifest;
using Insight.Testing;

namespace FirstService.Tests;

/// <summary>
/// The handler as it runs on Lambda — its generated invoker, an EventBridge envelope — against the service's own
/// tables, created from its manifest in DynamoDB Local (started once for the class; it needs Java 17 or later, and
/// fetches its jar with npm on first use).
/// </summary>
public sealed class StoreFirstServiceEventTests(DynamoDbLocalFixture dynamo) : IClassFixture<DynamoDbLocalFixture>
{
    private static readonly ServiceManifest Manifest = ServiceManifest.FromAssembly(typeof(StoreFirstServiceEvent).Assembly)!;

    [Fact]
    public async Task An_event_is_stored_once_however_often_it_is_delivered()
    {
        var environment = await dynamo.CreateTablesAsync(Manifest);
        await using var function = await FunctionUnderTest.StartAsync(InsightService.Definition, nameof(StoreFirstServiceEvent), environment);
        var occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1767225600000);
        var detail = """{"eventId":"1f3e2c7a-9b1d-4c3e-8f2a-0123456789ab","subject":"first","occurredAt":"2026-01-01T00:00:00+00:00"}""";

        var first = await function.InvokeAsync(Envelopes.EventBridge(detail, nameof(FirstServiceEvent)));
        var redelivered = await function.InvokeAsync(Envelopes.EventBridge(detail, nameof(FirstServiceEvent)));

        Assert.False(first.IsError, first.BodyText);
        Assert.False(redelivered.IsError, redelivered.BodyText);
        var item = Assert.Single(await dynamo.ScanAsync(environment[DynamoTableNames.VariableFor("FirstServiceRecords")]));
        Assert.Equal(
            new FirstServiceRecord("1f3e2c7a-9b1d-4c3e-8f2a-0123456789ab", "first", occurredAt, occurredAt + StoreFirstServiceEvent.Retention),
            FirstServiceRecord.FromItem(item));
    }

    [Fact]
    public async Task An_event_that_is_not_the_contract_fails_the_invocation_and_stores_nothing()
    {
        var environment = await dynamo.CreateTablesAsync(Manifest);
        await using var function = await FunctionUnderTest.StartAsync(InsightService.Definition, nameof(StoreFirstServiceEvent), environment);

        var outcome = await function.InvokeAsync(Envelopes.EventBridge("""{"subject":42}""", nameof(FirstServiceEvent)));

        Assert.True(outcome.IsError);
        Assert.Empty(await dynamo.ScanAsync(environment[DynamoTableNames.VariableFor("FirstServiceRecords")]));
    }
}
