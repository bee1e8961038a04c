namespace Insight.Sdk.Runtime;

/// <summary>One invocation as the Runtime API hands it over: the <c>Lambda-Runtime-*</c> headers and the payload.</summary>
public sealed record LambdaInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string FunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    string? TenantId,
    ReadOnlyMemory<byte> Payload);
