using System.Text.Json;
using Insight.Sdk;
using Insight.Sdk.Aws;

namespace Ergonomics;

/// <summary>
/// A worker's ergonomics risk: <c>GET /workers/W-17/risk</c> for the most recent shifts, <c>?shift=S-1</c> for one.
/// </summary>
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /workers/{worker}/risk", Scopes = ["ergonomics:read"], MemorySize = 256, TimeoutSeconds = 5)]
public sealed partial class GetWorkerRisk(WorkerExposureReader exposures, ErgonomicsAlertReader alerts, ErgonomicsSettings settings)
{
    /// <summary>How many shifts the answer lists when the request names none.</summary>
    public const int RecentShifts = 14;

    /// <summary>Answers 200 with the shifts' scores and alerts, 404 when the worker has no measures, 400 without a worker.</summary>
    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        if (request.PathParameters?.GetValueOrDefault("worker") is not { Length: > 0 } worker)
        {
            return Error(400, "use /workers/{worker}/risk");
        }

        List<WorkerExposure> shifts;
        if (request.QueryStringParameters?.GetValueOrDefault("shift") is { Length: > 0 } shift)
        {
            shifts = await exposures.GetAsync(worker, shift, cancellationToken: cancellationToken) is { } one ? [one] : [];
        }
        else
        {
            // Shift ids do not sort by time, so the worker's exposures (bounded by their time to live) are ordered here.
            var all = new List<WorkerExposure>();
            await foreach (var exposure in exposures.QueryAsync(worker, cancellationToken: cancellationToken))
            {
                all.Add(exposure);
            }

            shifts = [.. all.OrderByDescending(e => e.LastMeasureAt).Take(RecentShifts)];
        }

        if (shifts.Count == 0)
        {
            return Error(404, $"no ergonomics measures for worker {worker}");
        }

        var raised = (await alerts.BatchGetAsync(shifts.Select(e => (e.WorkerId, e.ShiftId)), cancellationToken))
            .ToDictionary(a => a.ShiftId, StringComparer.Ordinal);
        var view = new WorkerRiskView(worker, settings.Threshold, [.. shifts.Select(e =>
        {
            var risk = RiskModel.Score(e);
            return new ShiftRiskView(
                e.ShiftId, risk.Score, risk.RepetitiveMotionsPerHour, risk.StrainedPostureMinutesPerHour, risk.OverheadReachesPerHour,
                e.Steps, e.LastMeasureAt, raised.TryGetValue(e.ShiftId, out var alert) ? AlertView.Of(alert) : null);
        })]);
        return Json(200, JsonSerializer.Serialize(view, ErgonomicsJsonContext.Default.WorkerRiskView));
    }

    private static HttpApiResponse Error(int status, string message) =>
        Json(status, JsonSerializer.Serialize(new ErrorView(message), ErgonomicsJsonContext.Default.ErrorView));

    private static HttpApiResponse Json(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
        Body = body,
    };
}
