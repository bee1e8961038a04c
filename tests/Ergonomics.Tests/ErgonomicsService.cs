using System.Text.Json;
using Insight.Sdk.Data;

namespace Ergonomics.Tests;

/// <summary>The Ergonomics service's tables, freshly created for one test, and its functions started against them.</summary>
internal sealed class ErgonomicsService(LocalDynamoDb db, Dictionary<string, string> environment)
{
    public static async Task<ErgonomicsService> CreateAsync(LocalDynamoDb db, string? tenantSettings = null)
    {
        var environment = await db.CreateTablesAsync(CountedMeasure.Schema, WorkerExposure.Schema, ErgonomicsAlert.Schema, RiskDigest.Schema);
        if (tenantSettings is not null)
        {
            environment[ErgonomicsSettings.TenantSettingsVariable] = tenantSettings;
        }

        return new ErgonomicsService(db, environment);
    }

    private DynamoTableNames Names => LocalDynamoDb.NamesIn(environment);

    public WorkerExposureTable Exposures => new(db.Client, Names);

    public ErgonomicsAlertTable Alerts => new(db.Client, Names);

    public RiskDigestTable Digests => new(db.Client, Names);

    public Task<FunctionUnderTest> StartAsync(string handler) => FunctionUnderTest.StartAsync(InsightService.Definition, handler, environment, WireEvents.Deployment);

    /// <summary>Scores each event in turn with one function and returns the results.</summary>
    public async Task<JsonElement[]> ScoreAsync(params string[] events)
    {
        await using var score = await StartAsync(nameof(ScoreErgonomics));
        var results = new List<JsonElement>();
        foreach (var payload in events)
        {
            var outcome = await score.InvokeAsync(payload);
            Assert.False(outcome.IsError, outcome.ErrorMessage);
            results.Add(JsonDocument.Parse(outcome.Body).RootElement.Clone());
        }

        return [.. results];
    }
}
