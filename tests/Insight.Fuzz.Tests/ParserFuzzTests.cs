using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using CsCheck;
using Insight.Sdk;
using Insight.Sdk.Aws;
using Insight.Sdk.Events;
using Insight.Sdk.Hosting;
using Insight.Sdk.Observability;
using Insight.Sdk.Runtime;
using Insight.Sdk.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Insight.Fuzz.Tests;

/// <summary>
/// Drives generated payloads through every envelope and contract parser in-process — the EventBridge, SQS, HTTP API and
/// scheduled dispatchers with each of the four contracts, and <see cref="Dispatch.Read{T}"/> on the bare bytes — and
/// holds them to one promise: a payload is accepted, or refused with an <see cref="InvalidPayloadException"/> or a
/// <see cref="ContractViolationException"/> whose message names a JSON path and no .NET type. Nothing else escapes.
/// </summary>
/// <remarks>
/// Deterministic: input <c>i</c> is generated from a PCG seeded with the run's seed and <c>i</c>, so a run is the same on any
/// machine and any number of threads. <c>INSIGHT_FUZZ_ITERATIONS</c> and <c>INSIGHT_FUZZ_SEED</c> set a longer or another
/// run (docs/testing.md).
/// </remarks>
public sealed partial class ParserFuzzTests(ITestOutputHelper output)
{
    private const long DefaultIterations = 100_000;
    private const ulong DefaultSeed = 20_260_115;

    private static readonly (string Name, JsonTypeInfo Type)[] ContractTypes =
    [
        (nameof(ScanEvent), InsightJsonContext.Default.ScanEvent),
        (nameof(ScannerStateEvent), InsightJsonContext.Default.ScannerStateEvent),
        (nameof(MetricSample), InsightJsonContext.Default.MetricSample),
        (nameof(ErgonomicsEvent), InsightJsonContext.Default.ErgonomicsEvent),
    ];

    [Fact]
    public void Every_generated_payload_is_accepted_or_refused_with_a_path_and_nothing_else_escapes()
    {
        var iterations = long.TryParse(Environment.GetEnvironmentVariable("INSIGHT_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : DefaultIterations;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("INSIGHT_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var tally = new Tally();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        Parallel.For(0, iterations, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, loop) =>
        {
            var input = PayloadGrammar.Input.Generate(new PCG(1, seed ^ ((ulong)i * 0x9E3779B97F4A7C15UL)), null, out _);
            foreach (var problem in Drive(input, tally))
            {
                failures.Enqueue($"input #{i} (INSIGHT_FUZZ_SEED={seed}): {problem}\n  {input}");
            }

            if (failures.Count >= 20)
            {
                loop.Stop();
            }
        });

        output.WriteLine($"{iterations} inputs (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} threads; parser runs: {tally}");
        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.Take(20)));
        Assert.True(tally.Inputs >= Math.Min(iterations, DefaultIterations), $"only {tally.Inputs} inputs ran");

        // The grammar must reach both sides of every parser, or the run proves little (a schedule read as a scan is never accepted).
        Assert.Equal(18, tally.Parsers.Count);
        Assert.All(tally.Parsers.Where(p => !p.Key.EndsWith("of a schedule", StringComparison.Ordinal)), parser =>
            Assert.True(parser.Value.Accepted > 0 && parser.Value.Refused > 0, $"{parser.Key}: {parser.Value}"));
    }

    /// <summary>Runs one payload through every parser; returns what broke the promise.</summary>
    private static IEnumerable<string> Drive(FuzzInput input, Tally tally)
    {
        tally.Input();
        var problems = new List<string>();
        var payload = input.Payload;

        // Each payload goes to the parsers of its envelope, with each of the four contracts: a trigger may well be wired
        // to a handler of another contract. The schedule's envelope is also read as an EventBridge event of a scan.
        foreach (var (name, type) in ContractTypes)
        {
            switch (input.Envelope)
            {
                case Envelope.Bare:
                    Check($"Read<{name}>", () => ReadBare(payload, type, name), tally, problems);
                    break;
                case Envelope.EventBridge:
                    Check($"EventBridge<{name}>", () => Dispatcher(payload, (context, _) => EventBridge(context, type)), tally, problems);
                    break;
                case Envelope.Sqs:
                    Check($"Sqs<{name}>", () => Dispatcher(payload, (context, response) => Sqs(context, response, type)), tally, problems);
                    break;
                case Envelope.HttpApi:
                    Check($"HttpApi<{name}>", () => Dispatcher(payload, (context, response) => Http(context, response, type)), tally, problems);
                    break;
            }
        }

        if (input.Envelope == Envelope.Schedule)
        {
            Check("Schedule", () => Dispatcher(payload, (context, _) => Dispatch.ScheduleAsync(context, static (_, _) => ValueTask.CompletedTask)), tally, problems);
            Check("EventBridge<ScanEvent> of a schedule", () => Dispatcher(payload, (context, _) => EventBridge(context, InsightJsonContext.Default.ScanEvent)), tally, problems);
        }

        return problems;
    }

    private static void Check(string parser, Func<IReadOnlyList<Exception>> run, Tally tally, List<string> problems)
    {
        IReadOnlyList<Exception> refusals;
        try
        {
            refusals = run();
        }
        catch (Exception exception)
        {
            refusals = [exception];
        }

        foreach (var refusal in refusals)
        {
            if (Broken(refusal) is { } why)
            {
                problems.Add($"{parser}: {why}");
            }
        }

        tally.Count(parser, refused: refusals.Count > 0);
    }

    /// <summary>What is wrong with a refusal, or <c>null</c> when it keeps the promise.</summary>
    private static string? Broken(Exception refusal)
    {
        if (refusal is not (InvalidPayloadException or ContractViolationException or HttpRefusal))
        {
            return $"unhandled {refusal.GetType().FullName}: {refusal.Message}\n{refusal.StackTrace}";
        }

        if (refusal is InvalidPayloadException { Path: var path } && !path.StartsWith('$'))
        {
            return $"the path \"{path}\" is not a JSON path: {refusal.Message}";
        }

        if (!NamesAPath().IsMatch(refusal.Message))
        {
            return $"the message names no path: {refusal.Message}";
        }

        return TypeName().IsMatch(refusal.Message) ? $"the message names a .NET type: {refusal.Message}" : null;
    }

    private static IReadOnlyList<Exception> ReadBare(byte[] payload, JsonTypeInfo type, string name) =>
        type switch
        {
            JsonTypeInfo<ScanEvent> scan => Refusals(() => Dispatch.Read(payload, scan, name)),
            JsonTypeInfo<ScannerStateEvent> state => Refusals(() => Dispatch.Read(payload, state, name)),
            JsonTypeInfo<MetricSample> metric => Refusals(() => Dispatch.Read(payload, metric, name)),
            JsonTypeInfo<ErgonomicsEvent> ergonomics => Refusals(() => Dispatch.Read(payload, ergonomics, name)),
            _ => throw new NotSupportedException(name),
        };

    private static IReadOnlyList<Exception> Refusals(Action read)
    {
        read();
        return [];
    }

    private static ValueTask EventBridge(InvocationContext context, JsonTypeInfo type) => type switch
    {
        JsonTypeInfo<ScanEvent> scan => Dispatch.EventBridgeAsync(context, scan, static (_, _) => ValueTask.CompletedTask),
        JsonTypeInfo<ScannerStateEvent> state => Dispatch.EventBridgeAsync(context, state, static (_, _) => ValueTask.CompletedTask),
        JsonTypeInfo<MetricSample> metric => Dispatch.EventBridgeAsync(context, metric, static (_, _) => ValueTask.CompletedTask),
        JsonTypeInfo<ErgonomicsEvent> ergonomics => Dispatch.EventBridgeAsync(context, ergonomics, static (_, _) => ValueTask.CompletedTask),
        _ => throw new NotSupportedException(type.Type.Name),
    };

    private static ValueTask Sqs(InvocationContext context, ArrayBufferWriter<byte> response, JsonTypeInfo type) => type switch
    {
        JsonTypeInfo<ScanEvent> scan => Dispatch.SqsBatchAsync(context, response, scan, static (_, _) => ValueTask.CompletedTask),
        JsonTypeInfo<ScannerStateEvent> state => Dispatch.SqsBatchAsync(context, response, state, static (_, _) => ValueTask.CompletedTask),
        JsonTypeInfo<MetricSample> metric => Dispatch.SqsBatchAsync(context, response, metric, static (_, _) => ValueTask.CompletedTask),
        JsonTypeInfo<ErgonomicsEvent> ergonomics => Dispatch.SqsBatchAsync(context, response, ergonomics, static (_, _) => ValueTask.CompletedTask),
        _ => throw new NotSupportedException(type.Type.Name),
    };

    private static ValueTask Http(InvocationContext context, ArrayBufferWriter<byte> response, JsonTypeInfo type)
    {
        var anyone = RouteSecurity.Anonymous("the fuzz test reads bodies, not tokens");
        return type switch
        {
            JsonTypeInfo<ScanEvent> scan => Dispatch.HttpApiAsync(context, response, anyone, scan, static (_, _) => ValueTask.CompletedTask),
            JsonTypeInfo<ScannerStateEvent> state => Dispatch.HttpApiAsync(context, response, anyone, state, static (_, _) => ValueTask.CompletedTask),
            JsonTypeInfo<MetricSample> metric => Dispatch.HttpApiAsync(context, response, anyone, metric, static (_, _) => ValueTask.CompletedTask),
            JsonTypeInfo<ErgonomicsEvent> ergonomics => Dispatch.HttpApiAsync(context, response, anyone, ergonomics, static (_, _) => ValueTask.CompletedTask),
            _ => throw new NotSupportedException(type.Type.Name),
        };
    }

    /// <summary>
    /// Runs a dispatcher with a real invocation context. What it refused is what it threw, plus every SQS record failure it
    /// logged and every HTTP 400 it answered; its response must be JSON whichever way it went.
    /// </summary>
    private static IReadOnlyList<Exception> Dispatcher(byte[] payload, Func<InvocationContext, ArrayBufferWriter<byte>, ValueTask> dispatch)
    {
        var logged = t_logged ??= [];
        logged.Clear();
        var invocation = new LambdaInvocation("fuzz", DateTimeOffset.UtcNow.AddMinutes(5), "arn:aws:lambda:eu-central-1:123456789012:function:fuzz", null, null, null, null, payload);
        var context = new InvocationContext(invocation, Tenant, isColdStart: false, Services, CancellationToken.None);
        var response = new ArrayBufferWriter<byte>();

        var pending = dispatch(context, response);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }

        _ = context.EventId; // must never throw, whatever the payload
        if (response.WrittenCount > 0)
        {
            using var written = JsonDocument.Parse(response.WrittenMemory);
            if (written.RootElement.TryGetProperty("statusCode", out var status) && status.GetInt32() == 400)
            {
                var body = JsonDocument.Parse(written.RootElement.GetProperty("body").GetString()!);
                logged.Add(new HttpRefusal(body.RootElement.GetProperty("message").GetString()!));
            }

            if (written.RootElement.TryGetProperty("batchItemFailures", out var failed) && failed.EnumerateArray().Any(f => string.IsNullOrEmpty(f.GetProperty("itemIdentifier").GetString())))
            {
                throw new InvalidOperationException("a batch item failure without its message id");
            }
        }

        return [.. logged];
    }

    /// <summary>What the dispatcher on this thread logged; the dispatchers run synchronously here (the handlers do nothing).</summary>
    [ThreadStatic]
    private static List<Exception>? t_logged;

    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSingleton<ILoggerFactory>(new CollectingLoggerFactory())
        .AddSingleton<IMetrics>(new NoMetrics())
        .BuildServiceProvider();

    private static readonly TenantContext Tenant = new("acme-logistics", "210987654321", "eu-central-1", "Fuzz");

    /// <summary>A path: <c>$</c> followed by a member, an index, or the colon that ends it.</summary>
    [GeneratedRegex(@"\$(\.|\[|:)")]
    private static partial Regex NamesAPath();

    [GeneratedRegex(@"\b(System|Insight|Amazon|Microsoft)\.[A-Z]")]
    private static partial Regex TypeName();

    /// <summary>The message of an HTTP 400 answer, held to the same promise as a thrown refusal.</summary>
    private sealed class HttpRefusal(string message) : Exception(message);

    private sealed class NoMetrics : IMetrics
    {
        public void Add(string name, double value, MetricUnit unit = MetricUnit.Count)
        {
        }
    }

    /// <summary>Collects the exception of every log entry: the SQS dispatcher logs each failed record with it.</summary>
    private sealed class CollectingLoggerFactory : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _ = formatter(state, exception);
            if (exception is not null)
            {
                (t_logged ??= []).Add(exception);
            }
        }

        public void Dispose()
        {
        }
    }

    /// <summary>How often each parser accepted and refused.</summary>
    private sealed class Tally
    {
        private long _inputs;

        public ConcurrentDictionary<string, Outcomes> Parsers { get; } = new();

        public long Inputs => Interlocked.Read(ref _inputs);

        public void Input() => Interlocked.Increment(ref _inputs);

        public void Count(string parser, bool refused) => Parsers.GetOrAdd(parser, _ => new Outcomes()).Count(refused);

        public override string ToString() => string.Join(", ", Parsers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
    }

    private sealed class Outcomes
    {
        private long _accepted;
        private long _refused;

        public long Accepted => Interlocked.Read(ref _accepted);

        public long Refused => Interlocked.Read(ref _refused);

        public void Count(bool refused) => Interlocked.Increment(ref refused ? ref _refused : ref _accepted);

        public override string ToString() => $"{Accepted}/{Refused}";
    }
}
