namespace Insight.Generators.Tests.Infrastructure;

/// <summary>Handler sources shared by the generator tests.</summary>
public static class Sources
{
    /// <summary>One handler of each trigger, a startup class and a JSON context for the service's own types.</summary>
    public const string Service = """
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Insight.Sdk;
        using Insight.Sdk.Aws;
        using Insight.Sdk.Events;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        namespace Plant.Scans;

        public sealed record Receipt(string EventId, bool Accepted);

        public sealed record Reset(string DeviceSerial);

        [JsonSerializable(typeof(Receipt))]
        [JsonSerializable(typeof(Reset))]
        public sealed partial class PlantJsonContext : JsonSerializerContext;

        public sealed class Counter { public int Count; }

        [FunctionStartup]
        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services) => services.AddSingleton<Counter>();
        }

        [ScanEventHandler(MemorySize = 256)]
        public sealed partial class RecordScan(Counter counter, ILogger<RecordScan> log)
        {
            public Task<Receipt> HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
            {
                counter.Count++;
                log.LogInformation("scan {Id} for {Tenant}", scan.EventId, tenant.TenantId);
                return Task.FromResult(new Receipt(scan.EventId, true));
            }
        }

        [MetricHandler(Trigger = Trigger.SqsBatch, BatchSize = 50, Name = "ingest-metrics")]
        public sealed partial class IngestMetrics(Counter counter)
        {
            public ValueTask HandleAsync(MetricSample sample, InvocationContext invocation)
            {
                counter.Count++;
                return ValueTask.CompletedTask;
            }
        }

        [EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 hour)", TimeoutSeconds = 120)]
        public sealed partial class HourlyRollup
        {
            public Task HandleAsync(ScheduledEvent tick, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [EventHandler(Trigger = Trigger.HttpApi, Route = "POST /devices/reset", Scopes = ["devices:write"])]
        public sealed partial class ResetDevice(Counter? counter = null)
        {
            public ValueTask<Receipt> HandleAsync(Reset reset) => ValueTask.FromResult(new Receipt(reset.DeviceSerial, counter is not null));
        }

        [EventHandler(Trigger = Trigger.HttpApi, Route = "GET /health", Anonymous = "health probe for the load balancer", Architecture = LambdaArchitecture.X86_64)]
        public sealed partial class Health
        {
            public Task<HttpApiResponse> HandleAsync(HttpApiRequest request) => Task.FromResult(new HttpApiResponse { StatusCode = 204 });
        }

        [ErgonomicsHandler]
        public sealed partial class ScoreErgonomics
        {
            public Task HandleAsync(ErgonomicsEvent measure) => Task.CompletedTask;
        }
        """;

    public const string Unrelated = """
        namespace Plant.Scans;

        internal static class Unrelated
        {
            public static int Twice(int value) => value * 2;
        }
        """;
}

/// <summary>DynamoDB entity sources shared by the mapper generator tests.</summary>
public static class EntitySources
{
    /// <summary>An entity using every supported type, a nested record, a converter, an index, a version and a TTL.</summary>
    public const string Everything = """
        using System;
        using System.Collections.Generic;
        using Amazon.DynamoDBv2.Model;
        using Insight.Sdk.Data;

        namespace Plant.Data;

        public enum Shift { Early, Late, Night }

        public sealed record Location(string Station, int Line, string? Zone);

        public readonly record struct Celsius(double Value);

        public sealed class CelsiusConverter : IDynamoConverter<Celsius>
        {
            public AttributeValue ToAttributeValue(Celsius value) => new() { N = value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            public Celsius FromAttributeValue(AttributeValue value) => new(double.Parse(value.N!, System.Globalization.CultureInfo.InvariantCulture));
        }

        [DynamoTable("Devices")]
        public sealed partial record Device(
            [property: PartitionKey] string DeviceId,
            [property: SortKey, GlobalIndexSortKey("ByStation")] DateTimeOffset SeenAt,
            [property: GlobalIndexPartitionKey("ByStation")] string Station,
            int Scans,
            long TotalScans,
            short Small,
            byte Tiny,
            uint Unsigned,
            ulong Big,
            float Ratio,
            double Average,
            decimal Cost,
            bool Active,
            char Grade,
            Shift Shift,
            Guid BatchId,
            DateTime InstalledAt,
            TimeSpan Uptime,
            byte[] Firmware,
            List<string> Tags,
            string[] Aliases,
            HashSet<int> Codes,
            IReadOnlyList<Shift> Shifts,
            List<Location> History,
            Dictionary<string, int> Counters,
            IReadOnlyDictionary<string, Location> Places,
            Location Home,
            Location? Previous,
            int? Battery,
            string? Gateway,
            [property: DynamoProperty("temp")] [property: DynamoConverter(typeof(CelsiusConverter))] Celsius Temperature,
            [property: TimeToLive] DateTimeOffset? ExpiresAt,
            [property: Version] long? Version)
        {
            public string Display => $"{DeviceId}@{Station}";

            [DynamoIgnore]
            public string Label { get; init; } = "";

            public string? Notes { get; init; }
        }

        [DynamoTable("Plant", EntityType = "Counter")]
        [CompositeKey(KeyRole.Partition, "PK", "DEVICE#{DeviceId}")]
        [CompositeKey(KeyRole.Sort, "SK", "DAY#{Day}")]
        public sealed partial class DailyCounter
        {
            public string DeviceId { get; set; } = "";
            public DateTime Day { get; set; }
            public int Count { get; set; }
            [Version] public int? Version { get; set; }
        }
        """;
}
