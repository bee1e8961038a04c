using System.Text.Json.Serialization;

namespace Insight.Local.Emulation;

/// <summary>
/// Where a running <c>insight local</c> can be reached: written to <c>.insight/local/run.json</c> under the monorepo
/// root while it runs, read by <c>insight send</c>, <c>insight token</c> and scenarios that drive a local fleet.
/// </summary>
/// <param name="ControlUrl">The run's control endpoint (<c>GET {ControlUrl}/status</c> answers a <see cref="LocalRunStatus"/>).</param>
/// <param name="DynamoDbUrl">The DynamoDB Local every tenant's tables live in.</param>
/// <param name="Issuer">The local token issuer that replaces every tenant's JWT issuer.</param>
/// <param name="Tenants">Each tenant account the run stands up.</param>
public sealed record LocalRunState(string ControlUrl, string DynamoDbUrl, LocalIssuerInfo Issuer, IReadOnlyList<LocalTenantEndpoints> Tenants);

/// <summary>The local issuer: its URL (the <c>iss</c> claim), the audience every local API expects, and the file holding its signing key.</summary>
public sealed record LocalIssuerInfo(string IssuerUrl, string Audience, string KeyFile);

/// <summary>One tenant account of a local run and how to reach what it holds.</summary>
/// <param name="TenantId">The tenant, as the <c>TenantId</c> stack parameter has it.</param>
/// <param name="AccountId">The twelve-digit account id the run gave the tenant.</param>
/// <param name="EventsUrl">The tenant's PutEvents-compatible endpoint (AWS JSON 1.1, <c>AWSEvents.PutEvents</c>).</param>
/// <param name="HttpApiUrl">The tenant's one HTTP port serving every service's routes, or null when no service has a route.</param>
/// <param name="DynamoDbAccessKeyId">The access key id that selects this account's tables in DynamoDB Local.</param>
/// <param name="Tables">Physical table name by "Service/LogicalId".</param>
/// <param name="Region">
/// The region the account's stacks are in. DynamoDB Local keeps one database per access key id and region, so a client
/// reading this account's tables needs both; null when the run did not say (then <see cref="DefaultRegion"/>).
/// </param>
public sealed record LocalTenantEndpoints(
    string TenantId, string AccountId, string EventsUrl, string? HttpApiUrl, string DynamoDbAccessKeyId, IReadOnlyDictionary<string, string> Tables, string? Region = null)
{
    /// <summary>The region of a tenant whose run did not name one.</summary>
    public const string DefaultRegion = "eu-central-1";

    /// <summary>The account's region: <see cref="Region"/>, or <see cref="DefaultRegion"/> when the run did not say.</summary>
    [JsonIgnore]
    public string RegionOrDefault => Region ?? DefaultRegion;
}

/// <summary>What a local run has done so far (the live view's rows, <c>--report json</c> at exit, and <c>GET /status</c>).</summary>
/// <param name="At">When the figures were taken.</param>
/// <param name="InFlight">Events and messages not yet settled anywhere (on a bus, in a queue, awaiting a retry, in an invocation); 0 when the run is idle.</param>
/// <param name="Events">Every event put on a tenant's bus, accounted for.</param>
/// <param name="Functions">One row per tenant and function.</param>
/// <param name="Queues">One row per tenant and queue.</param>
public sealed record LocalRunStatus(
    DateTimeOffset At, long InFlight, EventAccounting Events, IReadOnlyList<FunctionStatus> Functions, IReadOnlyList<QueueStatus> Queues);

/// <summary>
/// Every event sent, accounted for: <c>Sent = Delivered + FailedToDeadLetter + MatchedNoRule + Pending</c>. An event
/// matched by several rules counts once, as delivered only when every target took it.
/// </summary>
public sealed record EventAccounting(long Sent, long Delivered, long FailedToDeadLetter, long MatchedNoRule, long Pending);

/// <summary>One function of one tenant: invocations, errors, throttles, duration percentiles and running instances.</summary>
public sealed record FunctionStatus(
    string TenantId, string Service, string Function, long Invocations, long Errors, long Throttles, double P50Milliseconds, double P99Milliseconds, int Instances);

/// <summary>One queue of one tenant: messages waiting, messages being processed, and whether it is a dead-letter queue.</summary>
public sealed record QueueStatus(string TenantId, string Service, string Queue, long Visible, long InFlight, bool IsDeadLetterQueue);

/// <summary>Source-generated JSON for the run's state and status files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LocalRunState))]
[JsonSerializable(typeof(LocalRunStatus))]
public sealed partial class LocalRunJsonContext : JsonSerializerContext;
