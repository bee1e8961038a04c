using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json;
using Insight.Cli.Commands;

namespace Insight.Cli.Tests.Front;

public sealed class SendCommandTests : IDisposable
{
    private readonly LocalRunFixture _run = new();
    private readonly RecordingBus _bus = new();

    public void Dispose()
    {
        _run.Dispose();
        _bus.Dispose();
    }

    private (int Exit, string Output, string Error) Send(string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        using var http = new HttpClient(_bus, disposeHandler: false);
        var exit = new RootCommand { SendCommand.Create(output, error, input, http) }.Parse(["send", "--state", _run.StatePath, .. args]).Invoke();
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void One_event_goes_to_the_tenants_endpoint_as_an_AWS_JSON_PutEvents_request()
    {
        var (exit, output, _) = Send(null, "--tenant", "tenant-002", "--source", "acme.scans", "--detail-type", "Scan", "--detail", """{"device":"d1"}""");

        Assert.Equal(0, exit);
        var request = Assert.Single(_bus.Requests);
        Assert.Equal("http://127.0.0.1:5002/", request.Url);
        Assert.Equal("AWSEvents.PutEvents", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.ContentType);
        using var body = JsonDocument.Parse(request.Body);
        var entry = Assert.Single(body.RootElement.GetProperty("Entries").EnumerateArray());
        Assert.Equal("acme.scans", entry.GetProperty("Source").GetString());
        Assert.Equal("Scan", entry.GetProperty("DetailType").GetString());
        Assert.Equal("""{"device":"d1"}""", entry.GetProperty("Detail").GetString());
        Assert.False(entry.TryGetProperty("EventBusName", out _));
        Assert.Contains("ok      the options: event-1", output, StringComparison.Ordinal);
        Assert.Contains("1 event(s) for tenant-002: 1 put on the bus, 0 refused.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_on_standard_input_go_in_requests_of_ten_with_every_result_printed()
    {
        var lines = string.Join('\n', Enumerable.Range(1, 23).Select(n => $$$"""{"source":"acme.scans","detail-type":"Scan","detail":{"n":{{{n}}}}}"""));

        var (exit, output, _) = Send(lines, "--tenant", "tenant-001", "--bus", "tenant-bus");

        Assert.Equal(0, exit);
        Assert.Equal([10, 10, 3], _bus.Requests.Select(request => request.EntryCount));
        Assert.All(_bus.Requests, request => Assert.Equal("http://127.0.0.1:5001/", request.Url));
        Assert.Contains("\"EventBusName\":\"tenant-bus\"", _bus.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("ok      line 23: event-23", output, StringComparison.Ordinal);
        Assert.Contains("23 event(s) for tenant-001: 23 put on the bus, 0 refused.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_the_bus_refuses_is_printed_and_fails_the_command()
    {
        _bus.RefuseDetailTypes.Add("Bad");
        var file = Path.Combine(_run.Folder, "events.json");
        File.WriteAllText(file, """
            [
              {"source":"acme.scans","detail-type":"Scan","detail":{}},
              {"source":"acme.scans","detail-type":"Bad","detail":{}}
            ]
            """);

        var (exit, output, _) = Send(null, "--tenant", "tenant-001", "--file", file);

        Assert.Equal(1, exit);
        Assert.Contains("ok      line 2 (event 1): event-1", output, StringComparison.Ordinal);
        Assert.Contains("REFUSED line 3 (event 2): InternalFailure: refused by the test bus", output, StringComparison.Ordinal);
        Assert.Contains("1 put on the bus, 1 refused.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_line_stops_everything_before_anything_is_sent()
    {
        var stdin = """
            {"source":"acme.scans","detail-type":"Scan","detail":{}}
            {"source":"acme.scans","detail":{}}
            """;

        var (exit, _, error) = Send(stdin, "--tenant", "tenant-001");

        Assert.Equal(1, exit);
        Assert.Empty(_bus.Requests);
        Assert.Contains("Nothing sent: line 2: \"detail-type\" is missing.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_request_refused_by_the_endpoint_is_reported_with_its_error()
    {
        _bus.RefuseRequests = true;

        var (exit, _, error) = Send(null, "--tenant", "tenant-001", "--source", "a.b", "--detail-type", "T", "--detail", "{}");

        Assert.Equal(1, exit);
        Assert.Contains("refused the request (400): ValidationException: too many entries", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_tenant_or_no_run_sends_nothing_and_says_why()
    {
        var unknown = Send(null, "--tenant", "tenant-404", "--source", "a.b", "--detail-type", "T", "--detail", "{}");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("no tenant 'tenant-404'", unknown.Error, StringComparison.Ordinal);

        File.Delete(_run.StatePath);
        var stopped = Send(null, "--tenant", "tenant-001", "--source", "a.b", "--detail-type", "T", "--detail", "{}");
        Assert.Equal(1, stopped.Exit);
        Assert.Contains("No local run", stopped.Error, StringComparison.Ordinal);
        Assert.Empty(_bus.Requests);
    }

    [Fact]
    public void One_event_and_a_file_together_are_refused()
    {
        var (exit, _, error) = Send(null, "--tenant", "tenant-001", "--source", "a.b", "--file", "x.json");

        Assert.Equal(1, exit);
        Assert.Contains("not both", error, StringComparison.Ordinal);
    }

    /// <summary>Answers PutEvents as EventBridge does: one result per entry, event ids in order, refusals per entry.</summary>
    private sealed class RecordingBus : HttpMessageHandler
    {
        private int _nextId;

        public List<(string Url, string? Target, string? ContentType, string Body, int EntryCount)> Requests { get; } = [];

        public HashSet<string> RefuseDetailTypes { get; } = [];

        public bool RefuseRequests { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(body);
            var entries = document.RootElement.GetProperty("Entries").EnumerateArray().ToList();
            Requests.Add((request.RequestUri!.ToString(), request.Headers.GetValues("X-Amz-Target").Single(), request.Content.Headers.ContentType?.MediaType, body, entries.Count));
            if (RefuseRequests)
            {
                return Json(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.events#ValidationException","message":"too many entries"}""");
            }

            var results = entries.Select(entry => RefuseDetailTypes.Contains(entry.GetProperty("DetailType").GetString()!)
                ? """{"ErrorCode":"InternalFailure","ErrorMessage":"refused by the test bus"}"""
                : $$"""{"EventId":"event-{{++_nextId}}"}""");
            var failed = entries.Count(entry => RefuseDetailTypes.Contains(entry.GetProperty("DetailType").GetString()!));
            return Json(HttpStatusCode.OK, $$"""{"FailedEntryCount":{{failed}},"Entries":[{{string.Join(',', results)}}]}""");
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
    }
}
