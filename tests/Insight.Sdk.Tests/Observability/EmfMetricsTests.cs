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
}
