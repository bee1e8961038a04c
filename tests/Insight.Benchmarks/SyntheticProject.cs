using System.Globalization;
using System.Text;

namespace Insight.Benchmarks;

/// <summary>
/// The sources of a made-up service of <see cref="HandlerCount"/> handlers across <see cref="FileCount"/> files,
/// shaped like a real project: mixed handler kinds and triggers, each handler with constructor dependencies and a
/// few lines of body, per-file domain code, shared services, user records covered by one JSON context, and a
/// startup class. It compiles without the handler generator: nothing references generated members.
/// </summary>
internal static class SyntheticProject
{
    public const int FileCount = 50;
    public const int HandlersPerFile = 10;
    public const int HandlerCount = FileCount * HandlersPerFile;
    public const string AssemblyName = "Synthetic.Plant";

    public static IReadOnlyList<(string Path, string Text)> Sources()
    {
        var sources = new List<(string, string)> { ("Shared.cs", Shared) };
        for (var file = 0; file < FileCount; file++)
        {
            sources.Add(($"Area{file:00}.cs", Area(file)));
        }

        return sources;
    }

    /// <summary>
    /// The same service with <see cref="FileCount"/> more files of tenant-aware code, written as a team writes it and
    /// free of drift: helpers and extension methods given the tenant id, ARNs and queue URLs built from the tenant,
    /// account comparisons with configuration, caches keyed by the tenant, ledger numbers, and handlers that check the
    /// payload's tenant against the deployment's (directly, through a loop, a LINQ lambda and a pattern). It makes the
    /// drift rules follow values across methods and files, the work the plain project leaves them little of.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> TenantAwareSources()
    {
        var sources = new List<(string, string)>(Sources());
        for (var file = 0; file < FileCount; file++)
        {
            sources.Add(($"Tenancy{file:00}.cs", Tenancy(file)));
        }

        return sources;
    }

    /// <summary>Handlers in <see cref="TenantAwareSources"/>: the plain project's and two per tenancy file.</summary>
    public const int TenantAwareHandlerCount = HandlerCount + (2 * FileCount);

    private static string Tenancy(int file)
    {
        var nn = file.ToString("00", CultureInfo.InvariantCulture);
        return $$"""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Linq;
            using System.Text.Json.Serialization;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;
            using Insight.Sdk;
            using Insight.Sdk.Aws;
            using Insight.Sdk.Data;
            using Microsoft.Extensions.Logging;

            namespace Synthetic.Plant.Tenancy{{nn}};

            public sealed record PalletLine{{nn}}(
                [property: JsonPropertyName("tenant_id")] string TenantId,
                [property: JsonPropertyName("sku")] string Sku,
                [property: JsonPropertyName("quantity")] int Quantity);

            public sealed record PalletMoved{{nn}}(
                [property: JsonPropertyName("tenantId")] string Owner,
                [property: JsonPropertyName("pallet")] string Pallet,
                [property: JsonPropertyName("lines")] IReadOnlyList<PalletLine{{nn}}> Lines);

            [JsonSerializable(typeof(PalletMoved{{nn}}))]
            public sealed partial class Tenancy{{nn}}JsonContext : JsonSerializerContext;

            public sealed class TenantOptions{{nn}}
            {
                public string PilotTenant { get; init; } = "";

                public string SupportAccountId { get; init; } = "";
            }

            internal static class TenantKeys{{nn}}
            {
                public static string Pallet(string tenantId, string pallet) => $"{tenantId}#P{{nn}}#{pallet}";

                public static bool IsPilot(string tenantId, TenantOptions{{nn}} options) => string.Equals(tenantId, options.PilotTenant, StringComparison.Ordinal);

                public static string Normalised(this TenantContext tenant) => tenant.TenantId.Trim().ToLowerInvariant();
            }

            public sealed class TenantArns{{nn}}(TenantContext tenant)
            {
                private readonly string _account = tenant.AccountId;

                public string Topic(string name) => $"arn:aws:sns:{tenant.Region}:{_account}:{name}";

                public string QueueUrl(string queue) => $"https://sqs.{tenant.Region}.amazonaws.com/{_account}/{queue}";

                public bool IsSupportAccount(TenantOptions{{nn}} options) => _account == options.SupportAccountId;
            }

            public sealed class TenantSettingsCache{{nn}}
            {
                private readonly ConcurrentDictionary<string, int> _limits = new(StringComparer.Ordinal);

                public int Limit(TenantContext tenant, Func<string, int> load) => _limits.GetOrAdd(tenant.TenantId, load);
            }

            internal static class Ledger{{nn}}
            {
                private const string RevenueAccount = "4001000000{{nn}}";

                public static decimal Revenue(IEnumerable<(string Account, decimal Amount)> entries) =>
                    entries.Where(e => e.Account == RevenueAccount).Sum(e => e.Amount);
            }

            [EventHandler(MemorySize = 256)]
            public sealed partial class MovePallet{{nn}}(IAmazonDynamoDB dynamo, DynamoTableNames tables, TenantOptions{{nn}} options, ILogger<MovePallet{{nn}}> log)
            {
                public async Task<Receipt> HandleAsync(PalletMoved{{nn}} moved, TenantContext tenant, CancellationToken cancellationToken)
                {
                    if (moved.Owner != tenant.TenantId)
                    {
                        log.LogWarning("Pallet {Pallet} names tenant {Sender}; ignored", moved.Pallet, moved.Owner);
                        return new Receipt(moved.Pallet, false, "foreign");
                    }

                    foreach (var line in moved.Lines)
                    {
                        if (!string.Equals(line.TenantId, tenant.TenantId, StringComparison.Ordinal))
                        {
                            log.LogWarning("Line {Sku} names tenant {Sender}", line.Sku, line.TenantId);
                        }
                    }

                    var quantity = moved.Lines.Where(l => l.TenantId == tenant.TenantId).Sum(l => l.Quantity);
                    var pilot = TenantKeys{{nn}}.IsPilot(tenant.TenantId, options);
                    await dynamo.PutItemAsync(new PutItemRequest
                    {
                        TableName = tables.Resolve("Pallets"),
                        Item = new Dictionary<string, AttributeValue>
                        {
                            ["Pk"] = new() { S = TenantKeys{{nn}}.Pallet(tenant.Normalised(), moved.Pallet) },
                            ["Quantity"] = new() { N = quantity.ToString(CultureInfo.InvariantCulture) },
                        },
                    }, cancellationToken);
                    return new Receipt(moved.Pallet, true, pilot ? "pilot" : null);
                }
            }

            [EventHandler(Trigger = Trigger.HttpApi, Route = "GET /tenancy{{nn}}/pallets")]
            public sealed partial class ListPallets{{nn}}(TenantArns{{nn}} arns, TenantSettingsCache{{nn}} cache, TenantOptions{{nn}} options)
            {
                public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant)
                {
                    if (request.Headers?.GetValueOrDefault("x-tenant-id") is { } asked && asked != tenant.TenantId)
                    {
                        return Task.FromResult(new HttpApiResponse { StatusCode = 403 });
                    }

                    var limit = arns.IsSupportAccount(options) ? int.MaxValue : cache.Limit(tenant, _ => 100);
                    return Task.FromResult(new HttpApiResponse { Body = $"{arns.Topic("pallets")} {arns.QueueUrl("pallets")} {limit}" });
                }
            }

            """;
    }

    private static string Area(int file)
    {
        var area = file.ToString("00", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Insight.Sdk;
            using Insight.Sdk.Events;
            using Insight.Sdk.Observability;
            using Microsoft.Extensions.Logging;

            namespace Synthetic.Plant.Area{{area}};

            /// <summary>Ordinary domain code of area {{area}}: no handler, no generated code.</summary>
            internal static class Area{{area}}Rules
            {
                private static readonly string[] Stations = ["A{{area}}-1", "A{{area}}-2", "A{{area}}-3"];

                public static bool IsKnownStation(string? station) => station is not null && Stations.Contains(station, StringComparer.OrdinalIgnoreCase);

                public static string Describe(string device, double value) => value switch
                {
                    < 0 => $"{device}: invalid ({value})",
                    < 10 => $"{device}: low ({value:F1})",
                    < 100 => $"{device}: normal ({value:F1})",
                    _ => $"{device}: high ({value:F1})",
                };

                public static int Weight(string code)
                {
                    var sum = 0;
                    for (var i = 0; i < code.Length; i++)
                    {
                        sum += char.IsAsciiDigit(code[i]) ? (code[i] - '0') * (i % 2 == 0 ? 3 : 1) : 0;
                    }

                    return sum % 10;
                }
            }

            /// <summary>A value the area keeps about its shift.</summary>
            internal sealed record Area{{area}}Shift(string Id, DateTimeOffset Start, TimeSpan Length)
            {
                public bool Covers(DateTimeOffset time) => time >= Start && time < Start + Length;
            }

            public enum Area{{area}}Mode
            {
                Normal,
                Maintenance,
                Closed,
            }

            """);

        for (var k = 0; k < HandlersPerFile; k++)
        {
            var n = (file * HandlersPerFile) + k;
            var name = string.Create(CultureInfo.InvariantCulture, $"H{n:000}");
            s.Append((n % 4) switch
            {
                0 => $$"""

                    [ScanEventHandler(MemorySize = 256, TimeoutSeconds = 10)]
                    public sealed partial class Scan{{name}}(ScanLedger ledger, IMetrics metrics)
                    {
                        public Task<Receipt> HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            var accepted = Area{{area}}Rules.Weight(scan.ScanCode) == {{n % 10}} || scan.ScanCode.Length > 8;
                            ledger.Record(tenant.TenantId, scan.EventId, accepted);
                            metrics.Add(accepted ? "Accepted" : "Rejected", 1);
                            return Task.FromResult(new Receipt(scan.EventId, accepted, Area{{area}}Rules.Describe(scan.DeviceSerial, scan.ScanCode.Length)));
                        }
                    }

                    """,
                1 => $$"""

                    [MetricHandler(Trigger = Trigger.SqsBatch, BatchSize = {{10 + (n % 90)}})]
                    public sealed partial class Metric{{name}}(MetricAggregator aggregator)
                    {
                        public ValueTask HandleAsync(MetricSample sample, InvocationContext invocation)
                        {
                            if (!Area{{area}}Rules.IsKnownStation(sample.Station))
                            {
                                aggregator.Unassigned++;
                            }

                            aggregator.Add(sample.MetricName, sample.Value, invocation.IsColdStart);
                            return ValueTask.CompletedTask;
                        }
                    }

                    """,
                2 => $$"""

                    [ErgonomicsHandler(TimeoutSeconds = 20)]
                    public sealed partial class Ergonomics{{name}}(ErgonomicsScorer scorer, ILogger<Ergonomics{{name}}> log)
                    {
                        public Task HandleAsync(ErgonomicsEvent measure)
                        {
                            var score = scorer.Score(measure.Value, measure.WindowMs);
                            if (score > {{50 + (n % 40)}})
                            {
                                log.LogWarning("Worker {Worker} at {Station}: score {Score}", measure.WorkerId, measure.Station, score);
                            }

                            return Task.CompletedTask;
                        }
                    }

                    """,
                _ => n % 8 == 3
                    ? $$"""

                        [EventHandler(Trigger = Trigger.HttpApi, Route = "POST /area{{area}}/devices/{{n}}")]
                        public sealed partial class Command{{name}}(DeviceRegistry registry)
                        {
                            public ValueTask<CommandResult> HandleAsync(DeviceCommand command, TenantContext tenant)
                            {
                                var known = registry.Touch(command.DeviceSerial);
                                var mode = known ? Area{{area}}Mode.Normal : Area{{area}}Mode.Maintenance;
                                return ValueTask.FromResult(new CommandResult(command.DeviceSerial, known, $"{tenant.TenantId}:{mode}"));
                            }
                        }

                        """
                    : $$"""

                        [EventHandler(MemorySize = 128)]
                        public sealed partial class Command{{name}}(DeviceRegistry registry)
                        {
                            public async Task<CommandResult> HandleAsync(DeviceCommand command, CancellationToken cancellationToken)
                            {
                                await Task.Yield();
                                cancellationToken.ThrowIfCancellationRequested();
                                var known = registry.Touch(command.DeviceSerial);
                                return new CommandResult(command.DeviceSerial, known, command.Parameters?.Count.ToString() ?? "none");
                            }
                        }

                        """,
            });
        }

        return s.ToString();
    }

    private const string Shared = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json.Serialization;
        using Insight.Sdk;
        using Microsoft.Extensions.DependencyInjection;

        namespace Synthetic.Plant;

        public sealed record Receipt(
            [property: JsonPropertyName("event_id")] string EventId,
            [property: JsonPropertyName("accepted")] bool Accepted,
            [property: JsonPropertyName("note")] string? Note);

        public sealed record DeviceCommand(
            [property: JsonPropertyName("device_serial")] string DeviceSerial,
            [property: JsonPropertyName("command")] string Command,
            [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, string>? Parameters);

        public sealed record CommandResult(
            [property: JsonPropertyName("device_serial")] string DeviceSerial,
            [property: JsonPropertyName("known")] bool Known,
            [property: JsonPropertyName("detail")] string Detail);

        /// <summary>The service's own JSON metadata; System.Text.Json's generator fills it in.</summary>
        [JsonSerializable(typeof(Receipt))]
        [JsonSerializable(typeof(DeviceCommand))]
        [JsonSerializable(typeof(CommandResult))]
        public sealed partial class PlantJsonContext : JsonSerializerContext;

        public sealed class ScanLedger
        {
            private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);

            public int Count => _seen.Count;

            public void Record(string tenant, string eventId, bool accepted) => _seen[tenant + "/" + eventId] = accepted;

            public IEnumerable<string> Rejected() => _seen.Where(p => !p.Value).Select(p => p.Key).Order(StringComparer.Ordinal);
        }

        public sealed class MetricAggregator
        {
            private readonly Dictionary<string, (double Sum, int Count)> _totals = new(StringComparer.Ordinal);

            public int Unassigned { get; set; }

            public void Add(string name, double value, bool coldStart)
            {
                lock (_totals)
                {
                    var (sum, count) = _totals.GetValueOrDefault(name);
                    _totals[name] = (sum + value, count + (coldStart ? 0 : 1));
                }
            }

            public double Average(string name)
            {
                lock (_totals)
                {
                    return _totals.TryGetValue(name, out var total) && total.Count > 0 ? total.Sum / total.Count : 0;
                }
            }
        }

        public sealed class ErgonomicsScorer
        {
            public double Score(double value, long windowMs) => windowMs <= 0 ? 0 : Math.Round(value * 60_000 / windowMs, 1);
        }

        public sealed class DeviceRegistry
        {
            private readonly HashSet<string> _devices = new(StringComparer.Ordinal);

            public bool Touch(string serial)
            {
                lock (_devices)
                {
                    return !_devices.Add(serial);
                }
            }
        }

        [FunctionStartup]
        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services)
            {
                services.AddSingleton<ScanLedger>();
                services.AddSingleton<MetricAggregator>();
                services.AddSingleton<ErgonomicsScorer>();
                services.AddSingleton<DeviceRegistry>();
            }
        }
        """;
}
