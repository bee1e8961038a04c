using System.Text;
using System.Text.Json;
using Insight.Sdk.Observability;

namespace Insight.Sdk.Tests.Observability;

public sealed class EmfMetricsTests
{
    private readonly MemoryStream _output = new();

    private EmfMetrics Metrics() => new(new OutputSink(_output), new TenantContext("acme-logistics", "123456789012", "eu-central-1", "Productivity"), "Insight");

    private List<JsonElement> Lines() =>
        [.. Encoding.UTF8.GetString(_output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Fact]
    public void An_invocation_that_recorded_only_the_host_s_measurements_writes_no_line()
    {
        var metrics = Metrics();
        metrics.Add("ColdStart", 1);
        metrics.Add("Duration", 12.5, MetricUnit.Milliseconds);

        metrics.Flush("CloseShiftHours", DateTimeOffset.UnixEpoch);

        Assert.Empty(Lines());

        // Nothing carries over into the next invocation either.
        metrics.Add("HoursClosed", 3);
        metrics.Flush("CloseShiftHours", DateTimeOffset.UnixEpoch);
        var line = Assert.Single(Lines());
        Assert.False(line.TryGetProperty("Duration", out _));
        Assert.Equal(3, line.GetProperty("HoursClosed").GetDouble());
    }

    [Fact]
    public void The_host_s_measurements_go_out_with_the_handler_s_metrics()
    {
        var metrics = Metrics();
        metrics.Add("HoursClosed", 3);
        metrics.Add("Duration", 12.5, MetricUnit.Milliseconds);

        metrics.Flush("CloseShiftHours", DateTimeOffset.UnixEpoch);

        var line = Assert.Single(Lines());
        Assert.Equal(12.5, line.GetProperty("Duration").GetDouble());
        Assert.Equal(["HoursClosed", "Duration"], line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()));
    }

    [Fact]
    public void Values_past_a_hundred_go_on_a_further_line_and_nothing_recorded_carries_into_the_next_flush()
    {
        var metrics = Metrics();
        for (var i = 0; i < 150; i++)
        {
            metrics.Add("Scans", i);
        }

        metrics.Add("Rejected", 2);
        metrics.Flush("Ingest", DateTimeOffset.UnixEpoch);

        var lines = Lines();
        Assert.Equal(2, lines.Count);
        Assert.Equal(100, lines[0].GetProperty("Scans").GetArrayLength());
        Assert.Equal(2, lines[0].GetProperty("Rejected").GetDouble());
        Assert.Equal(Enumerable.Range(100, 50).Select(i => (double)i), lines[1].GetProperty("Scans").EnumerateArray().Select(v => v.GetDouble()));
        Assert.False(lines[1].TryGetProperty("Rejected", out _));

        // The next flush carries only what was recorded since, with the unit it was recorded with this time.
        _output.SetLength(0);
        metrics.Add("Rejected", 512, MetricUnit.Bytes);
        metrics.Flush("Ingest", DateTimeOffset.UnixEpoch);

        var line = Assert.Single(Lines());
        Assert.False(line.TryGetProperty("Scans", out _));
        Assert.Equal(512, line.GetProperty("Rejected").GetDouble());
        var declared = Assert.Single(line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray());
        Assert.Equal("Bytes", declared.GetProperty("Unit").GetString());
    }
}
