using Insight.Cli.Local;

namespace Insight.Cli.Tests;

/// <summary>
/// What a tenant's run must report and store, worked out from its wire scans alone: a scan that breaks the contract
/// is refused on every delivery; of the rest, the first delivery of an event id is judged and stored, every later one
/// is a duplicate the service drops.
/// </summary>
internal sealed record StreamFigures(
    int Sent,
    int Accepted,
    int Rejected,
    int Invalid,
    int DuplicatesDropped,
    IReadOnlySet<string> SentEventIds,
    IReadOnlySet<string> StoredEventIds,
    IReadOnlyList<string> StatsSubjects,
    IReadOnlyList<DeviceScans> TopDevices,
    IReadOnlyList<StationErrors> Stations)
{
    public static StreamFigures Of(IReadOnlyList<ScanDelivery> stream)
    {
        var invalid = 0;
        var duplicates = 0;
        var stored = new List<(string EventId, string Device, string Station, bool Misread)>();
        var storedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var delivery in stream)
        {
            var eventId = ScanOracle.Field<string>(delivery.Json, "event_id");
            if (ScanOracle.BreaksContract(delivery.Json))
            {
                invalid++;
            }
            else if (!storedIds.Add(eventId))
            {
                duplicates++;
            }
            else
            {
                stored.Add((eventId, ScanOracle.Field<string>(delivery.Json, "device_serial"), ScanOracle.Field<string>(delivery.Json, "station_name"), ScanOracle.IsMisreadEan13(delivery.Json)));
            }
        }

        var rejected = stored.Count(scan => scan.Misread);
        var topDevices = stored
            .GroupBy(scan => scan.Device)
            .Select(device => new DeviceScans(device.Key, device.Count()))
            .OrderByDescending(device => device.Scans)
            .ThenBy(device => device.DeviceSerial, StringComparer.Ordinal)
            .Take(3)
            .ToList();
        var stations = stored
            .GroupBy(scan => scan.Station)
            .Select(station => new StationErrors(station.Key, station.Count(), (double)station.Count(scan => scan.Misread) / station.Count()))
            .OrderBy(station => station.Station, StringComparer.Ordinal)
            .ToList();
        var subjects = stored.Select(scan => "device:" + scan.Device).Concat(stored.Select(scan => "station:" + scan.Station)).Distinct().ToList();

        return new StreamFigures(
            stream.Count,
            stored.Count - rejected,
            rejected,
            invalid,
            duplicates,
            stream.Select(delivery => ScanOracle.Field<string>(delivery.Json, "event_id")).ToHashSet(StringComparer.Ordinal),
            storedIds,
            subjects,
            topDevices,
            stations);
    }
}
