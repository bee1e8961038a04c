using System.Text.Json;
using Insight.Local.Events;

namespace Insight.Local.Tests.Events;

public sealed class EventEnvelopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 17, 30, 12, 345, TimeSpan.Zero);

    [Fact]
    public void Envelope_has_EventBridge_fields_in_order()
    {
        var entry = new BusEntry("com.example.orders", "OrderPlaced", """{"orderId":"o-1","total":12.5}""", null, null, ["arn:aws:s3:::bucket"]);

        var json = EventEnvelope.Create(entry, "e-1", "111122223333", "eu-central-1", Now);

        Assert.Equal(
            """{"version":"0","id":"e-1","detail-type":"OrderPlaced","source":"com.example.orders","account":"111122223333","time":"2026-12-01T17:30:12Z","region":"eu-central-1","resources":["arn:aws:s3:::bucket"],"detail":{"orderId":"o-1","total":12.5}}""",
            json);
    }

    [Fact]
    public void The_entry_time_wins_and_is_written_in_utc_seconds()
    {
        var time = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 999, TimeSpan.FromHours(2));
        var entry = new BusEntry("s", "t", "{}", "custom-bus", time, []);

        using var json = JsonDocument.Parse(EventEnvelope.Create(entry, "e-2", "111122223333", "eu-central-1", Now));

        Assert.Equal("2025-01-02T01:04:05Z", json.RootElement.GetProperty("time").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("resources").GetArrayLength());
    }

    [Theory]
    [InlineData("[1]", "Detail: must be a JSON object.")]
    [InlineData("\"text\"", "Detail: must be a JSON object.")]
    [InlineData("{oops", "Detail: not valid JSON")]
    public void Detail_must_be_a_json_object(string detail, string expected)
    {
        var entry = new BusEntry("s", "t", detail, null, null, []);

        var ex = Assert.Throws<ArgumentException>(() => EventEnvelope.Create(entry, "e", "111122223333", "eu-central-1", Now));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }
}
