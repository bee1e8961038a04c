namespace Insight.Sdk.Cdk.Templates;

/// <summary>
/// One stack instance of a template: the account and region it is deployed to, its stack name and the parameter values
/// it gets (a StackSet's per-account overrides over the stack set's own values). Everything the template's intrinsics
/// and pseudo parameters resolve against.
/// </summary>
/// <param name="StackName">The stack's name (<c>AWS::StackName</c>), which generated physical names start with.</param>
/// <param name="AccountId">The twelve-digit account id (<c>AWS::AccountId</c>).</param>
/// <param name="Region">The region (<c>AWS::Region</c>).</param>
/// <param name="Parameters">Parameter values by name; a parameter not named here takes the template's default.</param>
public sealed record StackInstance(string StackName, string AccountId, string Region, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The partition (<c>AWS::Partition</c>).</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>The domain suffix of the partition's endpoints (<c>AWS::URLSuffix</c>).</summary>
    public string UrlSuffix { get; init; } = "amazonaws.com";

    /// <summary>
    /// Where the account's queues are reached; a queue's URL is <c>{QueueEndpoint}/{account}/{name}</c>. Null for
    /// SQS's own endpoint of the region.
    /// </summary>
    public string? QueueEndpoint { get; init; }

    /// <summary>Where the account's HTTP APIs answer (an API's <c>ApiEndpoint</c>); null for API Gateway's own address of each API.</summary>
    public string? HttpApiEndpoint { get; init; }
}

/// <summary>A template cannot be resolved for a stack instance; the message names the template, resource and property path.</summary>
public sealed class TemplateResolutionException(string message) : Exception(message);
