using System.Diagnostics;
using System.Text.Json;
using Insight.Local.RuntimeApi;

namespace Insight.Sdk.Tests.Runtime;

public sealed class FunctionHostTests
{
    [Fact]
    public async Task Successful_invocation_posts_the_handler_result_with_the_deployment_tenant()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");
        var id = WireEvents.NewId();

        var outcome = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan(id)), new InvocationOptions { TraceId = "Root=1-5f84c7a1-0123456789abcdef01234567;Sampled=1" });

        Assert.False(outcome.IsError, outcome.BodyText);
        using var body = JsonDocument.Parse(outcome.Body);
        Assert.Equal(id, body.RootElement.GetProperty("event_id").GetString());
        Assert.Equal("acme-logistics", body.RootElement.GetProperty("tenant").GetString());
        Assert.Equal("Root=1-5f84c7a1-0123456789abcdef01234567;Sampled=1", body.RootElement.GetProperty("trace_id").GetString());
        Assert.True(body.RootElement.GetProperty("cold_start").GetBoolean());
        Assert.InRange(body.RootElement.GetProperty("remaining_ms").GetDouble(), 1, 30_000);
    }

    [Fact]
    public async Task Handler_exception_is_reported_through_error_and_the_loop_goes_on()
    {
        await using var function = await RunningFunction.StartAsync("PingHandler");

        var failed = await function.InvokeAsync(WireEvents.EventBridge("""{"mode":"throw"}""", "Ping"));
        var next = await function.InvokeAsync(WireEvents.EventBridge("""{"mode":"ok"}""", "Ping"));

        Assert.True(failed.IsError);
        Assert.Equal("InvalidOperationException", failed.ErrorType);
        Assert.Equal("The ping asked to fail.", failed.ErrorMessage);
        Assert.Contains(failed.StackTrace, frame => frame.Contains("PingHandler", StringComparison.Ordinal));
        Assert.False(next.IsError, next.BodyText);
    }

    [Fact]
    public async Task Malformed_payload_is_an_invocation_error_naming_the_problem_and_the_loop_goes_on()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");

        var notJson = await function.InvokeAsync("{\"detail\": {not json");
        var wrongShape = await function.InvokeAsync(WireEvents.EventBridge("""{"api_version":"1.0","event_type":"scan","event_id":"x","time_created":"soon","scan_code":"1","device_serial":"d"}"""));
        var next = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan()));

        Assert.Equal("Function.InvalidPayload", notJson.ErrorType);
        Assert.StartsWith("The payload is not a valid EventBridge event of ScanEvent", notJson.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("Function.InvalidPayload", wrongShape.ErrorType);
        Assert.Contains("$.detail.time_created: expected a whole number (Unix ms), found the string \"soon\"", wrongShape.ErrorMessage, StringComparison.Ordinal);
        Assert.False(next.IsError, next.BodyText);
    }

    [Fact]
    public async Task Contract_violation_names_every_offending_field_and_rule()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");

        var outcome = await function.InvokeAsync(WireEvents.EventBridge(
            """{"api_version":"1.0","event_type":"scan","event_id":"NOT-A-UUID","time_created":12,"scan_code":"","device_serial":"M2"}"""));

        Assert.Equal("Function.ContractViolation", outcome.ErrorType);
        Assert.Contains("event_id: must be a lower-case UUID", outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("time_created: must be Unix milliseconds between 1546300800000 and 99999999999999, got 12", outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("scan_code: length must be 1-2000, got 0", outcome.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_field_is_named()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");

        var outcome = await function.InvokeAsync(WireEvents.EventBridge(
            $$"""{"api_version":"1.0","event_type":"scan","event_id":"{{WireEvents.NewId()}}","time_created":{{WireEvents.Now}},"device_serial":"M2"}"""));

        Assert.Equal("Function.InvalidPayload", outcome.ErrorType);
        Assert.Contains("scan_code", outcome.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_records_in_an_sqs_batch_fail_alone_and_the_good_ones_are_processed()
    {
        await using var function = await RunningFunction.StartAsync("ScanBatch");
        var good1 = WireEvents.NewId();
        var good2 = WireEvents.NewId();

        var outcome = await function.InvokeAsync(WireEvents.Sqs(
            ("m1", WireEvents.Scan(good1)),
            ("m2", "{ this is not json"),
            ("m3", WireEvents.Scan("UPPER-CASE-ID")),
            ("m4", WireEvents.Scan(scanCode: "boom")),
            ("m5", WireEvents.Scan(good2))));

        Assert.False(outcome.IsError, outcome.BodyText);
        using var body = JsonDocument.Parse(outcome.Body);
        var failed = body.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()).ToList();
        Assert.Equal(["m2", "m3", "m4"], failed);

        var lines = function.OutputLines();
        Assert.Contains(lines, l => l.TryGetProperty("MessageId", out var m) && m.GetString() == "m3"
            && l.GetProperty("message").GetString()!.Contains("event_id: must be a lower-case UUID", StringComparison.Ordinal));
        var metrics = lines.Single(l => l.TryGetProperty("_aws", out _));
        Assert.Equal(5, metrics.GetProperty("BatchRecords").GetDouble());
        Assert.Equal(3, metrics.GetProperty("BatchRecordFailures").GetDouble());
    }

    [Fact]
    public async Task Deadline_cancels_the_handler_and_reports_deadline_exceeded()
    {
        await using var function = await RunningFunction.StartAsync("PingHandler");
        var started = Stopwatch.StartNew();

        var outcome = await function.InvokeAsync(WireEvents.EventBridge("""{"mode":"hang"}""", "Ping"), new InvocationOptions { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Equal("Function.DeadlineExceeded", outcome.ErrorType);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
        var next = await function.InvokeAsync(WireEvents.EventBridge("""{"mode":"ok"}""", "Ping"));
        Assert.False(next.IsError, next.BodyText);
    }

    [Fact]
    public async Task The_deadline_still_fires_for_an_invocation_after_warm_ones_that_ended_in_time()
    {
        await using var function = await RunningFunction.StartAsync("PingHandler");
        for (var i = 0; i < 2; i++)
        {
            var warm = await function.InvokeAsync(WireEvents.EventBridge("""{"mode":"ok"}""", "Ping"));
            Assert.False(warm.IsError, warm.BodyText);
        }

        var outcome = await function.InvokeAsync(WireEvents.EventBridge("""{"mode":"hang"}""", "Ping"), new InvocationOptions { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Equal("Function.DeadlineExceeded", outcome.ErrorType);
    }

    [Fact]
    public async Task A_later_invocations_deadline_never_cancels_the_token_an_earlier_one_handed_out()
    {
        await using var function = await RunningFunction.StartAsync("PingHandler");
        var kept = await function.InvokeAsync(WireEvents.EventBridge("""{"mode":"keep"}""", "Ping"));
        Assert.False(kept.IsError, kept.BodyText);
        var token = Insight.Sdk.Tests.Handlers.PingHandler.Kept;

        var outcome = await function.InvokeAsync(WireEvents.EventBridge("""{"mode":"hang"}""", "Ping"), new InvocationOptions { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Equal("Function.DeadlineExceeded", outcome.ErrorType);
        Assert.False(token.IsCancellationRequested, "the first invocation's token was cancelled by the second one's deadline");
    }

    [Fact]
    public async Task Tenant_header_reaches_the_invocation_but_never_replaces_the_deployment_tenant()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");

        var outcome = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan()), new InvocationOptions { TenantId = "someone-else" });

        using var body = JsonDocument.Parse(outcome.Body);
        Assert.Equal("someone-else", body.RootElement.GetProperty("invocation_tenant").GetString());
        Assert.Equal("acme-logistics", body.RootElement.GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task Missing_tenant_configuration_is_an_init_error_and_the_runtime_exits()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan", env => env.Remove("INSIGHT_TENANT_ID"));

        var report = await function.Server.InitError.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Runtime.MissingConfiguration", report.ErrorType);
        Assert.Contains("INSIGHT_TENANT_ID", report.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, await function.Exit.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, function.Server.NextRequestCount);
    }

    [Fact]
    public async Task Unknown_handler_is_an_init_error_listing_the_handlers_there_are()
    {
        await using var function = await RunningFunction.StartAsync("NoSuchThing");

        var report = await function.Server.InitError.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Runtime.NoSuchHandler", report.ErrorType);
        Assert.Contains("\"NoSuchThing\"", report.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("EchoScan", report.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, await function.Exit.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Server_error_from_next_makes_the_runtime_exit_non_zero_promptly()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");
        await function.Server.FirstNextRequest.WaitAsync(TimeSpan.FromSeconds(10));

        // The poll already waiting gets this invocation; the poll after it gets the 500.
        function.Server.FailNextRequests(1, 500);
        var served = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan()));
        var started = Stopwatch.StartNew();

        var exit = await function.Exit.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, exit);
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Http_api_answers_400_naming_the_field_for_a_bad_body_and_200_for_a_good_one()
    {
        await using var function = await RunningFunction.StartAsync("PostScan");
        var id = WireEvents.NewId();

        var bad = await function.InvokeAsync(WireEvents.HttpApi(WireEvents.Scan(scanCode: new string('x', 2001))));
        var good = await function.InvokeAsync(WireEvents.HttpApi(WireEvents.Scan(id)));

        Assert.False(bad.IsError, bad.BodyText);
        using var badBody = JsonDocument.Parse(bad.Body);
        Assert.Equal(400, badBody.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("scan_code: length must be 1-2000, got 2001", badBody.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
        using var goodBody = JsonDocument.Parse(good.Body);
        Assert.Equal(200, goodBody.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains(id, goodBody.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verified_caller_reaches_the_handler()
    {
        await using var function = await RunningFunction.StartAsync("WhoAmI");

        var outcome = await function.InvokeAsync(WireEvents.HttpApi(WireEvents.Scan(), "POST /me", scopes: "profile:read scans:read"));

        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        using var caller = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!);
        Assert.Equal("user-17", caller.RootElement.GetProperty("subject").GetString());
        Assert.Equal(WireEvents.Tenant, caller.RootElement.GetProperty("tenant").GetString());
        Assert.Equal(["profile:read", "scans:read"], caller.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(5, caller.RootElement.GetProperty("claims").GetInt32());
    }

    [Theory]
    [InlineData("northwind-dc-7", "profile:read", 403, "issued for another tenant")]
    [InlineData(WireEvents.Tenant, "scans:read", 403, "lacks the scope profile:read")]
    [InlineData(null, "profile:read", 401, "no verified token")]
    public async Task A_caller_the_route_does_not_admit_is_refused_without_running_the_handler(string? tenant, string scopes, int status, string message)
    {
        await using var function = await RunningFunction.StartAsync("WhoAmI");

        var outcome = await function.InvokeAsync(WireEvents.HttpApi(WireEvents.Scan(), "POST /me", tenant, scopes));

        Assert.False(outcome.IsError, outcome.BodyText);
        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(status, response.RootElement.GetProperty("statusCode").GetInt32());
        var body = response.RootElement.GetProperty("body").GetString()!;
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.DoesNotContain("subject", body, StringComparison.Ordinal);
        // The refusal names no claim value: another tenant's id stays out of the response and the logs.
        Assert.DoesNotContain("northwind", body + string.Join("\n", function.OutputLines().Select(line => line.GetRawText())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_route_serves_callers_without_a_token()
    {
        await using var function = await RunningFunction.StartAsync("Probe");

        var outcome = await function.InvokeAsync(WireEvents.HttpApi(WireEvents.Scan(), "POST /probe", tenant: null));

        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        using var caller = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!);
        Assert.Equal(-1, caller.RootElement.GetProperty("claims").GetInt32());
    }

    [Fact]
    public async Task Scheduled_event_reaches_the_handler_with_its_rule()
    {
        await using var function = await RunningFunction.StartAsync("Tick");

        var outcome = await function.InvokeAsync("""{"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"210987654321","time":"2026-01-01T00:00:00Z","region":"eu-central-1","resources":["arn:aws:events:eu-central-1:210987654321:rule/tick"],"detail":{}}""");

        Assert.False(outcome.IsError, outcome.BodyText);

        // The handler recorded no metric: no Embedded Metric Format line, so an idle account publishes no custom metric.
        Assert.DoesNotContain(function.OutputLines(), l => l.TryGetProperty("_aws", out _));
    }

    [Fact]
    public async Task Logs_are_json_lines_with_request_tenant_trace_and_cold_start_and_metrics_are_emf()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan", env => env["INSIGHT_METRICS_NAMESPACE"] = "Plant");

        var first = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan()), new InvocationOptions { RequestId = "req-1", TraceId = "Root=1-a-b" });
        await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan()), new InvocationOptions { RequestId = "req-2" });

        Assert.False(first.IsError);
        var lines = function.OutputLines();
        var logs = lines.Where(l => l.TryGetProperty("message", out var m) && m.GetString()!.StartsWith("Echo ", StringComparison.Ordinal)).ToList();
        Assert.True(logs.Count == 2, string.Join("\n", lines));
        Assert.Equal("req-1", logs[0].GetProperty("requestId").GetString());
        Assert.Equal("acme-logistics", logs[0].GetProperty("tenantId").GetString());
        Assert.Equal("Root=1-a-b", logs[0].GetProperty("traceId").GetString());
        Assert.True(logs[0].GetProperty("coldStart").GetBoolean());
        Assert.False(logs[1].GetProperty("coldStart").GetBoolean());
        Assert.Equal("INFO", logs[0].GetProperty("level").GetString());

        var emf = lines.Where(l => l.TryGetProperty("_aws", out _)).ToList();
        Assert.Equal(2, emf.Count);
        var directive = emf[0].GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("Plant", directive.GetProperty("Namespace").GetString());
        Assert.Equal(["Service", "TenantId"], directive.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("acme-logistics", emf[0].GetProperty("TenantId").GetString());
        Assert.Equal(1, emf[0].GetProperty("Echoed").GetDouble());
        Assert.Equal(1, emf[0].GetProperty("ColdStart").GetDouble());
        Assert.False(emf[1].TryGetProperty("ColdStart", out _));
    }
}
