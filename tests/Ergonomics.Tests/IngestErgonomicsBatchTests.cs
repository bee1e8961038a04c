using System.Text.Json;
using static Ergonomics.Tests.ErgonomicsEvents;

namespace Ergonomics.Tests;

[Collection(LocalDynamoDbCollection.Name)]
public sealed class IngestErgonomicsBatchTests(LocalDynamoDb db)
{
    [Fact]
    public async Task A_bad_message_fails_alone_and_its_batch_mates_are_scored_and_alerted()
    {
        var service = await ErgonomicsService.CreateAsync(db);
        var repetition = Detail("repetitive_motions", 600, "count", TimeSpan.FromMinutes(30), eventId: WireEvents.NewId());
        await using var ingest = await service.StartAsync(nameof(IngestErgonomicsBatch));

        var outcome = await ingest.InvokeAsync(WireEvents.Sqs(
            ("m0", repetition),
            ("m1", "not json"),
            ("m2", Detail("strained_posture", 5, "count", TimeSpan.FromMinutes(5))),
            ("m3", repetition),
            ("m4", Detail("strained_posture", 675, "s", TimeSpan.FromHours(1)))));

        Assert.False(outcome.IsError, outcome.ErrorMessage);
        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(["m1", "m2"], response.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
        var exposure = (await service.Exposures.GetAsync("W-17", "S-early"))!;
        Assert.Equal((600.0, 675.0), (exposure.RepetitiveMotions, exposure.StrainedPostureSeconds));
        Assert.Equal(0.7, (await service.Alerts.GetAsync("W-17", "S-early"))!.Score);
    }
}
