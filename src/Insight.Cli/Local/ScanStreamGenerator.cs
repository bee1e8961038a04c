using System.Globalization;
using System.Text.Json;
using Insight.Sdk.Events;
using Insight.Sdk.Serialization;

namespace Insight.Cli.Local;

/// <summary>
/// A reproducible stream of scans from one tenant's warehouse: shifts of workers, each with a scanner at a station,
/// scanning products (EAN-13) and tote and location labels (CODE 128). A few scans are misreads, a few break the
/// scan contract, and a few are delivered twice. The stream is a pure function of (tenant, seed, count, first day), and
/// the first day moves only the scans' times.
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

    /// <summary>
    /// How many days before today a local run's stream starts: recent, because the service keeps scans 90 days from
    /// their creation and DynamoDB Local deletes expired items within seconds; far enough back that a run of 10,000
    /// scans per tenant (about 17 days of shifts) lies in the past.
    /// </summary>
    private const int RecentStreamDaysBeforeToday = 28;

    private static readonly TimeOnly FirstShiftStartTime = new(6, 0);
    private static readonly TimeSpan ShiftLength = TimeSpan.FromHours(8);
    private static readonly ScanFlaw[] ContractBreakers = [ScanFlaw.MalformedEventId, ScanFlaw.EmptyScanCode, ScanFlaw.TimeCreatedOutOfRange];

    /// <summary>The first day of a stream that starts recently, as seen at <paramref name="now"/>.</summary>
    public static DateOnly RecentFirstDay(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(-RecentStreamDaysBeforeToday);

    /// <summary>
    /// The first <paramref name="count"/> deliveries of <paramref name="tenantId"/>'s stream for <paramref name="seed"/>,
    /// whose first shift starts at 06:00 UTC on <paramref name="firstDay"/>.
    /// </summary>
    public static IReadOnlyList<ScanDelivery> Generate(string tenantId, int seed, int count, DateOnly firstDay)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        var random = new Random(StableSeed(tenantId, seed));
        var site = Site.Create(random, new DateTimeOffset(firstDay, FirstShiftStartTime, TimeSpan.Zero));
        var deliveries = new List<ScanDelivery>(count);
        var recent = new List<ScanDelivery>();
        for (var shift = 0; deliveries.Count < count; shift++)
        {
            foreach (var scan in site.WorkShift(random, shift))
            {
                if (deliveries.Count == count)
                {
                    break;
                }

                deliveries.Add(scan);
                recent.Add(scan);
                if (recent.Count > RedeliveryWindow)
                {
                    recent.RemoveAt(0);
                }

                if (deliveries.Count < count && random.NextDouble() < RedeliveryChance)
                {
                    deliveries.Add(recent[random.Next(recent.Count)] with { IsRedelivery = true });
                }
            }
        }

        return deliveries;
    }

    /// <summary>Mixes the tenant into the seed; <see cref="string.GetHashCode()"/> differs per process, FNV-1a does not.</summary>
    private static int StableSeed(string tenantId, int seed)
    {
        var hash = 2166136261u;
        foreach (var c in tenantId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)(hash ^ ((uint)seed * 2654435761u)));
    }

    private sealed record Station(string Name, string GatewaySerial, string GatewayId);

    private sealed record Worker(double Pace, int HomeStation);

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
                roster[i] = new Worker(0.7 + (random.NextDouble() * 0.7), random.Next(stations.Length));
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

        /// <summary>
        /// The scans of one eight-hour shift (early, late, early, …), in the order they were made: each worker scans
        /// at their own pace with the odd break, and the crew's scans interleave.
        /// </summary>
        public IEnumerable<ScanDelivery> WorkShift(Random random, int shift)
        {
            var start = firstShiftStart + TimeSpan.FromHours((24 * (shift / 2)) + (8 * (shift % 2)));
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

                yield return Scan(random, crew[who], next[who]);

                var gapMs = meanGapMs / crew[who].Worker.Pace * (0.3 + (1.4 * random.NextDouble()));
                if (random.NextDouble() < 0.02)
                {
                    gapMs += random.Next(10, 21) * 60_000;
                }

                next[who] = next[who].AddMilliseconds(gapMs);
            }
        }

        private CrewMember[] Crew(Random random)
        {
            var workers = roster.OrderBy(_ => random.Next()).Take(random.Next(4, Math.Min(8, roster.Length) + 1)).ToArray();
            var devices = fleet.OrderBy(_ => random.Next()).Take(workers.Length).ToArray();
            return [.. workers.Select((worker, i) => new CrewMember(worker, devices[i], stations[worker.HomeStation], random.Next(80, 101)))];
        }

        private ScanDelivery Scan(Random random, CrewMember member, DateTimeOffset madeAt)
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
                Metrics = [new ScanMeasure { Name = "bce_duration", Type = "duration", Unit = "ms", Value = random.Next(25, 350) }],
            };

            return new ScanDelivery(scan.EventId, scan.DeviceSerial, JsonSerializer.Serialize(scan, InsightJsonContext.Default.ScanEvent), receivedAt, flaw, IsRedelivery: false);
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
        private static Guid NewUuid(Random random)
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes, bigEndian: true);
        }

        private static List<string> Distinct(Random random, int count, Func<Random, string> draw)
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
