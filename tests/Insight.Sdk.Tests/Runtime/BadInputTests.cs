using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Insight.Local.RuntimeApi;
using Insight.Sdk.Runtime;

namespace Insight.Sdk.Tests.Runtime;

/// <summary>
/// The cases an independent robustness run found short, each answered through the real host and Runtime API server with a
/// stable error type and a message that names what was wrong.
/// </summary>
public sealed partial class BadInputTests
{
    [Theory]
    [InlineData("""{"Records":null}""", "$.Records: expected an array of SQS messages, found null")]
    [InlineData("""{}""", "$.Records: expected an array, found nothing: the field is required")]
    [InlineData("""{"Records":[null]}""", "$.Records[0]: expected an object (an SQS message), found null")]
    [InlineData("""{"Records":[{"body":"{}"}]}""", "$.Records[0].messageId: expected a string, found nothing: the field is required")]
    [InlineData("""{"Records":{"messageId":"m1"}}""", "$.Records: expected an array, found an object")]
    [InlineData("""[]""", "$: expected an object, found an array")]
    public async Task A_malformed_sqs_event_is_an_invalid_payload_naming_the_path(string payload, string problem)
    {
        await using var function = await RunningFunction.StartAsync("ScanBatch");

        var outcome = await function.InvokeAsync(payload);

        Assert.Equal("Function.InvalidPayload", outcome.ErrorType);
        Assert.Equal("The payload is not a valid SQS event: " + problem, outcome.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"version":"0","source":"insight.scanners"}""", "$.detail: expected an object (the ScanEvent event), found nothing")]
    [InlineData("""{"version":"0","detail":null}""", "$.detail: expected an object (the ScanEvent event), found null")]
    [InlineData("""{"version":"0","detail":[1]}""", "$.detail: expected an object, found an array")]
    [InlineData("""{"source":5,"detail":{}}""", "$.source: expected a string, found the number 5")]
    [InlineData("""{"time":"soon","detail":{}}""", "$.time: expected a date and time (ISO 8601), found the string \"soon\"")]
    [InlineData("""{"resources":["a",7],"detail":{}}""", "$.resources[1]: expected a string, found the number 7")]
    [InlineData("""["detail"]""", "$: expected an object (an EventBridge event), found an array")]
    [InlineData("""42""", "$: expected an object (an EventBridge event), found the number 42")]
    [InlineData("""{"version":"0",""", "$.version: not well-formed JSON after byte offset 14: Expected start of a property name or value, but instead reached end of data")]
    [InlineData("""{"version":"0","detail":{"api_version":""", "$.detail.api_version: not well-formed JSON")]
    public async Task A_malformed_eventbridge_event_is_an_invalid_payload_naming_the_path(string payload, string problem)
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");

        var outcome = await function.InvokeAsync(payload);

        Assert.Equal("Function.InvalidPayload", outcome.ErrorType);
        Assert.Contains(problem, outcome.ErrorMessage, StringComparison.Ordinal);
        AssertNoTypeNames(outcome.ErrorMessage);
    }

    [Fact]
    public async Task Wrong_types_out_of_range_numbers_bad_utf8_and_lone_surrogates_are_each_named()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");
        var id = WireEvents.NewId();

        var wrongType = await function.InvokeAsync(WireEvents.EventBridge($$"""{"api_version":"1.0","event_type":"scan","event_id":"{{id}}","time_created":"soon","scan_code":"1","device_serial":"d"}"""));
        var tooLarge = await function.InvokeAsync(WireEvents.EventBridge($$"""{"api_version":"1.0","event_type":"scan","event_id":"{{id}}","time_created":1e30,"scan_code":"1","device_serial":"d"}"""));
        var loneSurrogate = await function.InvokeAsync(WireEvents.EventBridge($$"""{"api_version":"1.0","event_type":"scan","event_id":"{{id}}","time_created":{{WireEvents.Now}},"scan_code":"ab\ud800c","device_serial":"d"}"""));
        var missing = await function.InvokeAsync(WireEvents.EventBridge($$"""{"api_version":"1.0","event_type":"scan","event_id":"{{id}}","time_created":{{WireEvents.Now}},"device_serial":"d"}"""));
        var bytes = System.Text.Encoding.UTF8.GetBytes(WireEvents.EventBridge(WireEvents.Scan(id, scanCode: "40063813#3931")));
        var at = Array.IndexOf(bytes, (byte)'#');
        bytes[at] = 0xFF;
        var badUtf8 = await function.Server.InvokeAsync(bytes).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(new[] { wrongType, tooLarge, loneSurrogate, missing, badUtf8 }, outcome =>
        {
            Assert.Equal("Function.InvalidPayload", outcome.ErrorType);
            AssertNoTypeNames(outcome.ErrorMessage);
        });
        Assert.EndsWith("$.detail.time_created: expected a whole number (Unix ms), found the string \"soon\"", wrongType.ErrorMessage, StringComparison.Ordinal);
        Assert.EndsWith("$.detail.time_created: expected a whole number (Unix ms), found the number 1e30, which is out of range (-9223372036854775808 to 9223372036854775807)", tooLarge.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("$.detail.scan_code: found the string \"ab\\ud800c\": the string holds a lone surrogate", loneSurrogate.ErrorMessage, StringComparison.Ordinal);
        Assert.EndsWith("$.detail.scan_code: expected a string, found nothing: the field is required", missing.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"$.detail.scan_code: the payload is not valid UTF-8: 0xFF at byte offset {at} is not a UTF-8 character", badUtf8.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Envelope_fields_the_handler_never_sees_are_still_checked_for_text_that_is_not_text()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");
        var bytes = System.Text.Encoding.UTF8.GetBytes(WireEvents.EventBridge(WireEvents.Scan()).Replace("\"source\":\"", "\"source\":\"#", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;

        var badUtf8 = await function.Server.InvokeAsync(bytes).WaitAsync(TimeSpan.FromSeconds(30));
        var loneSurrogate = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan()).Replace("\"source\":\"", "\"source\":\"\\ud800", StringComparison.Ordinal));

        Assert.Equal("Function.InvalidPayload", badUtf8.ErrorType);
        Assert.Contains("$.source", badUtf8.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("Function.InvalidPayload", loneSurrogate.ErrorType);
        Assert.Contains("$.source", loneSurrogate.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_dynamodb_unreachable_the_error_names_the_service_the_operation_and_the_table()
    {
        var port = ClosedPort();
        await using var function = await RunningFunction.StartAsync("StoreReading", env =>
        {
            env["INSIGHT_TABLE_READINGS"] = "readings-acme";
            env["INSIGHT_DYNAMODB_ENDPOINT"] = $"http://127.0.0.1:{port}";
            env["AWS_ACCESS_KEY_ID"] = "local";
            env["AWS_SECRET_ACCESS_KEY"] = "local";
        });
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "local");
        var id = WireEvents.NewId();

        var outcome = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan(id)));

        Assert.Equal("Dependency.DynamoDB", outcome.ErrorType);
        Assert.StartsWith("PutItem on table readings-acme: connection refused", outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", outcome.ErrorMessage, StringComparison.Ordinal);
        var failure = function.OutputLines().Single(l => l.TryGetProperty("level", out var level) && level.GetString() == "ERROR");
        Assert.Equal(id, failure.GetProperty("event_id").GetString());
        Assert.Equal("Dependency.DynamoDB", failure.GetProperty("ErrorType").GetString());
    }

    [Fact]
    public async Task An_invocation_arriving_inside_the_safety_margin_is_not_started()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");

        var outcome = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan()), new InvocationOptions { Timeout = TimeSpan.FromMilliseconds(100) });

        Assert.Equal("Function.DeadlineExceeded", outcome.ErrorType);
        Assert.Matches(MarginMessage(), outcome.ErrorMessage);
        var lines = function.OutputLines();
        Assert.DoesNotContain(lines, l => l.TryGetProperty("message", out var m) && m.GetString()!.StartsWith("Echo ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TryGetProperty("Echoed", out _));
        Assert.Contains(lines, l => l.TryGetProperty("DeadlineRefusals", out var refusals) && refusals.GetDouble() == 1);
        var next = await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan()));
        Assert.False(next.IsError, next.BodyText);
    }

    [Fact]
    public async Task A_handler_cancelled_at_the_margin_says_so_instead_of_a_task_was_canceled()
    {
        await using var function = await RunningFunction.StartAsync("PingHandler");

        var outcome = await function.InvokeAsync(WireEvents.EventBridge("""{"mode":"hang"}""", "Ping"), new InvocationOptions { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Equal("Function.DeadlineExceeded", outcome.ErrorType);
        Assert.Equal("The handler was still running 250 ms before the deadline (the safety margin) and was cancelled; work it had started may be partly done.", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Runtime_api_requests_name_the_sdk_its_version_and_the_architecture()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");

        await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan()));

        var userAgent = function.Server.LastUserAgent;
        Assert.NotNull(userAgent);
        Assert.Matches(UserAgentShape(), userAgent);
        Assert.EndsWith($"; {RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()})", userAgent, StringComparison.Ordinal);
        Assert.Equal(RuntimeApiClient.UserAgent, userAgent);
        Assert.StartsWith($"insight-sdk/{typeof(RuntimeApiClient).Assembly.GetName().Version!.ToString(3)}", userAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_logs_carry_the_scanner_event_id_beside_the_request_id()
    {
        await using var function = await RunningFunction.StartAsync("ScanBatch");
        var thrown = WireEvents.NewId();
        var contract = "NOT-A-UUID";

        await function.InvokeAsync(WireEvents.Sqs(("m1", WireEvents.Scan(thrown, scanCode: "boom")), ("m2", WireEvents.Scan(contract)), ("m3", "{ not json")), new InvocationOptions { RequestId = "req-9" });

        var failures = function.OutputLines().Where(l => l.TryGetProperty("MessageId", out _)).ToDictionary(l => l.GetProperty("MessageId").GetString()!);
        Assert.Equal(thrown, failures["m1"].GetProperty("event_id").GetString());
        Assert.Equal(contract, failures["m2"].GetProperty("event_id").GetString());
        Assert.False(failures["m3"].TryGetProperty("event_id", out _));
        Assert.All(failures.Values, line => Assert.Equal("req-9", line.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task An_eventbridge_failure_log_carries_the_event_id_even_when_the_event_is_invalid()
    {
        await using var function = await RunningFunction.StartAsync("EchoScan");
        var id = WireEvents.NewId();

        await function.InvokeAsync(WireEvents.EventBridge(WireEvents.Scan(id, scanCode: "")));

        var failure = function.OutputLines().Single(l => l.TryGetProperty("ErrorType", out _));
        Assert.Equal("Function.ContractViolation", failure.GetProperty("ErrorType").GetString());
        Assert.Equal(id, failure.GetProperty("event_id").GetString());
        Assert.Contains("$.detail.scan_code: length must be 1-2000, got 0", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_marked_base64_that_is_not_is_a_400_naming_the_body()
    {
        await using var function = await RunningFunction.StartAsync("PostScan");
        var request = WireEvents.HttpApi(WireEvents.Scan()).Replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true", StringComparison.Ordinal);

        var outcome = await function.InvokeAsync(request);

        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(400, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("$.body: isBase64Encoded is true, but the body is not valid base64", response.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    internal static void AssertNoTypeNames(string? message)
    {
        Assert.NotNull(message);
        Assert.DoesNotMatch(@"\b(System|Insight|Amazon|Microsoft)\.[A-Z]", message);
        Assert.DoesNotContain("could not be converted", message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"^The invocation arrived with \d+ ms left, below the 250 ms safety margin; the handler was not run \(no side effects\)\.$")]
    private static partial Regex MarginMessage();

    [GeneratedRegex(@"^insight-sdk/\d+\.\d+\.\d+\S* \((linux|macos|windows|other); [a-z0-9]+\)$")]
    private static partial Regex UserAgentShape();
}
