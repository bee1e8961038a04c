using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Amazon.Runtime;
using Insight.Sdk.Data.Wire;

namespace Insight.Sdk.Tests.Wire;

/// <summary>
/// DynamoDB as an in-memory HTTP handler: answers each request with the next scripted response and records what was
/// sent (headers and body read while the request is alive, since its body buffer goes back to the pool after).
/// </summary>
internal sealed class ScriptedDynamoDb : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<CancellationToken, Task<HttpResponseMessage>>> _answers = new();

    public List<SentRequest> Requests { get; } = [];

    public ScriptedDynamoDb Answer(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        _answers.Enqueue(_ => Task.FromResult(Response(status, body, headers)));
        return this;
    }

    public ScriptedDynamoDb Error(HttpStatusCode status, string code, string message, params (string Name, string Value)[] headers) =>
        Answer(status, $$"""{"__type":"com.amazonaws.dynamodb.v20120810#{{code}}","message":"{{message}}"}""", headers);

    public ScriptedDynamoDb Throw(Exception exception)
    {
        _answers.Enqueue(_ => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    public ScriptedDynamoDb Then(Func<CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content!.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        headers["Host"] = request.Headers.Host ?? request.RequestUri!.Authority;
        Requests.Add(new SentRequest(request.Method.Method, request.RequestUri!, headers, await request.Content.ReadAsByteArrayAsync(cancellationToken)));
        if (!_answers.TryDequeue(out var answer))
        {
            throw new InvalidOperationException($"Request {Requests.Count} was not scripted.");
        }

        return await answer(cancellationToken);
    }

    public static HttpResponseMessage Response(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}

internal sealed record SentRequest(string Method, Uri Uri, Dictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A clock the test sets; timers fire at once (on the thread pool) and move the clock by their delay, so a backoff
/// is observed, not waited for.
/// </summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now = start;

    public List<TimeSpan> Delays { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            Delays.Add(dueTime);
            _now += dueTime;
        }

        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Credentials that expire, as a role session's do; each fetch hands out a new key and counts.</summary>
internal sealed class ExpiringCredentials(TimeProvider time, TimeSpan lifetime) : AWSCredentials
{
    private DateTime? _expiration;

    public int Fetches { get; private set; }

    public override DateTime? Expiration
    {
        get => _expiration;
        set => _expiration = value;
    }

    public override ImmutableCredentials GetCredentials()
    {
        Fetches++;
        _expiration = (time.GetUtcNow() + lifetime).UtcDateTime;
        return new ImmutableCredentials($"AKID{Fetches}", "secret" + Fetches, "token" + Fetches);
    }
}

internal static class Wire
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 17, 30, 0, TimeSpan.Zero);

    public static DynamoWireClient Client(ScriptedDynamoDb dynamo, ManualTime time, AWSCredentials? credentials = null, DynamoRetryQuota? quota = null) =>
        new(new HttpClient(dynamo), new DynamoWireOptions
        {
            ServiceUrl = new Uri("https://dynamodb.eu-central-1.amazonaws.com"),
            Region = "eu-central-1",
            Credentials = credentials ?? new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            TimeProvider = time,

            // Half of each ceiling: never a zero-millisecond backoff, which Task.Delay completes without a timer to record.
            Jitter = static () => 0.5,
            RetryQuota = quota ?? new DynamoRetryQuota(),
        });

    /// <summary>A GetItem of <c>{"pk":{"S":key}}</c> whose result is the raw answer.</summary>
    public static ValueTask<string> GetItemAsync(this IDynamoWire wire, string table, string key, CancellationToken cancellationToken = default) =>
        wire.SendAsync("GetItem", table, (Table: table, Key: key),
            static (writer, state) =>
            {
                writer.WriteStartObject();
                writer.WriteString("TableName", state.Table);
                writer.WriteStartObject("Key");
                writer.WriteStartObject("pk");
                writer.WriteString("S", state.Key);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            },
            static (body, _) => Encoding.UTF8.GetString(body),
            cancellationToken);
}
