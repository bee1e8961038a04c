// Second blind corpus, INS111 drift: a project whose SDK version, framework or runtime differs from what the monorepo
// declares — prerelease and build-metadata versions, OS-specific and older frameworks, musl and x64 runtimes, several
// properties at once. Each case's build properties are its `// options:` line (what CompilerVisibleProperty hands over).

// ==== case: sdk-version-older-than-central
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.0.9
// expect: INS111
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: sdk-version-preview-of-next-minor
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.2.0-preview.3
// expect: INS111
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: sdk-version-patch-ahead
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.1.1
// expect: INS111
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: central-ahead-of-referenced-assembly
// options: build_property.InsightSdkCentralVersion = 0.2.0
// expect: INS111
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: central-major-one-referenced-zero
// options: build_property.InsightSdkCentralVersion = 1.0.0
// expect: INS111
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: central-with-build-metadata-ahead
// options: build_property.InsightSdkCentralVersion = 0.3.0+sha.4f2a9c1
// expect: INS111
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: central-prerelease-ahead
// options: build_property.InsightSdkCentralVersion = 0.1.1-rc.1
// expect: INS111
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: both-sdk-versions-ahead-of-assembly
// options: build_property.InsightSdkCentralVersion = 1.1.0; build_property.InsightSdkVersion = 1.0.0
// expect: INS111
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: target-framework-net9
// options: build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net9.0
// expect: INS111
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: target-framework-net8-lts
// options: build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net8.0
// expect: INS111
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: target-framework-netstandard-library
// options: build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = netstandard2.0
// expect: INS111
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: target-framework-os-specific
// options: build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net10.0-windows
// expect: INS111
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: runtime-x64-instead-of-arm64
// options: build_property.InsightRuntimeIdentifier = linux-arm64; build_property.RuntimeIdentifier = linux-x64
// expect: INS111
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: runtime-musl-arm64
// options: build_property.InsightRuntimeIdentifier = linux-arm64; build_property.RuntimeIdentifier = linux-musl-arm64
// expect: INS111
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: runtime-windows-developer-publish
// options: build_property.InsightRuntimeIdentifier = linux-x64; build_property.RuntimeIdentifier = win-x64
// expect: INS111
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: runtime-x86-architecture-override
// options: build_property.InsightRuntimeIdentifier = linux-arm64; build_property.InsightArchitecture = x86_64; build_property.RuntimeIdentifier = linux-x64
// expect: INS111
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: framework-and-runtime-both-drift
// options: build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net9.0; build_property.InsightRuntimeIdentifier = linux-arm64; build_property.RuntimeIdentifier = linux-x64
// expect: INS111
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: everything-declared-only-sdk-drifts
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.4.2; build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net10.0; build_property.InsightRuntimeIdentifier = linux-arm64; build_property.RuntimeIdentifier = linux-arm64
// expect: INS111
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: everything-declared-only-framework-drifts
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.1.0; build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net11.0; build_property.InsightRuntimeIdentifier = linux-arm64
// expect: INS111
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: sdk-version-minor-ten-not-one
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.10.0
// expect: INS111
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: central-lower-than-assembly
// options: build_property.InsightSdkCentralVersion = 0.0.5
// expect: INS111
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}
