using System.Text.Json;
using Insight.Sdk.Manifest;

namespace Insight.Testing.Tests;

/// <summary>
/// What a team gets from Insight.Testing, used on a real service: its functions run through their generated invokers
/// with AWS's envelopes, against its own tables in DynamoDB Local created from its manifest.
/// </summary>
public sealed class ServiceTestingTests(DynamoDbLocalFixture dynamo) : IClassFixture<DynamoDbLocalFixture>
{
    private static readonly ServiceManifest Manifest = ServiceManifest.FromAssembly(typeof(ScanIngest.InsightService).Assembly)!;

    [Fact]
    public async Task An_eventbridge_event_lands_in_the_tenants_table()
    {
        var environment = await dynamo.CreateTablesAsync(Manifest);
        await using var function = await FunctionUnderTest.StartAsync(ScanIngest.InsightService.Definition, "RecordScan", environment);
        var id = WireEvents.NewId();

        var outcome = await function.InvokeAsync(Envelopes.EventBridge(WireEvents.Scan(id), "scan"));

        Assert.False(outcome.IsError, outcome.BodyText);
        var items = await dynamo.ScanAsync(environment["INSIGHT_TABLE_SCANS"]);
        Assert.Contains(items, item => item.Values.Any(v => v.S == id));
    }

    [Fact]
    public async Task A_bad_message_in_an_sqs_batch_fails_alone()
    {
        var environment = await dynamo.CreateTablesAsync(Manifest);
        await using var function = await FunctionUnderTest.StartAsync(ScanIngest.InsightService.Definition, "IngestScanBatch", environment);

        var outcome = await function.InvokeAsync(Envelopes.Sqs([WireEvents.Scan(), "{\"not\":\"a scan\"}", WireEvents.Scan()]));

        Assert.False(outcome.IsError, outcome.BodyText);
        using var response = JsonDocument.Parse(outcome.Body);
        var failed = Assert.Single(response.RootElement.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Equal("m1", failed.GetProperty("itemIdentifier").GetString());
        Assert.Equal(2, (await dynamo.ScanAsync(environment["INSIGHT_TABLE_SCANS"])).Count);
    }

    [Theory]
    [InlineData(true, null, 200)]
    [InlineData(false, null, 401)]
    [InlineData(true, "another-tenant", 403)]
    public async Task An_http_route_answers_by_the_callers_token(bool withToken, string? tokenTenant, int status)
    {
        await using var function = await FunctionUnderTest.StartAsync(ScanIngest.InsightService.Definition, "CheckScan");
        var route = Manifest.Functions.Single(f => f.Name == "CheckScan");
        var caller = withToken ? new TestCaller(route.Scopes!, Tenant: tokenTenant) : null;

        var outcome = await function.InvokeAsync(Envelopes.HttpApi(route.Route!, WireEvents.Scan(), caller));

        Assert.False(outcome.IsError, outcome.BodyText);
        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(status, response.RootElement.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task A_missing_setting_is_reported_as_the_init_error_lambda_would_show()
    {
        await using var function = await FunctionUnderTest.StartAsync(ScanIngest.InsightService.Definition, "NoSuchFunction");

        var report = await function.InitError.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Runtime.NoSuchHandler", report.ErrorType);
    }
}
