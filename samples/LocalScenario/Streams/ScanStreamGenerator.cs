using System.Globalization;
using System.Text.Json;
using Insight.Sdk.Events;
using Insight.Sdk.Serialization;

namespace LocalScenario.Streams;

/// <summary>
/// A reproducible stream of scans from one tenant's warehouse: shifts of workers, each with a scanner at a station,
/// scanning products (EAN-13) and tote and location labels (CODE 128). A few scans are misreads, a few break the
/// scan contract, and a few are delivered twice. From the same work come each worker's hourly productivity samples
/// and ergonomics measures, with the same shares of invalid events and redeliveries. The streams are a pure function
/// of (tenant, seed, count, first day), and the first day moves only the events' times.
/// </summary>
internal static class ScanStreamGenerator
{
    /// <summary>Share of EAN-13 scans read with a wrong digit.</summary>
    public const double MisreadShare = 0.03;

    /// <summary>Share of scans that break the contract.</summary>
    public const double InvalidShare = 0.01;

    /// <summary>Chance that a scan is delivered a second time.</summary>
    public const double RedeliveryChance = 0.02;

    private const double Code128Share = 0.15;
    private const string Ean13 = "EAN-13";
    private const string Code128 = "CODE 128";

    // Redeliveries come soon after the original, as a transport retry would.
    private const int RedeliveryWindow = 50;

    /// <summary>The first day a probe stream is made from, to measure how long a stream lasts; any day would do.</summary>
    private static readonly DateOnly ProbeFirstDay = new(2026, 1, 5);

    // Workers' strain spans calm to beyond the default alert threshold (about 0.83 reaches 0.7), so some shifts alert.
    private const double MinimumStrain = 0.35;
    private const double MaximumStrain = 1.15;

    // Mixed into the seed of the measures' generator, so it draws numbers of its own.
    private const int MeasureSeedSalt = 0x5EED;

    private static readonly TimeOnly FirstShiftStartTime = new(6, 0);
    private static readonly TimeSpan ShiftLength = TimeSpan.FromHours(8);
    private static readonly ScanFlaw[] ContractBreakers = [ScanFlaw.MalformedEventId, ScanFlaw.EmptyScanCode, ScanFlaw.TimeCreatedOutOfRange];
    private static readonly MeasureFlaw[] MeasureFlaws = [MeasureFlaw.MalformedEventId, MeasureFlaw.WrongUnit, MeasureFlaw.NegativeValue];

    /// <summary>The window each ergonomics measure covers: the clock hour it reports on.</summary>
    private static readonly TimeSpan MeasureWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// <paramref name="tenantId"/>'s streams moved by whole days so that their last event was received in the day
    /// before <paramref name="now"/>: the run asks about the past week as a dashboard opened now would, and the
    /// services' markers, kept for days after their event, have not expired yet.
    /// </summary>
    public static TenantStream GenerateTenantEndingBefore(string tenantId, int seed, int count, DateTimeOffset now)
    {
        var probe = GenerateTenant(tenantId, seed, count, ProbeFirstDay);
        var last = LastReceived(probe);
        if (last is null)
        {
            return probe;
        }

        var days = (int)Math.Floor((now - last.Value).TotalDays);
        return days == 0 ? probe : GenerateTenant(tenantId, seed, count, ProbeFirstDay.AddDays(days));
    }

    /// <summary>When the last delivery of <paramref name="stream"/> was received; null for an empty stream.</summary>
    public static DateTimeOffset? LastReceived(TenantStream stream) =>
        stream.Scans.Select(delivery => delivery.ReceivedAt).Concat(stream.Metrics.Concat(stream.Measures).Select(delivery => delivery.ReceivedAt)).DefaultIfEmpty().Max() is var last && last != default ? last : null;

    /// <summary>
    /// The first <paramref name="count"/> deliveries of <paramref name="tenantId"/>'s stream for <paramref name="seed"/>,
    /// whose first shift starts at 06:00 UTC on <paramref name="firstDay"/>.
    /// </summary>
    public static IReadOnlyList<ScanDelivery> Generate(string tenantId, int seed, int count, DateOnly firstDay) =>
        Scans(tenantId, seed, count, firstDay).Deliveries;

    /// <summary>
    /// Everything <paramref name="tenantId"/>'s scanners send while making the first <paramref name="count"/> scan
    /// deliveries of <see cref="Generate"/>: the scans, and from the same shifts, workers and devices each worker's
    /// productivity samples and ergonomics measures per clock hour, with their own invalid events and redeliveries.
    /// </summary>
    public static TenantStream GenerateTenant(string tenantId, int seed, int count, DateOnly firstDay)
    {
        var (scans, site, work) = Scans(tenantId, seed, count, firstDay);

        // A generator of its own, so the scans stay exactly what Generate makes.
        var random = new Random(StableHash.Of(tenantId, seed ^ MeasureSeedSalt));
        var badges = Site.Distinct(random, site.Roster.Length, r => $"W-{r.Next(1000, 10_000)}");
        var crew = badges.Select(badge => new WorkerProfile(badge, MinimumStrain + (random.NextDouble() * (MaximumStrain - MinimumStrain)))).ToList();

        var hours = work
            .Where(scan => scan.Flaw is ScanFlaw.None or ScanFlaw.Misread)
            .GroupBy(scan => (scan.Worker.Number, scan.Shift, Hour: scan.MadeAt.UtcTicks / TimeSpan.TicksPerHour))
            .Select(hour => new WorkerHour(
                crew[hour.Key.Number].WorkerId, crew[hour.Key.Number].Strain, site.ShiftId(hour.Key.Shift),
                hour.Last(), hour.Count(scan => scan.Flaw == ScanFlaw.None), hour.Count(scan => scan.Flaw == ScanFlaw.Misread)))
            .OrderBy(hour => hour.LastScan.MadeAt)
            .ToList();

        var metrics = WithRedeliveries(hours.SelectMany(hour => MetricSamples(random, hour)), random, int.MaxValue, Redelivered);
        var measures = WithRedeliveries(hours.SelectMany(hour => ErgonomicsMeasures(random, hour)), random, int.MaxValue, Redelivered);
        return new TenantStream(scans, metrics, measures);
    }

    private static (List<ScanDelivery> Deliveries, Site Site, List<ScanMade> Work) Scans(string tenantId, int seed, int count, DateOnly firstDay)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        var random = new Random(StableHash.Of(tenantId, seed));
        var site = Site.Create(random, new DateTimeOffset(firstDay, FirstShiftStartTime, TimeSpan.Zero));
        var made = Enumerable.Range(0, int.MaxValue).SelectMany(shift => site.WorkShift(random, shift));
        var deliveries = WithRedeliveries(made, random, count, scan => scan with { Delivery = scan.Delivery with { IsRedelivery = true } });
        return ([.. deliveries.Select(scan => scan.Delivery)], site, [.. deliveries.Where(scan => !scan.Delivery.IsRedelivery)]);
    }

    /// <summary>
    /// The first <paramref name="limit"/> deliveries of <paramref name="events"/>: each event once, and now and then
    /// one of the recent ones again soon after, as a transport retry would.
    /// </summary>
    private static List<T> WithRedeliveries<T>(IEnumerable<T> events, Random random, int limit, Func<T, T> redelivered)
    {
        var deliveries = new List<T>();
        var recent = new List<T>();
        using var next = events.GetEnumerator();
        while (deliveries.Count < limit && next.MoveNext())
        {
            deliveries.Add(next.Current);
            recent.Add(next.Current);
            if (recent.Count > RedeliveryWindow)
            {
                recent.RemoveAt(0);
            }

            if (deliveries.Count < limit && random.NextDouble() < RedeliveryChance)
            {
                deliveries.Add(redelivered(recent[random.Next(recent.Count)]));
            }
        }

        return deliveries;
    }

    private static MeasureDelivery Redelivered(MeasureDelivery measure) => measure with { IsRedelivery = true };

    /// <summary>What a worker's scanner reports at the hour's last scan: scans done, misreads as missed scans, and that scan's duration.</summary>
    private static IEnumerable<MeasureDelivery> MetricSamples(Random random, WorkerHour hour)
    {
        yield return MetricSample(random, hour, "scan", hour.Scans, MeasureUnit.Count);
        yield return MetricSample(random, hour, "missed_scan", hour.Missed, MeasureUnit.Count);
        yield return MetricSample(random, hour, "scan_duration", hour.LastScan.DurationMs, MeasureUnit.Milliseconds);
    }

    private static MeasureDelivery MetricSample(Random random, WorkerHour hour, string name, double value, MeasureUnit unit)
    {
        var (flaw, eventId, madeAt, receivedAt) = Envelope(random, hour);
        var sample = new MetricSample
        {
            ApiVersion = "1.0",
            EventType = Insight.Sdk.Events.MetricSample.Type,
            EventId = eventId,
            TimeCreated = madeAt.ToUnixTimeMilliseconds(),
            MetricName = name,
            Value = flaw == MeasureFlaw.NegativeValue ? -(value + 1) : value,
            Unit = flaw == MeasureFlaw.WrongUnit ? MeasureUnit.Percent : unit,
            DeviceSerial = hour.LastScan.Device.Serial,
            WorkerId = hour.WorkerId,
            Station = hour.LastScan.Station.Name,
            ShiftId = hour.ShiftId,
        };
        return new MeasureDelivery(eventId, hour.WorkerId, hour.ShiftId, JsonSerializer.Serialize(sample, InsightJsonContext.Default.MetricSample), receivedAt, flaw, IsRedelivery: false);
    }

    /// <summary>
    /// What a worker's wearable reports for the hour: repetitive motions grow with the scans done, strained posture
    /// and overhead reaches with how straining the worker's station and habits are; steps carry no risk.
    /// </summary>
    private static IEnumerable<MeasureDelivery> ErgonomicsMeasures(Random random, WorkerHour hour)
    {
        yield return Ergonomics(random, hour, ErgonomicsMeasure.RepetitiveMotions, Math.Round((300 + (70 * hour.Scans)) * hour.Strain * Noise(random)), MeasureUnit.Count);
        yield return Ergonomics(random, hour, ErgonomicsMeasure.StrainedPosture, Math.Min(MeasureWindow.TotalSeconds, Math.Round(800 * hour.Strain * Noise(random))), MeasureUnit.Seconds);
        yield return Ergonomics(random, hour, ErgonomicsMeasure.OverheadReaches, Math.Round(45 * hour.Strain * Noise(random)), MeasureUnit.Count);
        yield return Ergonomics(random, hour, ErgonomicsMeasure.Steps, Math.Round((300 * Noise(random)) + (25 * hour.Scans)), MeasureUnit.Steps);
    }

    private static MeasureDelivery Ergonomics(Random random, WorkerHour hour, ErgonomicsMeasure measure, double value, MeasureUnit unit)
    {
        var (flaw, eventId, madeAt, receivedAt) = Envelope(random, hour);
        var ergonomics = new ErgonomicsEvent
        {
            ApiVersion = "1.0",
            EventType = ErgonomicsEvent.Type,
            EventId = eventId,
            TimeCreated = madeAt.ToUnixTimeMilliseconds(),
            Measure = measure,
            Value = flaw == MeasureFlaw.NegativeValue ? -(value + 1) : value,
            Unit = flaw == MeasureFlaw.WrongUnit ? MeasureUnit.Percent : unit,
            WindowMs = (long)MeasureWindow.TotalMilliseconds,
            DeviceSerial = hour.LastScan.Device.Serial,
            WorkerId = hour.WorkerId,
            ShiftId = hour.ShiftId,
            Station = hour.LastScan.Station.Name,
        };
        return new MeasureDelivery(eventId, hour.WorkerId, hour.ShiftId, JsonSerializer.Serialize(ergonomics, InsightJsonContext.Default.ErgonomicsEvent), receivedAt, flaw, IsRedelivery: false);
    }

    /// <summary>A measure's flaw, id and times: made with the hour's last scan, in the hour that scan counts in.</summary>
    private static (MeasureFlaw Flaw, string EventId, DateTimeOffset MadeAt, DateTimeOffset ReceivedAt) Envelope(Random random, WorkerHour hour)
    {
        var flaw = random.NextDouble() < InvalidShare ? MeasureFlaws[random.Next(MeasureFlaws.Length)] : MeasureFlaw.None;
        var eventId = Site.NewUuid(random);
        var madeAt = hour.LastScan.MadeAt;
        return (flaw, flaw == MeasureFlaw.MalformedEventId ? eventId.ToString("N") : eventId.ToString(), madeAt, madeAt.AddMilliseconds(random.Next(40, 900)));
    }

    private static double Noise(Random random) => 0.85 + (random.NextDouble() * 0.3);

    private sealed record Station(string Name, string GatewaySerial, string GatewayId);

    private sealed record Worker(int Number, double Pace, int HomeStation);

    /// <summary>A worker's id (their badge) and how straining their work is (about 0.83 reaches the default alert threshold).</summary>
    private sealed record WorkerProfile(string WorkerId, double Strain);

    /// <summary>One scan as made: by whom, in which shift, when, with what flaw, and how long decoding took.</summary>
    private sealed record ScanMade(ScanDelivery Delivery, Worker Worker, Device Device, Station Station, int Shift, DateTimeOffset MadeAt, ScanFlaw Flaw, int DurationMs);

    /// <summary>A worker's clock hour of a shift: the scans counted in it and its last scan, when the devices report.</summary>
    private sealed record WorkerHour(string WorkerId, double Strain, string ShiftId, ScanMade LastScan, int Scans, int Missed);

    private sealed record Device(string Serial, string Firmware);

    /// <summary>A worker on shift: the scanner they took and its battery, which drains as they scan.</summary>
    private sealed class CrewMember(Worker worker, Device device, Station station, double battery)
    {
        public Worker Worker { get; } = worker;

        public Device Device { get; } = device;

        public Station Station { get; } = station;

        public double Battery { get; set; } = battery;
    }

    /// <summary>One tenant's warehouse: stations with gateways, the worker roster, the scanner fleet, what is on the shelves.</summary>
    private sealed class Site(DateTimeOffset firstShiftStart, Station[] stations, Worker[] roster, Device[] fleet, string[] products, string[] labels)
    {
        private static readonly string[] Areas = ["Goods-In", "Putaway", "Pick", "Pick", "Pack", "Pack", "Returns", "Dispatch"];

        public static Site Create(Random random, DateTimeOffset firstShiftStart)
        {
            var areaCounts = new Dictionary<string, int>();
            var stations = new Station[random.Next(4, 9)];
            for (var i = 0; i < stations.Length; i++)
            {
                var area = Areas[random.Next(Areas.Length)];
                var number = areaCounts[area] = areaCounts.GetValueOrDefault(area) + 1;
                stations[i] = new Station($"{area} {number}", $"GW-{random.Next(1000, 10000)}", $"gw-{i + 1:D2}");
            }

            var roster = new Worker[random.Next(8, 17)];
            for (var i = 0; i < roster.Length; i++)
            {
                roster[i] = new Worker(i, 0.7 + (random.NextDouble() * 0.7), random.Next(stations.Length));
            }

            var fleet = Distinct(random, roster.Length + random.Next(2, 5), r => $"M2-{r.Next(1000, 10000)}")
                .Select(serial => new Device(serial, random.NextDouble() < 0.8 ? "2.4.1" : "2.3.7"))
                .ToArray();

            // A German GS1 company prefix (400–440) of seven digits, then five digits of item reference.
            var companyPrefix = $"4{random.Next(0, 4)}{random.Next(0, 100_000):D5}";
            var products = Distinct(random, random.Next(60, 151), r => companyPrefix + r.Next(0, 100_000).ToString("D5", CultureInfo.InvariantCulture))
                .Select(data => data + Gs1.CheckDigit(data))
                .ToArray();

            var labels = Distinct(random, random.Next(40, 81), r => r.NextDouble() < 0.6
                ? $"TOTE-{r.Next(0, 1_000_000):D6}"
                : $"LOC-{(char)('A' + r.Next(8))}{r.Next(1, 40):D2}-{r.Next(1, 6):D2}");

            return new Site(firstShiftStart, stations, roster, fleet, products, [.. labels]);
        }

        public Worker[] Roster => roster;

        /// <summary>The id of shift number <paramref name="shift"/>: its day and whether it is the early or the late one.</summary>
        public string ShiftId(int shift) =>
            string.Create(CultureInfo.InvariantCulture, $"S-{ShiftStart(shift):yyyyMMdd}-{(shift % 2 == 0 ? "early" : "late")}");

        /// <summary>
        /// The scans of one eight-hour shift (early, late, early, …), in the order they were made: each worker scans
        /// at their own pace with the odd break, and the crew's scans interleave.
        /// </summary>
        public IEnumerable<ScanMade> WorkShift(Random random, int shift)
        {
            var start = ShiftStart(shift);
            var end = start + ShiftLength;
            var crew = Crew(random);
            var planned = random.Next(180, 421);
            var meanGapMs = ShiftLength.TotalMilliseconds * crew.Length / planned;
            var next = crew.Select(_ => start.AddMilliseconds(random.Next(0, 600_000))).ToArray();

            for (var made = 0; made < planned; made++)
            {
                var who = Array.IndexOf(next, next.Min());
                if (next[who] >= end)
                {
                    yield break;
                }

                yield return Scan(random, crew[who], shift, next[who]);

                var gapMs = meanGapMs / crew[who].Worker.Pace * (0.3 + (1.4 * random.NextDouble()));
                if (random.NextDouble() < 0.02)
                {
                    gapMs += random.Next(10, 21) * 60_000;
                }

                next[who] = next[who].AddMilliseconds(gapMs);
            }
        }

        private DateTimeOffset ShiftStart(int shift) => firstShiftStart + TimeSpan.FromHours((24 * (shift / 2)) + (8 * (shift % 2)));

        private CrewMember[] Crew(Random random)
        {
            var workers = roster.OrderBy(_ => random.Next()).Take(random.Next(4, Math.Min(8, roster.Length) + 1)).ToArray();
            var devices = fleet.OrderBy(_ => random.Next()).Take(workers.Length).ToArray();
            return [.. workers.Select((worker, i) => new CrewMember(worker, devices[i], stations[worker.HomeStation], random.Next(80, 101)))];
        }

        private ScanMade Scan(Random random, CrewMember member, int shift, DateTimeOffset madeAt)
        {
            var flaw = random.NextDouble() < InvalidShare ? ContractBreakers[random.Next(ContractBreakers.Length)] : ScanFlaw.None;
            var isLabel = random.NextDouble() < Code128Share;

            // Popular products are scanned far more often than the long tail.
            var code = isLabel ? labels[random.Next(labels.Length)] : products[(int)(products.Length * Math.Pow(random.NextDouble(), 2.2))];
            if (!isLabel && flaw == ScanFlaw.None && random.NextDouble() < MisreadShare)
            {
                code = Misread(random, code);
                flaw = ScanFlaw.Misread;
            }

            var eventId = NewUuid(random);
            var receivedAt = madeAt.AddMilliseconds(random.Next(40, 900));
            member.Battery = Math.Max(5, member.Battery - (0.02 + (random.NextDouble() * 0.03)));
            var durationMs = random.Next(25, 350);
            var scan = new ScanEvent
            {
                ApiVersion = "0.5",
                EventType = ScanEvent.Type,
                EventId = flaw == ScanFlaw.MalformedEventId ? eventId.ToString("N") : eventId.ToString(),
                TimeCreated = flaw == ScanFlaw.TimeCreatedOutOfRange ? madeAt.ToUnixTimeSeconds() : madeAt.ToUnixTimeMilliseconds(),
                ScanCode = flaw == ScanFlaw.EmptyScanCode ? "" : code,
                Symbology = isLabel ? Code128 : Ean13,
                DeviceSerial = member.Device.Serial,
                DeviceModel = "M2",
                DeviceFirmware = member.Device.Firmware,
                DeviceBattery = Math.Round(member.Battery),
                GatewaySerial = member.Station.GatewaySerial,
                GatewayId = member.Station.GatewayId,
                StationName = member.Station.Name,
                TimeReceived = receivedAt.ToUnixTimeMilliseconds(),
                Metrics = [new ScanMeasure { Name = "bce_duration", Type = "duration", Unit = "ms", Value = durationMs }],
            };

            var delivery = new ScanDelivery(scan.EventId, scan.DeviceSerial, JsonSerializer.Serialize(scan, InsightJsonContext.Default.ScanEvent), receivedAt, flaw, IsRedelivery: false);
            return new ScanMade(delivery, member.Worker, member.Device, member.Station, shift, madeAt, flaw, durationMs);
        }

        /// <summary>One digit read wrong; GS1 mod-10 catches every single-digit error, so the check digit no longer fits.</summary>
        private static string Misread(Random random, string code)
        {
            var digits = code.ToCharArray();
            var position = random.Next(digits.Length);
            digits[position] = (char)('0' + ((digits[position] - '0' + random.Next(1, 10)) % 10));
            return new string(digits);
        }

        /// <summary>A version-4 UUID from the seeded generator, so event ids are reproducible too.</summary>
        public static Guid NewUuid(Random random)
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes, bigEndian: true);
        }

        public static List<string> Distinct(Random random, int count, Func<Random, string> draw)
        {
            var values = new List<string>(count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (values.Count < count)
            {
                var value = draw(random);
                if (seen.Add(value))
                {
                    values.Add(value);
                }
            }

            return values;
        }
    }
}
