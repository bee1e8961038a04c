using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Insight.Local.Events;

namespace Insight.Local.Tests.Events;

/// <summary>The PutEvents endpoint on the wire: AWS JSON 1.1 requests and answers, as an SDK client sends and reads them.</summary>
public sealed class PutEventsEndpointTests : IAsyncLifetime
{
    private readonly List<IReadOnlyList<BusEntry>> _calls = [];
    private readonly HttpClient _http = new();
    private PutEventsEndpoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await PutEventsEndpoint.StartAsync((entries, _) =>
        {
            lock (_calls)
            {
                _calls.Add(entries);
            }

            IReadOnlyList<PutEventsResultEntry> results = [.. entries.Select((e, i) => PutEventsResultEntry.Succeeded($"id-{e.Source}-{i}"))];
            return Task.FromResult(results);
        });
    }

    public async Task DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Valid_entries_reach_the_bus_and_get_event_ids_in_order()
    {
        var (status, body) = await PostAsync("""
            {"Entries":[
              {"Source":"com.example.a","DetailType":"Placed","Detail":"{\"n\":1}","EventBusName":"orders","Time":1733074212.5,"Resources":["arn:aws:s3:::b"]},
              {"Source":"com.example.b","DetailType":"Placed","Detail":"{\"n\":2}","Time":"2024-12-01T17:30:12Z"}
            ]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("FailedEntryCount").GetInt32());
        Assert.Equal(["id-com.example.a-0", "id-com.example.b-1"], body.GetProperty("Entries").EnumerateArray().Select(e => e.GetProperty("EventId").GetString()));
        var entries = Assert.Single(_calls);
        Assert.Equal("orders", entries[0].EventBusName);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1733074212500), entries[0].Time);
        Assert.Equal(["arn:aws:s3:::b"], entries[0].Resources);
        Assert.Equal(new DateTimeOffset(2024, 12, 1, 17, 30, 12, TimeSpan.Zero), entries[1].Time);
        Assert.Null(entries[1].EventBusName);
        Assert.Equal("{\"n\":2}", entries[1].Detail);
    }

    [Fact]
    public async Task Bad_entries_fail_alone_and_only_valid_ones_reach_the_bus()
    {
        var (status, body) = await PostAsync("""
            {"Entries":[
              {"DetailType":"Placed","Detail":"{}"},
              {"Source":"com.example.ok","DetailType":"Placed","Detail":"{}"},
              {"Source":"s","Detail":"{}"},
              {"Source":"s","DetailType":"Placed"},
              {"Source":"s","DetailType":"Placed","Detail":"[1,2]"},
              {"Source":"s","DetailType":"Placed","Detail":"{not json"}
            ]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, body.GetProperty("FailedEntryCount").GetInt32());
        var results = body.GetProperty("Entries").EnumerateArray().ToArray();
        Assert.Equal(6, results.Length);
        Assert.Equal("Parameter Source is not valid. Reason: Source is a required argument (entry 0).", results[0].GetProperty("ErrorMessage").GetString());
        Assert.Equal("InvalidArgument", results[0].GetProperty("ErrorCode").GetString());
        Assert.Equal("id-com.example.ok-0", results[1].GetProperty("EventId").GetString());
        Assert.False(results[1].TryGetProperty("ErrorCode", out _));
        Assert.Contains("DetailType is a required argument (entry 2)", results[2].GetProperty("ErrorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("Detail is a required argument (entry 3)", results[3].GetProperty("ErrorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("MalformedDetail", results[4].GetProperty("ErrorCode").GetString());
        Assert.Contains("entry 4", results[4].GetProperty("ErrorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("MalformedDetail", results[5].GetProperty("ErrorCode").GetString());
        Assert.Equal("com.example.ok", Assert.Single(Assert.Single(_calls)).Source);
    }

    [Fact]
    public async Task More_than_ten_entries_is_a_validation_error()
    {
        var entries = string.Join(",", Enumerable.Repeat("""{"Source":"s","DetailType":"t","Detail":"{}"}""", 11));

        var (status, body) = await PostAsync($$"""{"Entries":[{{entries}}]}""");

        AssertError(status, body, "ValidationException", "length between 1 and 10");
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task Missing_entries_is_a_validation_error()
    {
        var (status, body) = await PostAsync("{}");

        AssertError(status, body, "ValidationException", "'entries' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task Entries_over_256_KB_in_total_are_a_validation_error()
    {
        // Three entries of ~90 KB each: every one is fine alone, together they exceed the limit.
        var detail = JsonSerializer.Serialize($$"""{"blob":"{{new string('x', 90 * 1024)}}"}""");
        var entries = string.Join(",", Enumerable.Repeat($$"""{"Source":"s","DetailType":"t","Detail":{{detail}}}""", 3));

        var (status, body) = await PostAsync($$"""{"Entries":[{{entries}}]}""");

        AssertError(status, body, "ValidationException", "Total size of the entries in the request is over the limit.");
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_serialization_error()
    {
        var (status, body) = await PostAsync("{\"Entries\": [");

        AssertError(status, body, "SerializationException", "not valid JSON");
    }

    [Fact]
    public async Task A_member_of_the_wrong_type_is_a_serialization_error()
    {
        var (status, body) = await PostAsync("""{"Entries":[{"Source":5,"DetailType":"t","Detail":"{}"}]}""");

        AssertError(status, body, "SerializationException", "Entries[0].Source must be a string.");
    }

    [Fact]
    public async Task An_unknown_target_is_an_unknown_operation()
    {
        var (status, body) = await PostAsync("""{"Entries":[]}""", target: "AWSEvents.PutRule");

        AssertError(status, body, "UnknownOperationException", "AWSEvents.PutRule");
    }

    [Fact]
    public async Task A_port_in_use_is_named()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PutEventsEndpoint.StartAsync((_, _) => Task.FromResult<IReadOnlyList<PutEventsResultEntry>>([]), port));

        Assert.StartsWith($"Port {port} is already in use", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoint_listens_on_the_port_it_is_given()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var endpoint = await PutEventsEndpoint.StartAsync((_, _) => Task.FromResult<IReadOnlyList<PutEventsResultEntry>>([]), port);

        Assert.Equal($"http://127.0.0.1:{port}/", endpoint.Url);
    }

    private static void AssertError(HttpStatusCode status, JsonElement body, string type, string messagePart)
    {
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(type, body.GetProperty("__type").GetString());
        Assert.Contains(messagePart, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json, string target = "AWSEvents.PutEvents")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Url)
        {
            Content = new StringContent(json, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", target);
        using var response = await _http.SendAsync(request);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
