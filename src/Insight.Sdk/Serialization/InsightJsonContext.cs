using System.Text.Json.Serialization;
using Insight.Sdk.Aws;
using Insight.Sdk.Events;
using Insight.Sdk.Runtime;

namespace Insight.Sdk.Serialization;

/// <summary>
/// Source-generated JSON metadata for every type the SDK reads or writes, so no invocation path reflects.
/// Members carry explicit wire names; the camelCase policy covers the envelope fields that need none.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScanEvent))]
[JsonSerializable(typeof(ScannerStateEvent))]
[JsonSerializable(typeof(MetricSample))]
[JsonSerializable(typeof(ErgonomicsEvent))]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
[JsonSerializable(typeof(RuntimeErrorPayload))]
[JsonSerializable(typeof(HttpErrorBody))]
public sealed partial class InsightJsonContext : JsonSerializerContext;
