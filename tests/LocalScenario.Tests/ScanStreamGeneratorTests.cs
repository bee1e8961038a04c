using System.Text;
using System.Text.RegularExpressions;
using LocalScenario.Streams;
using Insight.Sdk.Events;
using Insight.Sdk.Hosting;
using Insight.Sdk.Serialization;

namespace LocalScenario.Tests;

public sealed partial class ScanStreamGeneratorTests
{
    private const string Tenant = "tenant-001";
    private const int Seed = 42;
    private const int Count = 10_000;

    private static readonly DateOnly FirstDay = new(2026, 1, 5);

    private static readonly IReadOnlyList<ScanDelivery> Stream = ScanStreamGenerator.Generate(Tenant, Seed, Count, FirstDay);

    [Fact]
    public void The_same_tenant_and_seed_give_the_same_stream()
    {
        Assert.Equal(Stream, ScanStreamGenerator.Generate(Tenant, Seed, Count, FirstDay));
    }

    [Fact]
    public void Another_seed_or_another_tenant_gives_another_stream()
    {
        var otherSeed = ScanStreamGenerator.Generate(Tenant, Seed + 1, Count, FirstDay);
        var otherTenant = ScanStreamGenerator.Generate("tenant-002", Seed, Count, FirstDay);

        Assert.Empty(otherSeed.Select(d => d.EventId).Intersect(Stream.Select(d => d.EventId)));
        Assert.Empty(otherTenant.Select(d => d.EventId).Intersect(Stream.Select(d => d.EventId)));
        Assert.NotEqual(Stream.Select(d => d.DeviceSerial).Distinct(), otherSeed.Select(d => d.DeviceSerial).Distinct());
    }

    [Fact]
    public void Another_first_day_moves_the_scans_times_and_nothing_else()
    {
        var later = ScanStreamGenerator.Generate(Tenant, Seed, Count, FirstDay.AddDays(100));

        Assert.Equal(Stream.Select(d => d with { Json = "", ReceivedAt = default }), later.Select(d => d with { Json = "", ReceivedAt = default }));
        Assert.All(Stream.Zip(later), pair => Assert.Equal(TimeSpan.FromDays(100), pair.Second.ReceivedAt - pair.First.ReceivedAt));
        Assert.Equal(
            Stream.Select(d => ScanOracle.Field<string>(d.Json, "scan_code")),
            later.Select(d => ScanOracle.Field<string>(d.Json, "scan_code")));
    }

    [Fact]
    public void A_tenants_streams_are_reproducible_and_its_scans_are_the_scan_stream()
    {
        var streams = ScanStreamGenerator.GenerateTenant(Tenant, Seed, 2_000, FirstDay);
        var again = ScanStreamGenerator.GenerateTenant(Tenant, Seed, 2_000, FirstDay);

        Assert.Equal(Stream.Take(2_000), streams.Scans);
        Assert.Equal(streams.Metrics, again.Metrics);
        Assert.Equal(streams.Measures, again.Measures);
    }

    [Fact]
    public void Measures_come_from_the_scans_workers_with_about_one_percent_invalid_and_two_percent_redelivered()
    {
        var streams = ScanStreamGenerator.GenerateTenant(Tenant, Seed, Count, FirstDay);
        var measures = streams.Metrics.Concat(streams.Measures).ToList();

        Assert.InRange(measures.Count(m => m.Flaw != MeasureFlaw.None) / (double)measures.Count, 0.005, 0.02);
        Assert.InRange(measures.Count(m => m.IsRedelivery) / (double)measures.Count, 0.01, 0.03);
        Assert.Equal(
            streams.Scans.Count(scan => !scan.IsRedelivery && scan.Flaw == ScanFlaw.None),
            streams.Metrics.Where(m => !m.IsRedelivery && m.Flaw == MeasureFlaw.None && ScanOracle.Field<string>(m.Json, "metric_name") == "scan")
                .Sum(m => ScanOracle.Field<double>(m.Json, "value")),
            tolerance: streams.Metrics.Count(m => !m.IsRedelivery && m.Flaw != MeasureFlaw.None) * 20);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(2000)]
    public void A_stream_has_exactly_the_deliveries_asked_for_and_a_longer_one_starts_with_it(int count)
    {
        var stream = ScanStreamGenerator.Generate(Tenant, Seed, count, FirstDay);

        Assert.Equal(count, stream.Count);
        Assert.Equal(stream, Stream.Take(count));
    }

    [Fact]
    public void Every_EAN_13_check_digit_is_right_except_the_planned_misreads()
    {
        var ean13 = Stream.Where(d => ScanOracle.SymbologyAndCode(d.Json) is ("EAN-13", { Length: > 0 })).ToList();

        Assert.All(ean13, d => Assert.Equal(d.Flaw != ScanFlaw.Misread, ScanOracle.HasValidEan13CheckDigit(ScanOracle.SymbologyAndCode(d.Json).Code)));
        Assert.InRange(Share(ean13, d => d.Flaw == ScanFlaw.Misread), 0.02, 0.04);
        Assert.All(Stream.Where(d => d.Flaw == ScanFlaw.Misread), d => Assert.False(ScanOracle.BreaksContract(d.Json)));
    }

    [Fact]
    public void Some_scans_are_CODE_128_labels()
    {
        var labels = Stream
            .Where(d => d.Flaw != ScanFlaw.EmptyScanCode)
            .Select(d => ScanOracle.SymbologyAndCode(d.Json))
            .Where(scan => scan.Symbology == "CODE 128")
            .ToList();

        Assert.InRange((double)labels.Count / Stream.Count, 0.10, 0.20);
        Assert.All(labels, label => Assert.Matches("^(TOTE-[0-9]{6}|LOC-[A-H][0-9]{2}-[0-9]{2})$", label.Code));
    }

    [Fact]
    public void The_planned_invalid_scans_and_only_they_break_the_contract()
    {
        var breakers = Stream.Where(d => d.Flaw is ScanFlaw.MalformedEventId or ScanFlaw.EmptyScanCode or ScanFlaw.TimeCreatedOutOfRange).ToList();

        Assert.All(breakers, d => Assert.Throws<ContractViolationException>(() => Read(d.Json)));
        Assert.All(Stream.Except(breakers), d => Read(d.Json));
        Assert.InRange(Share(Stream, breakers.Contains), 0.005, 0.015);
        Assert.Equal([ScanFlaw.MalformedEventId, ScanFlaw.EmptyScanCode, ScanFlaw.TimeCreatedOutOfRange], breakers.Select(d => d.Flaw).Distinct().Order());
    }

    [Fact]
    public void About_two_percent_are_redeliveries_of_an_earlier_scan_and_every_other_event_id_is_new()
    {
        var seen = new Dictionary<string, string>();
        foreach (var delivery in Stream)
        {
            if (delivery.IsRedelivery)
            {
                Assert.Equal(seen[delivery.EventId], delivery.Json);
            }
            else
            {
                Assert.True(seen.TryAdd(delivery.EventId, delivery.Json), $"event id {delivery.EventId} was sent before");
            }
        }

        Assert.InRange(Share(Stream, d => d.IsRedelivery), 0.015, 0.025);
    }

    [Fact]
    public void Scans_are_made_in_time_order_over_several_eight_hour_shifts()
    {
        var created = Stream
            .Where(d => !d.IsRedelivery && d.Flaw != ScanFlaw.TimeCreatedOutOfRange)
            .Select(d => DateTimeOffset.FromUnixTimeMilliseconds(ScanOracle.Field<long>(d.Json, "time_created")))
            .ToList();

        Assert.Equal(created.Order(), created);
        var shifts = created.Select(t => (t.Date, Early: t.Hour < 14)).Distinct().ToList();
        Assert.True(shifts.Count > 3, $"{shifts.Count} shifts");
        Assert.All(created, t => Assert.InRange(t.Hour, 6, 21));
    }

    [Fact]
    public void Devices_are_M2_scanners_each_reporting_from_its_station()
    {
        Assert.All(Stream, d => Assert.Matches(DeviceSerial(), d.DeviceSerial));
        Assert.All(Stream, d => Assert.Equal(d.DeviceSerial, ScanOracle.Field<string>(d.Json, "device_serial")));
        Assert.InRange(Stream.Select(d => d.DeviceSerial).Distinct().Count(), 8, 24);
        Assert.InRange(Stream.Select(d => ScanOracle.Field<string>(d.Json, "station_name")).Distinct().Count(), 2, 8);
    }

    private static void Read(string json) =>
        Dispatch.Read(Encoding.UTF8.GetBytes(json), InsightJsonContext.Default.ScanEvent, nameof(ScanEvent));

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) => (double)items.Count(predicate) / items.Count;

    [GeneratedRegex("^M2-[0-9]{4}$")]
    private static partial Regex DeviceSerial();
}
