using System.Reflection;
using System.Text.Json;

namespace FirstService.Tests;

public sealed class ServiceTests
{
    [Fact]
    public void The_manifest_declares_the_function_its_trigger_and_its_table()
    {
        using var manifest = JsonDocument.Parse(CompiledManifest());

        var function = manifest.RootElement.GetProperty("functions").EnumerateArray()
            .Single(f => f.GetProperty("handler").GetString() == "StoreFirstServiceEvent");
#if (trigger == "sqs")
        Assert.Equal("SqsBatch", function.GetProperty("trigger").GetString());
#else
        Assert.Equal("EventBridge", function.GetProperty("trigger").GetString());
#endif
        Assert.Equal("readwrite", function.GetProperty("tables")[0].GetProperty("access").GetString());
        var table = manifest.RootElement.GetProperty("tables").EnumerateArray().Single();
        Assert.Equal("FirstServiceRecords", table.GetProperty("name").GetString());
        Assert.Equal("ExpiresAt", table.GetProperty("timeToLive").GetString());
    }

    [Fact]
    public void A_record_survives_the_round_trip_through_its_stored_form()
    {
        var occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1767225600000);
        var record = new FirstServiceRecord("1f3e2c7a-9b1d-4c3e-8f2a-0123456789ab", "first", occurredAt, occurredAt + StoreFirstServiceEvent.Retention);

        var item = FirstServiceRecord.ToItem(record);

        Assert.Equal(record, FirstServiceRecord.FromItem(item));
        Assert.Equal((occurredAt + StoreFirstServiceEvent.Retention).ToUnixTimeSeconds().ToString(), item["ExpiresAt"].N);
    }

    [Fact]
    public void An_event_is_read_from_its_json_without_reflection()
    {
        var received = JsonSerializer.Deserialize(
            """{"eventId":"e-1","subject":"first","occurredAt":"2026-01-01T00:00:00+00:00"}""", FirstServiceJsonContext.Default.FirstServiceEvent);

        Assert.Equal(new FirstServiceEvent("e-1", "first", DateTimeOffset.Parse("2026-01-01T00:00:00+00:00")), received);
    }

    // The generator compiles the service's manifest into its assembly; the build writes the same text to insight.manifest.json.
    private static string CompiledManifest() =>
        typeof(StoreFirstServiceEvent).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Insight.Manifest").Value!;
}
