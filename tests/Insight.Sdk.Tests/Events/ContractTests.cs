using System.Text;
using System.Text.Json;
using Insight.Sdk.Events;
using Insight.Sdk.Hosting;
using Insight.Sdk.Serialization;

namespace Insight.Sdk.Tests.Events;

public sealed class ContractTests
{
    private static ScanEvent ReadScan(string json) => Dispatch.Read(Encoding.UTF8.GetBytes(json), InsightJsonContext.Default.ScanEvent, nameof(ScanEvent));

    private static ContractViolationException Violation(Action read) => Assert.Throws<ContractViolationException>(read);

    [Fact]
    public void Compact_scan_is_read()
    {
        var id = WireEvents.NewId();
        var scan = ReadScan(WireEvents.Scan(id, extra: ",\"gateway_serial\":\"GW-7\""));

        Assert.Equal(id, scan.EventId);
        Assert.Equal("4006381333931", scan.ScanCode);
        Assert.Equal("GW-7", scan.GatewaySerial);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(WireEvents.Now), scan.CreatedAt);
    }

    [Fact]
    public void Live_data_scan_with_unknown_fields_is_read_and_its_measures_kept()
    {
        var json = $$"""
            {"api_version":"0.5","event_type":"scan","event_id":"{{WireEvents.NewId()}}","time_created":{{WireEvents.Now}},
             "scan_code":"ABC-1","device_serial":"M2-9","scan_decode_symbology":"CODE 128","device_battery":81,
             "device_firmware":"2.4.1","station_name":"Packing 3","something_new":{"nested":[1,2]},
             "metrics":[{"metric_name":"bce_duration","metric_type":"duration","metric_unit":"ms","metric_value":143}]}
            """;

        var scan = ReadScan(json);

        Assert.Equal("CODE 128", scan.Symbology);
        Assert.Equal(143, scan.ScanDurationMs);
        Assert.Equal("Packing 3", scan.StationName);
    }

    [Theory]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    [InlineData(1, true)]
    public void Scan_code_length_is_checked_at_its_documented_bounds(int length, bool valid)
    {
        var json = WireEvents.Scan(scanCode: new string('7', length));

        if (valid)
        {
            Assert.Equal(length, ReadScan(json).ScanCode.Length);
        }
        else
        {
            var error = Violation(() => ReadScan(json));
            Assert.Equal("scan_code", Assert.Single(error.Violations).Field);
        }
    }

    [Theory]
    [InlineData("1f3e2c7a-9b1d-4c3e-8f2a-0123456789AB", "lower-case UUID")]
    [InlineData("1f3e2c7a9b1d4c3e8f2a0123456789ab", "lower-case UUID")]
    [InlineData("", "lower-case UUID")]
    public void Event_id_must_be_a_lower_case_uuid(string id, string rule)
    {
        var error = Violation(() => ReadScan(WireEvents.Scan(id)));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("event_id", violation.Field);
        Assert.Contains(rule, violation.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1546300799999, false)]
    [InlineData(1546300800000, true)]
    [InlineData(99999999999999, true)]
    [InlineData(100000000000000, false)]
    public void Time_created_range_is_checked_at_its_documented_bounds(long value, bool valid)
    {
        var json = WireEvents.Scan().Replace($"\"time_created\":{WireEvents.Now}", $"\"time_created\":{value}", StringComparison.Ordinal);

        if (valid)
        {
            Assert.Equal(value, ReadScan(json).TimeCreated);
        }
        else
        {
            Assert.Equal("time_created", Assert.Single(Violation(() => ReadScan(json)).Violations).Field);
        }
    }

    [Fact]
    public void Wrong_event_type_and_version_are_named()
    {
        var json = WireEvents.Scan().Replace("\"event_type\":\"scan\"", "\"event_type\":\"scanner_state\"", StringComparison.Ordinal)
                                      .Replace("\"api_version\":\"1.0\"", "\"api_version\":\"2.0\"", StringComparison.Ordinal);

        var error = Violation(() => ReadScan(json));

        Assert.Equal(["api_version", "event_type"], error.Violations.Select(v => v.Field));
        Assert.Contains("ScanEvent is invalid: $.api_version: must be one of \"1.0\", \"0.5\", got \"2.0\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scanner_state_rejects_an_unknown_state_and_requires_a_reason_when_disconnected()
    {
        static string State(string state, string? reason) =>
            $$"""{"api_version":"1.0","event_type":"scanner_state","event_id":"{{WireEvents.NewId()}}","time_created":{{WireEvents.Now}},"gateway_serial":"GW-1","device_serial":"M2-1","device_connected_state":"{{state}}"{{(reason is null ? "" : $",\"device_disconnect_reason\":\"{reason}\"")}}}""";
        static ScannerStateEvent Read(string json) => Dispatch.Read(Encoding.UTF8.GetBytes(json), InsightJsonContext.Default.ScannerStateEvent, nameof(ScannerStateEvent));

        Assert.Equal("STATE_CONNECTED", Read(State("STATE_CONNECTED", null)).ConnectedState);
        Assert.Equal("UNKNOWN", Read(State("STATE_DISCONNECTED", "UNKNOWN")).DisconnectReason);
        Assert.Equal("device_connected_state", Assert.Single(Violation(() => Read(State("STATE_NAPPING", null))).Violations).Field);
        Assert.Equal("device_disconnect_reason", Assert.Single(Violation(() => Read(State("STATE_DISCONNECTED", null))).Violations).Field);
    }

    [Fact]
    public void Metric_sample_round_trips_its_wire_names_and_rejects_a_non_finite_value()
    {
        var sample = new MetricSample
        {
            ApiVersion = "1.0", EventType = MetricSample.Type, EventId = WireEvents.NewId(), TimeCreated = WireEvents.Now,
            MetricName = "scan_duration", Value = 143, Unit = MeasureUnit.Milliseconds, DeviceSerial = "M2-1", WorkerId = "w-7",
        };

        var json = JsonSerializer.Serialize(sample, InsightJsonContext.Default.MetricSample);
        var read = Dispatch.Read(Encoding.UTF8.GetBytes(json), InsightJsonContext.Default.MetricSample, nameof(MetricSample));

        Assert.Contains("\"metric_name\":\"scan_duration\"", json, StringComparison.Ordinal);
        Assert.Contains("\"unit\":\"ms\"", json, StringComparison.Ordinal);
        Assert.Equal(sample, read with { Attributes = sample.Attributes });
        Assert.Equal("value", Assert.Single((sample with { Value = double.NaN }).Validate()).Field);
    }

    [Fact]
    public void Ergonomics_event_checks_its_window_and_sign()
    {
        var measure = new ErgonomicsEvent
        {
            ApiVersion = "1.0", EventType = ErgonomicsEvent.Type, EventId = WireEvents.NewId(), TimeCreated = WireEvents.Now,
            Measure = ErgonomicsMeasure.StrainedPosture, Value = 30_000, Unit = MeasureUnit.Milliseconds, WindowMs = 3_600_000,
            DeviceSerial = "M2-1", WorkerId = "w-7",
        };

        Assert.Empty(measure.Validate());
        Assert.Equal(["value", "window_ms"], (measure with { Value = -1, WindowMs = 0 }).Validate().Select(v => v.Field));
        Assert.Contains("\"measure\":\"strained_posture\"", JsonSerializer.Serialize(measure, InsightJsonContext.Default.ErgonomicsEvent), StringComparison.Ordinal);
    }
}
