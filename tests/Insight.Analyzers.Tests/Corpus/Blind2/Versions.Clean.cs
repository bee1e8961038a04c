// Second blind corpus, INS111 near-misses: versions equal by major, minor and patch, properties the monorepo does not
// declare, plain builds without a runtime, empty declarations, unrelated properties and test projects — all silent.

// ==== case: all-versions-match
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.1.0; build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net10.0; build_property.InsightRuntimeIdentifier = linux-arm64; build_property.RuntimeIdentifier = linux-arm64
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: central-matches-assembly-no-override
// options: build_property.InsightSdkCentralVersion = 0.1.0
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: sdk-version-dev-suffix-same-patch
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.1.0-dev
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: central-with-release-suffix
// options: build_property.InsightSdkCentralVersion = 0.1.0-rel.20250101.g1a2b3c4
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: both-prerelease-same-patch
// options: build_property.InsightSdkCentralVersion = 0.1.0-preview.2; build_property.InsightSdkVersion = 0.1.0-preview.1
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: sdk-version-with-build-metadata
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.1.0+sha.4f2a9c1
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: central-four-part
// options: build_property.InsightSdkCentralVersion = 0.1.0.0
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: plain-build-without-runtime
// options: build_property.InsightRuntimeIdentifier = linux-arm64; build_property.TargetFramework = net10.0; build_property.InsightTargetFramework = net10.0
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: empty-runtime-identifier
// options: build_property.InsightRuntimeIdentifier = linux-arm64; build_property.RuntimeIdentifier = 
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: framework-not-declared-by-monorepo
// options: build_property.TargetFramework = net9.0
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: runtime-not-declared-by-monorepo
// options: build_property.RuntimeIdentifier = linux-x64
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: sdk-version-without-central
// options: build_property.InsightSdkVersion = 0.9.0
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: empty-central-version
// options: build_property.InsightSdkCentralVersion = ; build_property.InsightSdkVersion = 0.2.0
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: x64-service-matches-x64-monorepo
// options: build_property.InsightArchitecture = x86_64; build_property.InsightRuntimeIdentifier = linux-x64; build_property.RuntimeIdentifier = linux-x64
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: framework-and-runtime-match
// options: build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net10.0; build_property.InsightRuntimeIdentifier = linux-x64; build_property.RuntimeIdentifier = linux-x64
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: no-build-properties
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}

// ==== case: unrelated-properties-differ
// options: build_property.LangVersion = preview; build_property.Nullable = disable; build_property.RootNamespace = Scans.Legacy
public static class VersionInfo
{
    public static string Describe(TenantContext tenant) => $"{tenant.ServiceName} {typeof(TenantContext).Assembly.GetName().Version}";
}

// ==== case: test-project-on-older-framework
// project: test
// options: build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net9.0; build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.0.9
using Xunit;

public sealed class VersionTests
{
    [Fact]
    public void Loads() => _ = typeof(TenantContext).Assembly.GetName().Version ?? throw new InvalidOperationException();
}

// ==== case: test-project-with-runtime
// project: test
// options: build_property.InsightRuntimeIdentifier = linux-arm64; build_property.RuntimeIdentifier = win-x64
using Xunit;

public sealed class VersionTests
{
    [Fact]
    public void Loads() => _ = typeof(TenantContext).Assembly.GetName().Version ?? throw new InvalidOperationException();
}

// ==== case: empty-target-framework-declaration
// options: build_property.InsightTargetFramework = ; build_property.TargetFramework = net9.0
public sealed record ScanSummary(string EventId, int Count);

[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 day)")]
public sealed partial class Summarize
{
    public Task<ScanSummary> HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.FromResult(new ScanSummary(tick.Id ?? "", 0));
}

// ==== case: architecture-declared-without-rid
// options: build_property.InsightArchitecture = arm64; build_property.InsightSdkCentralVersion = 0.1.0
[ScanEventHandler]
public sealed partial class Ingest(ILogger<Ingest> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
        return Task.CompletedTask;
    }
}
