using Insight.Sdk.Data;

namespace Productivity.Tests;

/// <summary>The Productivity service's tables, freshly created for one test, and its functions started against them.</summary>
internal sealed class ProductivityService(LocalDynamoDb db, Dictionary<string, string> environment)
{
    public static async Task<ProductivityService> CreateAsync(LocalDynamoDb db) => new(db, await db.CreateTablesAsync(
        CountedSample.Schema, WorkerHour.Schema, ShiftHour.Schema, ShiftSummary.Schema));

    private DynamoTableNames Names => LocalDynamoDb.NamesIn(environment);

    public WorkerHourTable WorkerHours => new(db.Client, Names);

    public ShiftHourTable ShiftHours => new(db.Client, Names);

    public ShiftSummaryTable ShiftSummaries => new(db.Client, Names);

    public Task<FunctionUnderTest> StartAsync(string handler) => FunctionUnderTest.StartAsync(InsightService.Definition, handler, environment, WireEvents.Deployment);

    /// <summary>Ingests one SQS batch and returns the ids of the messages that failed.</summary>
    public async Task<string[]> IngestAsync(params string[] bodies)
    {
        await using var ingest = await StartAsync(nameof(IngestMetrics));
        var outcome = await ingest.InvokeAsync(ProductivityEvents.Batch(bodies));
        Assert.False(outcome.IsError, outcome.ErrorMessage);
        using var response = System.Text.Json.JsonDocument.Parse(outcome.Body);
        return [.. response.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!)];
    }
}
