using System.Text.Json;

namespace Insight.Integration.Tests;

/// <summary>The published native-AOT bootstrap of the ScanIngest sample, run as Lambda runs it.</summary>
[Collection(PublishCollection.Name)]
public sealed class BootstrapTests(PublishedScanIngest published, LocalDynamoDb tables) : IClassFixture<PublishedScanIngest>, IClassFixture<LocalDynamoDb>
{
    private async Task<BootstrapProcess> StartWithTablesAsync(string handler) =>
        (await StartWithTablesAndEnvironmentAsync(handler)).Function;

    /// <summary>The sample's tables, created fresh, and the function pointed at them; the environment names the tables.</summary>
    private async Task<(BootstrapProcess Function, Dictionary<string, string> Environment)> StartWithTablesAndEnvironmentAsync(string handler)
    {
        var environment = await tables.CreateTablesAsync(ScanIngest.ScanRecord.Schema, ScanIngest.ScanStats.Schema);
        var function = await BootstrapProcess.StartAsync(published.Bootstrap, handler, env =>
        {
            foreach (var (name, value) in environment)
            {
                env[name] = value;
            }
        });
        return (function, environment);
    }

    [Fact]
    public void Publish_is_warning_free_and_leaves_bootstrap_and_manifest()
    {
        Assert.DoesNotMatch(@"warning [A-Z]+\d+", published.PublishOutput);
        Assert.True(File.Exists(published.Bootstrap));
        Assert.False(File.Exists(Path.Combine(published.Folder, "ScanIngest")), "the native executable is renamed, not copied");

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Folder, "insight.manifest.json")));
        var functions = manifest.RootElement.GetProperty("functions").EnumerateArray().ToDictionary(f => f.GetProperty("handler").GetString()!);
        Assert.Equal(["CheckScan", "GetScanStats", "IngestScanBatch", "RecordScan", "ScannerStateChanged"], functions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("readwrite", functions["RecordScan"].GetProperty("tables")[0].GetProperty("access").GetString());
        Assert.Equal("read", functions["GetScanStats"].GetProperty("tables")[0].GetProperty("access").GetString());
        Assert.Equal("SqsBatch", functions["IngestScanBatch"].GetProperty("trigger").GetString());
        Assert.Equal("POST /scans/check", functions["CheckScan"].GetProperty("route").GetString());
    }

    [Fact]
    public void Bootstrap_needs_no_glibc_newer_than_provided_al2023_has()
    {
        Assert.True(published.NewestGlibcNeeded() <= new Version(2, 34), $"bootstrap needs GLIBC_{published.NewestGlibcNeeded()}");
    }

    [Fact]
    public async Task Bootstrap_serves_scans_reports_a_malformed_payload_and_keeps_going()
    {
        await using var function = await StartWithTablesAsync("RecordScan");
        var goodId = WireEvents.NewId();

        var malformed = await function.InvokeAsync("{\"detail\": nope");
        var accepted = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan(goodId, "4006381333931", extra: ",\"scan_decode_symbology\":\"EAN-13\"")));
        var rejected = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan(scanCode: "4006381333932", extra: ",\"scan_decode_symbology\":\"EAN-13\"")));

        Assert.True(malformed.IsError);
        Assert.Equal("Function.InvalidPayload", malformed.ErrorType);
        Assert.False(accepted.IsError, accepted.BodyText);
        using (var body = JsonDocument.Parse(accepted.Body))
        {
            Assert.Equal(goodId, body.RootElement.GetProperty("event_id").GetString());
            Assert.Equal("accepted", body.RootElement.GetProperty("verdict").GetString());
        }

        using (var body = JsonDocument.Parse(rejected.Body))
        {
            Assert.Equal("rejected", body.RootElement.GetProperty("verdict").GetString());
            Assert.Equal("EAN-13 check digit is wrong", body.RootElement.GetProperty("reason").GetString());
        }

        var logs = function.StandardOutput.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Contains(logs, l => l.TryGetProperty("message", out var m) && m.GetString()!.Contains(goodId, StringComparison.Ordinal)
            && l.GetProperty("tenantId").GetString() == "northwind-dc-7" && l.TryGetProperty("requestId", out _));
        Assert.Contains(logs, l => l.TryGetProperty("_aws", out _) && l.TryGetProperty("ScansRejected", out _));
    }

    [Fact]
    public async Task Bootstrap_reports_each_bad_sqs_record_alone()
    {
        await using var function = await StartWithTablesAsync("IngestScanBatch");

        var outcome = await function.InvokeAsync(WireEvents.Sqs(
            ("a", WireEvents.Scan()),
            ("b", WireEvents.Scan(scanCode: new string('9', 2001))),
            ("c", "not json"),
            ("d", WireEvents.Scan())));

        Assert.False(outcome.IsError, outcome.BodyText);
        using var body = JsonDocument.Parse(outcome.Body);
        Assert.Equal(["b", "c"], body.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
    }

    [Fact]
    public async Task A_redelivered_scan_is_stored_and_counted_once()
    {
        var (function, environment) = await StartWithTablesAndEnvironmentAsync("RecordScan");
        await using var running = function;
        var scan = WireEvents.EventBridge(WireEvents.Scan(WireEvents.NewId(), device: "M2-7"));

        var first = await function.InvokeAsync(scan);
        var again = await function.InvokeAsync(scan);

        using (var body = JsonDocument.Parse(first.Body))
        {
            Assert.False(body.RootElement.GetProperty("duplicate").GetBoolean());
        }

        using (var body = JsonDocument.Parse(again.Body))
        {
            Assert.True(body.RootElement.GetProperty("duplicate").GetBoolean());
        }

        var stats = await tables.GetAsync(environment["INSIGHT_TABLE_SCAN_STATS"], ScanIngest.ScanStats.Key("device:M2-7"));
        Assert.Equal("1", stats!["Accepted"].N);
    }

    [Fact]
    public async Task Bootstrap_exits_non_zero_within_a_second_when_next_answers_500()
    {
        await using var function = await BootstrapProcess.StartAsync(published.Bootstrap, "CheckScan");
        await function.Server.FirstNextRequest.WaitAsync(TimeSpan.FromSeconds(10));
        function.Server.FailNextRequests(1, 500);
        await function.InvokeAsync(WireEvents.HttpApi(WireEvents.Scan(), "POST /scans/check"));

        var (exitCode, elapsed) = await function.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(0, exitCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"exited after {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Bootstrap_reports_missing_tenant_configuration_as_an_init_error()
    {
        await using var function = await BootstrapProcess.StartAsync(published.Bootstrap, "RecordScan", env => env.Remove("INSIGHT_TENANT_ID"));

        var report = await function.Server.InitError.WaitAsync(TimeSpan.FromSeconds(10));
        var (exitCode, _) = await function.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Runtime.MissingConfiguration", report.ErrorType);
        Assert.Contains("INSIGHT_TENANT_ID", report.ErrorMessage, StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }
}
