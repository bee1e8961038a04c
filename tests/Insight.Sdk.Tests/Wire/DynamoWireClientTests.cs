using System.Net;
using System.Net.Http.Headers;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Insight.Sdk.Data;
using Insight.Sdk.Data.Wire;
using Insight.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Insight.Sdk.Tests.Wire;

/// <summary>
/// The direct path against an in-memory DynamoDB: what it sends and signs, how it retries (AWSSDK.Core 4.1.0's standard
/// mode for DynamoDB), and which exceptions its failures become.
/// </summary>
public sealed class DynamoWireClientTests
{
    private const string Throughput = "ProvisionedThroughputExceededException";
    private readonly ManualTime _time = new(Wire.Start);

    [Fact]
    public async Task A_request_is_aws_json_signed_for_dynamodb_and_names_the_sdk()
    {
        var dynamo = new ScriptedDynamoDb().Answer(HttpStatusCode.OK, """{"Item":{"pk":{"S":"a"}}}""");

        var answer = await Wire.Client(dynamo, _time).GetItemAsync("scans", "ü-1");

        Assert.Equal("""{"Item":{"pk":{"S":"a"}}}""", answer);
        var sent = Assert.Single(dynamo.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("https://dynamodb.eu-central-1.amazonaws.com/", sent.Uri.ToString());
        Assert.Equal("""{"TableName":"scans","Key":{"pk":{"S":"ü-1"}}}""", sent.Text);
        Assert.Equal("application/x-amz-json-1.0", sent.Headers["Content-Type"]);
        Assert.Equal("DynamoDB_20120810.GetItem", sent.Headers["X-Amz-Target"]);
        Assert.Equal("20261201T173000Z", sent.Headers["X-Amz-Date"]);
        Assert.StartsWith("insight-sdk/", sent.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.False(sent.Headers.ContainsKey("X-Amz-Content-SHA256"));

        // The Authorization header is the one the general signer (proven on AWS's suite) computes for what was sent.
        var expected = new SigV4Signer("eu-central-1", "dynamodb").Sign(
            new SigV4Request("POST", "/", "", [.. new[] { "Content-Type", "Host", "X-Amz-Target" }.Select(h => new KeyValuePair<string, string>(h, sent.Headers[h]))], sent.Body),
            new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null), Wire.Start.UtcDateTime);
        Assert.Equal(expected.Authorization, sent.Headers["Authorization"]);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,", sent.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_requests_and_answers_of_unannounced_length_are_carried_whole()
    {
        var key = new string('k', 5000);
        var item = "{\"Item\":{\"pk\":{\"S\":\"" + new string('v', 200_000) + "\"}}}";
        var dynamo = new ScriptedDynamoDb().Then(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            // A stream of unknown length, as a chunked answer arrives.
            Content = new StreamContent(new UnseekableStream(System.Text.Encoding.UTF8.GetBytes(item))),
        }));

        var answer = await Wire.Client(dynamo, _time).GetItemAsync("scans", key);

        Assert.Equal(item, answer);
        Assert.Equal("{\"TableName\":\"scans\",\"Key\":{\"pk\":{\"S\":\"" + key + "\"}}}", Assert.Single(dynamo.Requests).Text);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_session_token_is_sent_and_signed()
    {
        var dynamo = new ScriptedDynamoDb().Answer(HttpStatusCode.OK, "{}");
        var credentials = new SessionAWSCredentials("ASIAEXAMPLE", "secret", "the-session");

        await Wire.Client(dynamo, _time, credentials).GetItemAsync("scans", "a");

        var sent = Assert.Single(dynamo.Requests);
        Assert.Equal("the-session", sent.Headers["X-Amz-Security-Token"]);
        var expected = new SigV4Signer("eu-central-1", "dynamodb").Sign(
            new SigV4Request("POST", "/", "", [.. new[] { "Content-Type", "Host", "X-Amz-Target" }.Select(h => new KeyValuePair<string, string>(h, sent.Headers[h]))], sent.Body),
            new ImmutableCredentials("ASIAEXAMPLE", "secret", "the-session"), Wire.Start.UtcDateTime);
        Assert.Equal(expected.Authorization, sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task Throttling_is_retried_with_a_backoff_from_one_second_and_the_same_body()
    {
        var quota = new DynamoRetryQuota();
        var dynamo = new ScriptedDynamoDb()
            .Error(HttpStatusCode.BadRequest, Throughput, "The level of configured provisioned throughput for the table was exceeded.")
            .Answer(HttpStatusCode.OK, "{}");

        await Wire.Client(dynamo, _time, quota: quota).GetItemAsync("scans", "a");

        Assert.Equal(2, dynamo.Requests.Count);
        Assert.Equal(dynamo.Requests[0].Body, dynamo.Requests[1].Body);
        var delay = Assert.Single(_time.Delays);
        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        // The second attempt is signed anew, at the time it is sent.
        Assert.Equal(SigV4Signer.FormatDate((Wire.Start + delay).UtcDateTime), dynamo.Requests[1].Headers["X-Amz-Date"]);

        // The retry took 5 tokens; the success after it gave them back.
        Assert.Equal(500, quota.Available);
    }

    [Fact]
    public async Task Throttled_on_every_attempt_four_attempts_then_a_throttled_dependency_error()
    {
        var quota = new DynamoRetryQuota();
        var dynamo = new ScriptedDynamoDb();
        for (var i = 0; i < 4; i++)
        {
            dynamo.Error(HttpStatusCode.BadRequest, "ThrottlingException", "Rate of requests exceeds the allowed throughput.", ("x-amzn-RequestId", $"R{i}"));
        }

        var error = await Assert.ThrowsAsync<DependencyException>(() => Wire.Client(dynamo, _time, quota: quota).GetItemAsync("scans", "a").AsTask());

        Assert.Equal(4, dynamo.Requests.Count);
        Assert.Equal(3, _time.Delays.Count);
        for (var retry = 1; retry <= 3; retry++)
        {
            Assert.InRange(_time.Delays[retry - 1], TimeSpan.Zero, TimeSpan.FromMilliseconds(1000 * Math.Pow(2, retry - 1)));
        }

        Assert.True(error.IsThrottled);
        Assert.Equal("DynamoDB", error.Service);
        Assert.Equal("GetItem", error.Operation);
        Assert.Equal("table scans", error.Resource);
        Assert.Equal(
            "GetItem on table scans: throttled, still after the client's retries (ThrottlingException: Rate of requests exceeds the allowed throughput.); reduce the request rate or raise the table's capacity",
            error.Message);
        var inner = Assert.IsType<ThrottlingException>(error.InnerException);
        Assert.Equal("R3", inner.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, inner.StatusCode);
        Assert.Equal(500 - (3 * 5), quota.Available);
    }

    [Fact]
    public async Task A_server_error_is_retried_with_a_backoff_from_25_ms()
    {
        var dynamo = new ScriptedDynamoDb()
            .Error(HttpStatusCode.InternalServerError, "InternalServerError", "Internal server error")
            .Answer(HttpStatusCode.ServiceUnavailable, "<html>busy</html>")
            .Answer(HttpStatusCode.OK, "{}");
        var quota = new DynamoRetryQuota();

        await Wire.Client(dynamo, _time, quota: quota).GetItemAsync("scans", "a");

        Assert.Equal(3, dynamo.Requests.Count);
        Assert.InRange(_time.Delays[0], TimeSpan.Zero, TimeSpan.FromMilliseconds(25));
        Assert.InRange(_time.Delays[1], TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

        // Two retries took 14 each; the success returns the last retry's cost.
        Assert.Equal(500 - 14, quota.Available);
    }

    [Fact]
    public async Task A_retry_after_hint_lengthens_the_backoff_by_at_most_five_seconds()
    {
        var dynamo = new ScriptedDynamoDb()
            .Error(HttpStatusCode.InternalServerError, "InternalServerError", "busy", ("x-amz-retry-after", "60000"))
            .Answer(HttpStatusCode.OK, "{}");

        await Wire.Client(dynamo, _time).GetItemAsync("scans", "a");

        Assert.InRange(Assert.Single(_time.Delays), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(5025));
    }

    [Fact]
    public async Task A_network_failure_is_retried_and_reported_with_its_cause_when_it_persists()
    {
        var dynamo = new ScriptedDynamoDb()
            .Throw(new HttpRequestException("Connection refused (dynamodb:443)"))
            .Throw(new HttpRequestException("Connection refused (dynamodb:443)"))
            .Throw(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"))
            .Throw(new HttpRequestException("Connection refused (dynamodb:443)"));

        var error = await Assert.ThrowsAsync<DependencyException>(() => Wire.Client(dynamo, _time).GetItemAsync("scans", "a").AsTask());

        Assert.Equal(4, dynamo.Requests.Count);
        Assert.False(error.IsThrottled);
        Assert.Equal("GetItem on table scans: connection refused (dynamodb:443)", error.Message);
    }

    [Fact]
    public async Task An_answer_whose_crc32_does_not_match_is_retried_and_a_matching_one_accepted()
    {
        // The CRC-32 check value: "123456789" hashes to 0xCBF43926, which DynamoDB would send in decimal.
        const string body = "123456789";
        var dynamo = new ScriptedDynamoDb()
            .Answer(HttpStatusCode.OK, body, ("x-amz-crc32", "3421780263"))
            .Answer(HttpStatusCode.OK, body, ("x-amz-crc32", "3421780262"));

        var answer = await Wire.Client(dynamo, _time).GetItemAsync("scans", "a");

        Assert.Equal(body, answer);
        Assert.Equal(2, dynamo.Requests.Count);
        Assert.InRange(Assert.Single(_time.Delays), TimeSpan.Zero, TimeSpan.FromMilliseconds(25));
    }

    [Fact]
    public async Task A_failed_condition_is_not_retried_and_passes_through_as_the_sdk_exception()
    {
        var dynamo = new ScriptedDynamoDb().Answer(HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"a"},"v":{"N":"3"},"tags":{"SS":["x","y"]},"m":{"M":{"ok":{"BOOL":true},"none":{"NULL":true},"l":{"L":[{"B":"AQI="}]}}}}}""",
            ("x-amzn-RequestId", "REQ-1"));

        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Wire.Client(dynamo, _time).GetItemAsync("scans", "a").AsTask());

        Assert.Single(dynamo.Requests);
        Assert.Empty(_time.Delays);
        Assert.Equal("The conditional request failed", error.Message);
        Assert.Equal("ConditionalCheckFailedException", error.ErrorCode);
        Assert.Equal("REQ-1", error.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("3", error.Item["v"].N);
        Assert.Equal(new[] { "x", "y" }, error.Item["tags"].SS);
        Assert.True(error.Item["m"].M["ok"].BOOL);
        Assert.True(error.Item["m"].M["none"].NULL);
        Assert.Equal(new byte[] { 1, 2 }, error.Item["m"].M["l"].L[0].B.ToArray());
    }

    [Fact]
    public async Task A_cancelled_transaction_keeps_its_reasons()
    {
        var dynamo = new ScriptedDynamoDb().Answer(HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]","CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"pk":{"S":"b"}}}]}""");

        var error = await Assert.ThrowsAsync<TransactionCanceledException>(() => Wire.Client(dynamo, _time).GetItemAsync("scans", "a").AsTask());

        Assert.StartsWith("Transaction cancelled", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "None", "ConditionalCheckFailed" }, error.CancellationReasons.Select(r => r.Code));
        Assert.Equal("The conditional request failed", error.CancellationReasons[1].Message);
        Assert.Equal("b", error.CancellationReasons[1].Item["pk"].S);
    }

    [Fact]
    public async Task A_missing_table_is_a_dependency_error_that_says_so()
    {
        var dynamo = new ScriptedDynamoDb().Error(HttpStatusCode.BadRequest, "ResourceNotFoundException", "Requested resource not found");

        var error = await Assert.ThrowsAsync<DependencyException>(() => Wire.Client(dynamo, _time).GetItemAsync("scans-acme", "a").AsTask());

        Assert.Single(dynamo.Requests);
        Assert.IsType<ResourceNotFoundException>(error.InnerException);
        Assert.Equal("GetItem on table scans-acme: the table does not exist in this account and region (ResourceNotFoundException: Requested resource not found)", error.Message);
    }

    [Fact]
    public async Task An_unmodelled_error_is_an_amazon_dynamodb_exception_with_its_code_status_and_request_id()
    {
        var dynamo = new ScriptedDynamoDb().Answer(HttpStatusCode.BadRequest,
            """{"__type":"com.amazon.coral.validate#ValidationException","message":"One or more parameter values were invalid"}""", ("x-amzn-RequestId", "REQ-9"));

        var error = await Assert.ThrowsAsync<DependencyException>(() => Wire.Client(dynamo, _time).GetItemAsync("scans", "a").AsTask());

        var inner = Assert.IsType<AmazonDynamoDBException>(error.InnerException);
        Assert.Equal("ValidationException", inner.ErrorCode);
        Assert.Equal("REQ-9", inner.RequestId);
        Assert.Equal("GetItem on table scans: ValidationException (HTTP 400): One or more parameter values were invalid", error.Message);
    }

    [Fact]
    public async Task An_error_named_only_in_the_header_is_read_from_it()
    {
        var dynamo = new ScriptedDynamoDb().Answer(HttpStatusCode.BadRequest, "", ("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/"));

        var error = await Assert.ThrowsAsync<DependencyException>(() => Wire.Client(dynamo, _time).GetItemAsync("scans", "a").AsTask());

        Assert.Equal("AccessDeniedException", ((AmazonServiceException)error.InnerException!).ErrorCode);
        Assert.StartsWith("GetItem on table scans: access denied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retry_quota_stops_retries_when_it_is_spent_and_fails_fast()
    {
        var quota = new DynamoRetryQuota();
        var dynamo = new ScriptedDynamoDb();
        for (var i = 0; i < 60; i++)
        {
            dynamo.Error(HttpStatusCode.InternalServerError, "InternalServerError", "down");
        }

        var client = Wire.Client(dynamo, _time, quota: quota);
        var attempts = new List<int>();
        for (var call = 0; call < 13; call++)
        {
            var before = dynamo.Requests.Count;
            await Assert.ThrowsAsync<DependencyException>(() => client.GetItemAsync("scans", "a").AsTask());
            attempts.Add(dynamo.Requests.Count - before);
        }

        // 500 tokens pay for 35 retries at 14: eleven calls of four attempts, one of three, then no retry at all.
        Assert.Equal(new[] { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 1 }, attempts);
        Assert.Equal(500 - (35 * 14), quota.Available);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_call_without_retry_or_wrapping()
    {
        using var cancellation = new CancellationTokenSource();
        var dynamo = new ScriptedDynamoDb().Then(async ct =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Wire.Client(dynamo, _time).GetItemAsync("scans", "a", cancellation.Token).AsTask());

        Assert.Single(dynamo.Requests);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task Cancellation_before_a_retry_stops_the_retries()
    {
        using var cancellation = new CancellationTokenSource();
        var dynamo = new ScriptedDynamoDb().Then(async _ =>
        {
            await cancellation.CancelAsync();
            return ScriptedDynamoDb.Response(HttpStatusCode.InternalServerError, "{}");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Wire.Client(dynamo, _time).GetItemAsync("scans", "a", cancellation.Token).AsTask());

        Assert.Single(dynamo.Requests);
    }

    [Fact]
    public async Task Expiring_credentials_are_reused_while_valid_and_refreshed_five_minutes_before_expiry()
    {
        var credentials = new ExpiringCredentials(_time, TimeSpan.FromHours(1));
        var dynamo = new ScriptedDynamoDb();
        for (var i = 0; i < 4; i++)
        {
            dynamo.Answer(HttpStatusCode.OK, "{}");
        }

        var client = Wire.Client(dynamo, _time, credentials);
        await client.GetItemAsync("scans", "a");
        _time.Advance(TimeSpan.FromMinutes(30));
        await client.GetItemAsync("scans", "a");
        _time.Advance(TimeSpan.FromMinutes(26));
        await client.GetItemAsync("scans", "a");
        await client.GetItemAsync("scans", "a");

        Assert.Equal(2, credentials.Fetches);
        Assert.Equal(new[] { "AKID1", "AKID1", "AKID2", "AKID2" }, dynamo.Requests.Select(r => r.Headers["Authorization"].Split('=', '/')[1]));
        Assert.Equal(new[] { "token1", "token1", "token2", "token2" }, dynamo.Requests.Select(r => r.Headers["X-Amz-Security-Token"]));
    }

    [Fact]
    public async Task A_reader_failure_is_the_readers_not_retried_nor_wrapped()
    {
        var dynamo = new ScriptedDynamoDb().Answer(HttpStatusCode.OK, "{}");

        await Assert.ThrowsAsync<FormatException>(() => Wire.Client(dynamo, _time).SendAsync<int, int>("GetItem", "scans", 0,
            static (writer, _) => writer.WriteStartObject(), static (_, _) => throw new FormatException("bad item"), CancellationToken.None).AsTask());

        Assert.Single(dynamo.Requests);
    }

    [Theory]
    [InlineData(null, null, "https://dynamodb.eu-west-1.amazonaws.com/", "eu-west-1")]
    [InlineData("http://localhost:8000", null, "http://localhost:8000/", "eu-west-1")]
    [InlineData(null, "http://127.0.0.1:4566", "http://127.0.0.1:4566/", "eu-west-1")]
    public void Registration_gives_both_clients_the_same_endpoint_and_region(string? insightEndpoint, string? awsEndpoint, string expectedUrl, string expectedRegion)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_REGION"] = "eu-west-1",
            [DynamoServiceCollectionExtensions.EndpointVariable] = insightEndpoint,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = awsEndpoint,
        };
        using var provider = new ServiceCollection()
            .AddSingleton(new FunctionEnvironment(environment.GetValueOrDefault))
            .AddInsightDynamoDb()
            .BuildServiceProvider();

        var wire = Assert.IsType<DynamoWireClient>(provider.GetRequiredService<IDynamoWire>());
        var sdk = (AmazonDynamoDBClient)provider.GetRequiredService<IAmazonDynamoDB>();

        Assert.Equal(expectedUrl, wire.ServiceUrl.ToString());
        if ((insightEndpoint ?? awsEndpoint) is { } overridden)
        {
            Assert.Equal(new Uri(overridden), new Uri(sdk.Config.ServiceURL));
            Assert.Equal(expectedRegion, sdk.Config.AuthenticationRegion);
        }
        else
        {
            Assert.Equal(expectedRegion, sdk.Config.RegionEndpoint.SystemName);
        }
    }

    [Theory]
    [InlineData(null, 4)]
    [InlineData("2", 2)]
    [InlineData("nonsense", 4)]
    public void Aws_max_attempts_sets_the_attempts_of_the_registered_client(string? maxAttempts, int expected)
    {
        var environment = new Dictionary<string, string?> { ["AWS_REGION"] = "eu-west-1", ["AWS_MAX_ATTEMPTS"] = maxAttempts };
        using var provider = new ServiceCollection()
            .AddSingleton(new FunctionEnvironment(environment.GetValueOrDefault))
            .AddInsightDynamoDb()
            .BuildServiceProvider();

        Assert.Equal(expected, Assert.IsType<DynamoWireClient>(provider.GetRequiredService<IDynamoWire>()).MaxAttempts);
    }
}
