using Amazon.DynamoDBv2.Model;

// Members whose names say it all go without a <param> tag.
#pragma warning disable CS1573

namespace Insight.Cli.Local.Emulation;

// The seam between reading a tenant's templates (parameters and intrinsics resolved, every resource either planned,
// listed as not emulated, or refused) and running what they describe on this machine. Everything here is already
// resolved: names, ARNs, URLs, numbers and defaults are what CloudFormation and the services would give that account.

/// <summary>What one tenant account holds once every service template is deployed to it, ready to run locally.</summary>
/// <param name="TenantId">The tenant, as its <c>TenantId</c> parameter says.</param>
/// <param name="AccountId">The account's twelve-digit id.</param>
/// <param name="Region">The region the account's stacks are in.</param>
/// <param name="NotEmulated">Resources with no local effect, as <c>Service/LogicalId (Type)</c>, listed once to the user.</param>
internal sealed record AccountPlan(
    string TenantId,
    string AccountId,
    string Region,
    IReadOnlyList<TablePlan> Tables,
    IReadOnlyList<FunctionPlan> Functions,
    IReadOnlyList<QueuePlan> Queues,
    IReadOnlyList<QueueSourcePlan> QueueSources,
    IReadOnlyList<RulePlan> Rules,
    IReadOnlyList<RoutePlan> Routes,
    IReadOnlyList<string> NotEmulated);

/// <summary>An <c>AWS::DynamoDB::Table</c>: the request that creates it (keys, indexes, billing) and its TTL attribute.</summary>
internal sealed record TablePlan(string Service, string LogicalId, CreateTableRequest Create, string? TimeToLiveAttribute);

/// <summary>An <c>AWS::Lambda::Function</c> with its code unpacked on this machine.</summary>
/// <param name="CodeFolder">The folder holding the unpacked deployment package (its <c>bootstrap</c> for a native function).</param>
/// <param name="JitAssembly">With <c>--jit</c>: the service's built assembly, run with <c>dotnet</c> instead of the bootstrap.</param>
/// <param name="Environment">The template's environment variables, resolved.</param>
/// <param name="ReservedConcurrency">The most instances that may run at once, when the template reserves concurrency.</param>
internal sealed record FunctionPlan(
    string Service,
    string LogicalId,
    string FunctionName,
    string Arn,
    string CodeFolder,
    string? JitAssembly,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout,
    int MemorySizeMb,
    int? ReservedConcurrency,
    AsyncInvokePlan AsyncInvoke)
{
    /// <summary>
    /// The template's <c>Handler</c>, given to the process as <c>_HANDLER</c> (it selects the function inside a service's
    /// bootstrap); null when the template sets none.
    /// </summary>
    public string? Handler { get; init; }
}

/// <summary>
/// How asynchronous invocations of a function are retried (its <c>AWS::Lambda::EventInvokeConfig</c>, or Lambda's
/// defaults: two retries, six hours) and where a failed one goes.
/// </summary>
internal sealed record AsyncInvokePlan(int MaximumRetryAttempts, TimeSpan MaximumEventAge, string? OnFailureArn, string? OnSuccessArn)
{
    /// <summary>Lambda's defaults when no EventInvokeConfig is given.</summary>
    public static AsyncInvokePlan Default { get; } = new(2, TimeSpan.FromHours(6), null, null);
}

/// <summary>An <c>AWS::SQS::Queue</c>.</summary>
/// <param name="Redrive">Its redrive policy, when it has a dead-letter queue.</param>
internal sealed record QueuePlan(
    string Service,
    string LogicalId,
    string QueueName,
    string Arn,
    string Url,
    TimeSpan VisibilityTimeout,
    TimeSpan MessageRetention,
    TimeSpan DeliveryDelay,
    RedrivePlan? Redrive);

/// <summary>A queue's redrive policy: after <paramref name="MaxReceiveCount"/> receives a message moves to the dead-letter queue.</summary>
internal sealed record RedrivePlan(string DeadLetterQueueArn, int MaxReceiveCount);

/// <summary>An <c>AWS::Lambda::EventSourceMapping</c> from a queue to a function.</summary>
internal sealed record QueueSourcePlan(
    string QueueArn,
    string FunctionArn,
    int BatchSize,
    TimeSpan MaximumBatchingWindow,
    bool ReportBatchItemFailures,
    int? MaximumConcurrency,
    bool Enabled);

/// <summary>An <c>AWS::Events::Rule</c> on the account's bus (an event pattern) or a schedule (rate or cron, UTC).</summary>
internal sealed record RulePlan(
    string Service, string LogicalId, string RuleName, string Arn, string? EventPatternJson, string? ScheduleExpression, bool Enabled, IReadOnlyList<TargetPlan> Targets);

/// <summary>A rule's target: a function (invoked asynchronously) or a queue, with its input shaping, retry policy and dead-letter queue.</summary>
internal sealed record TargetPlan(
    string Id,
    string Arn,
    string? Input,
    string? InputPath,
    Insight.Local.Events.InputTransformerSpec? InputTransformer,
    int MaximumRetryAttempts,
    TimeSpan MaximumEventAge,
    string? DeadLetterQueueArn);

/// <summary>An <c>AWS::ApiGatewayV2::Route</c> with its Lambda proxy integration and authorizer.</summary>
/// <param name="RouteKey">As the template has it: <c>GET /workers/{worker}/risk</c>, or <c>$default</c>.</param>
/// <param name="PayloadFormatVersion">The integration's payload format (<c>2.0</c>).</param>
/// <param name="Authorizer">The JWT authorizer and the route's scopes; null for a route the template leaves open.</param>
internal sealed record RoutePlan(string Service, string ApiId, string RouteKey, string FunctionArn, string PayloadFormatVersion, RouteAuthorizerPlan? Authorizer);

/// <summary>A route's JWT authorizer as API Gateway checks it.</summary>
/// <param name="Issuer">The issuer the token must carry (the local issuer's, locally).</param>
/// <param name="Audience">The audiences of which the token's must include one.</param>
/// <param name="Scopes">The route's authorization scopes; the token needs one of them when any are given.</param>
/// <param name="IdentitySource">Where the token is read, e.g. <c>$request.header.Authorization</c>.</param>
internal sealed record RouteAuthorizerPlan(string Issuer, IReadOnlyList<string> Audience, IReadOnlyList<string> Scopes, string IdentitySource);
