namespace LocalScenario.Streams;

/// <summary>Everything one tenant's scanners send during a run, made by <see cref="ScanStreamGenerator.GenerateTenant"/>.</summary>
/// <param name="Scans">The scans, for ScanIngest.</param>
/// <param name="Metrics">Each worker's hourly productivity samples (<c>scan</c>, <c>missed_scan</c>, <c>scan_duration</c>), for Productivity.</param>
/// <param name="Measures">Each worker's hourly ergonomics measures, for Ergonomics.</param>
internal sealed record TenantStream(IReadOnlyList<ScanDelivery> Scans, IReadOnlyList<MeasureDelivery> Metrics, IReadOnlyList<MeasureDelivery> Measures);
