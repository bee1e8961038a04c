using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Insight.Cli.Commands;
using Insight.Local.Client;
using Insight.Local.Emulation;

namespace Insight.Cli.Tests.Front;

/// <summary>insight status, items and url: what a check script reads from a running local.</summary>
public sealed class RunInspectionTests : IDisposable
{
    private readonly LocalRunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private static readonly LocalRunStatus Busy = new(
        DateTimeOffset.UnixEpoch, 2, new EventAccounting(3, 1, 0, 0, 2),
        [new FunctionStatus("tenant-001", "Orders", "StoreOrdersEvent", 6, 5, 0, 12.4, 30.2, 1)],
        [new QueueStatus("tenant-001", "Orders", "StoreOrdersEventQueue", 0, 1, false), new QueueStatus("tenant-001", "Orders", "StoreOrdersEventFailures", 1, 0, true)]);

    private static readonly LocalRunStatus Idle = Busy with { InFlight = 0, Events = new EventAccounting(3, 3, 0, 0, 0) };

    [Fact]
    public void Status_is_one_line_for_the_events_and_one_per_function_queue_and_dead_letter_queue()
    {
        using var output = new StringWriter();

        StatusCommand.Write(output, Busy);

        Assert.Equal(
            [
                "events: 3 sent, 1 delivered, 0 failed to a dead-letter queue, 0 matched no rule, 2 pending; 2 in flight",
                "tenant-001 Orders function StoreOrdersEvent: 6 invocations, 5 errors, 0 throttles, p50 12 ms, p99 30 ms, 1 instances",
                "tenant-001 Orders dead-letter queue StoreOrdersEventFailures: 1 visible, 0 in flight",
                "tenant-001 Orders queue StoreOrdersEventQueue: 0 visible, 1 in flight",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Waiting_until_idle_polls_the_control_endpoint_until_nothing_is_in_flight_twice()
    {
        var control = new ScriptedControl([Busy, Idle, Busy, Idle, Idle]);
        using var http = new HttpClient(control);

        var status = await new LocalControlClient(http, "http://127.0.0.1:4998").WaitUntilIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, status.InFlight);
        Assert.Equal(5, control.Asked);
        Assert.All(control.Urls, url => Assert.Equal("http://127.0.0.1:4998/status", url));
    }

    [Fact]
    public async Task Waiting_gives_up_after_the_timeout_naming_what_is_still_in_flight()
    {
        using var http = new HttpClient(new ScriptedControl([Busy]));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => new LocalControlClient(http, "http://127.0.0.1:4998/").WaitUntilIdleAsync(TimeSpan.Zero));

        Assert.Contains("2 events and messages in flight", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_prints_the_tenants_http_api_or_bus_and_says_when_there_is_no_api()
    {
        Assert.Equal(("http://127.0.0.1:6001", ""), Url("--tenant", "tenant-001"));
        Assert.Equal(("http://127.0.0.1:5002", ""), Url("--tenant", "tenant-002", "--events"));
        var (output, error) = Url("--tenant", "tenant-002");
        Assert.Equal("", output);
        Assert.Contains("tenant-002 has no HTTP API", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_are_printed_as_plain_json()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["EventId"] = new() { S = "order-1" },
            ["Count"] = new() { N = "42" },
            ["Done"] = new() { BOOL = true },
            ["Tags"] = new() { SS = ["a", "b"] },
            ["Lines"] = new() { L = [new() { M = new() { ["Sku"] = new() { S = "x" } } }] },
            ["Gone"] = new() { NULL = true },
        };

        using var json = JsonDocument.Parse(ItemsCommand.ToJson(item));

        Assert.Equal("""{"Count":42,"Done":true,"EventId":"order-1","Gone":null,"Lines":[{"Sku":"x"}],"Tags":["a","b"]}""", json.RootElement.GetRawText());
    }

    private (string Output, string Error) Url(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        new RootCommand { UrlCommand.Create(output, error) }.Parse(["url", "--state", _run.StatePath, .. args]).Invoke();
        return (output.ToString().Trim(), error.ToString().Trim());
    }

    /// <summary>Answers GET /status with the given statuses in turn (the last one from then on).</summary>
    private sealed class ScriptedControl(IReadOnlyList<LocalRunStatus> statuses) : HttpMessageHandler
    {
        public int Asked { get; private set; }

        public List<string> Urls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Urls.Add(request.RequestUri!.ToString());
            var status = statuses[Math.Min(Asked++, statuses.Count - 1)];
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(status, LocalRunJsonContext.Default.LocalRunStatus), Encoding.UTF8, "application/json"),
            });
        }
    }
}
