using System.Security.Cryptography;

namespace Insight.Local.RuntimeApi;

/// <summary>
/// A queued or in-flight invocation. The completion source is the single source of truth
/// for "already answered", so concurrent posts for the same id race safely.
/// </summary>
internal sealed class Invocation
{
    private int _dispatched;

    public required string RequestId { get; init; }

    public required byte[] Payload { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required string FunctionArn { get; init; }

    public required string TraceId { get; init; }

    public string? ClientContext { get; init; }

    public string? CognitoIdentity { get; init; }

    public string? TenantId { get; init; }

    public TaskCompletionSource<InvocationOutcome> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Only dispatched invocations may be answered; Lambda rejects ids the runtime was never given.</summary>
    public bool IsDispatched => Volatile.Read(ref _dispatched) == 1;

    /// <summary>Claims the invocation for one <c>/next</c> caller; fails if it was cancelled or claimed already.</summary>
    public bool TryMarkDispatched() =>
        !Completion.Task.IsCompleted && Interlocked.CompareExchange(ref _dispatched, 1, 0) == 0;

    /// <summary>Releases the claim when delivery failed, so the invocation can be requeued.</summary>
    public void MarkUndispatched() => Volatile.Write(ref _dispatched, 0);

    /// <summary>Builds a header in the shape X-Ray uses, so runtimes that parse it accept it.</summary>
    public static string NewTraceId()
    {
        Span<byte> random = stackalloc byte[20];
        RandomNumberGenerator.Fill(random);
        long epochSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"Root=1-{epochSeconds:x8}-{Convert.ToHexStringLower(random[..12])};" +
               $"Parent={Convert.ToHexStringLower(random[12..])};Sampled=1";
    }
}
