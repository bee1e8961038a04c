using System.Text.Json;
using Insight.Sdk;
using Insight.Sdk.Aws;

namespace ScanIngest;

/// <summary>Scan and error counts of a device or a station: <c>GET /stats/device/M2-0001</c>, <c>GET /stats/station/Packing%203</c>.</summary>
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /stats/{kind}/{name}", Scopes = ["scans:read"], MemorySize = 256, TimeoutSeconds = 5)]
public sealed partial class GetScanStats(ScanStatsReader stats)
{
    /// <summary>Answers 200 with the counts, 404 when nothing was counted, 400 for an unknown kind.</summary>
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        var kind = request.PathParameters?.GetValueOrDefault("kind");
        var name = request.PathParameters?.GetValueOrDefault("name");
        var subject = (kind, name) switch
        {
            ("device", { Length: > 0 }) => ScanStats.ForDevice(name),
            ("station", { Length: > 0 }) => ScanStats.ForStation(name),
            _ => null,
        };
        if (subject is null)
        {
            return new HttpApiResponse { StatusCode = 400, Body = "{\"error\":\"use /stats/device/{serial} or /stats/station/{name}\"}" };
        }

        var found = await stats.GetAsync(subject, cancellationToken: cancellationToken);
        return found is null
            ? new HttpApiResponse { StatusCode = 404 }
            : new HttpApiResponse
            {
                StatusCode = 200,
                Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
                Body = JsonSerializer.Serialize(new StatsView(found.Subject, found.Accepted, found.Rejected, found.ErrorRate), ScanIngestJsonContext.Default.StatsView),
            };
    }
}
