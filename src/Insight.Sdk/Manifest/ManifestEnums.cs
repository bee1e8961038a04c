// One declaration of the manifest's enums. Insight.Sdk compiles this file as public API; the generators
// (netstandard2.0, which cannot reference Insight.Sdk) compile the same file as internal types, so both sides
// share the names and values instead of mirroring them.
#if !INSIGHT_GENERATORS
using System.Text.Json.Serialization;
#endif

namespace Insight.Sdk;

/// <summary>How the Lambda function behind a handler is invoked.</summary>
#if INSIGHT_GENERATORS
internal
#else
[JsonConverter(typeof(JsonStringEnumConverter<Trigger>))]
public
#endif
enum Trigger
{
    /// <summary>An EventBridge rule on the tenant's event bus; the event's <c>detail</c> is the handler's event.</summary>
    EventBridge,

    /// <summary>An EventBridge schedule (rate or cron) with per-account jitter; the handler receives <c>ScheduledEvent</c>.</summary>
    Schedule,

    /// <summary>An SQS queue read in batches; each message body is one event, failures are reported per message.</summary>
    SqsBatch,

    /// <summary>An API Gateway HTTP API (payload v2) route; the request body is the handler's event.</summary>
    HttpApi,
}

/// <summary>The instruction set a function is deployed for.</summary>
#if INSIGHT_GENERATORS
internal
#else
[JsonConverter(typeof(JsonStringEnumConverter<LambdaArchitecture>))]
public
#endif
enum LambdaArchitecture
{
    /// <summary>Graviton, Lambda's cheaper default.</summary>
#if !INSIGHT_GENERATORS
    [JsonStringEnumMemberName("arm64")]
#endif
    Arm64,

    /// <summary>x86-64.</summary>
#if !INSIGHT_GENERATORS
    [JsonStringEnumMemberName("x86_64")]
#endif
    X86_64,
}

/// <summary>Which handler attribute declared a function; it fixes the event type for the domain kinds.</summary>
#if INSIGHT_GENERATORS
internal
#else
[JsonConverter(typeof(JsonStringEnumConverter<HandlerKind>))]
public
#endif
enum HandlerKind
{
    /// <summary><c>[ScanEventHandler]</c>: scanner scan events.</summary>
    Scan,

    /// <summary><c>[MetricHandler]</c>: productivity measures.</summary>
    Metric,

    /// <summary><c>[ErgonomicsHandler]</c>: ergonomics measures.</summary>
    Ergonomics,

    /// <summary><c>[EventHandler]</c>: any other event type.</summary>
    General,
}

/// <summary>What a function does with a table; the infrastructure grants exactly that.</summary>
#if INSIGHT_GENERATORS
internal
#else
[JsonConverter(typeof(JsonStringEnumConverter<TableAccess>))]
public
#endif
enum TableAccess
{
    /// <summary>Reads only.</summary>
#if !INSIGHT_GENERATORS
    [JsonStringEnumMemberName("read")]
#endif
    Read,

    /// <summary>Reads and writes.</summary>
#if !INSIGHT_GENERATORS
    [JsonStringEnumMemberName("readwrite")]
#endif
    ReadWrite,
}
