using Insight.Sdk.Runtime;

namespace Insight.Sdk;

/// <summary>
/// Everything about the invocation in progress. <see cref="CancellationToken"/> is cancelled shortly before the
/// deadline, so a handler that honours it ends in an orderly error instead of being frozen mid-write.
/// </summary>
public sealed class InvocationContext
{
    private static readonly AsyncLocal<InvocationContext?> CurrentContext = new();

    private readonly LambdaInvocation _invocation;
    private ReadOnlyMemory<byte> _eventJson;
    private bool _eventInDetail;
    private object? _event;
    private string? _eventId;
    private bool _eventIdRead;

    internal InvocationContext(LambdaInvocation invocation, TenantContext tenant, bool isColdStart, IServiceProvider services, CancellationToken cancellationToken)
    {
        _invocation = invocation;
        Tenant = tenant;
        IsColdStart = isColdStart;
        Services = services;
        CancellationToken = cancellationToken;
    }

    /// <summary>The invocation in progress on this flow of execution, for logs written outside a handler.</summary>
    public static InvocationContext? Current
    {
        get => CurrentContext.Value;
        internal set => CurrentContext.Value = value;
    }

    /// <summary>Lambda's request id.</summary>
    public string RequestId => _invocation.RequestId;

    /// <summary>When Lambda stops the invocation.</summary>
    public DateTimeOffset Deadline => _invocation.Deadline;

    /// <summary>Time left before <see cref="Deadline"/>.</summary>
    public TimeSpan RemainingTime => Deadline - DateTimeOffset.UtcNow;

    /// <summary>The ARN the function was invoked by (may carry a version or alias).</summary>
    public string FunctionArn => _invocation.FunctionArn;

    /// <summary>The X-Ray trace header, also exported as <c>_X_AMZN_TRACE_ID</c>.</summary>
    public string? TraceId => _invocation.TraceId;

    /// <summary>Client context of a mobile-SDK invocation, as JSON.</summary>
    public string? ClientContext => _invocation.ClientContext;

    /// <summary>Cognito identity of a mobile-SDK invocation, as JSON.</summary>
    public string? CognitoIdentity => _invocation.CognitoIdentity;

    /// <summary>
    /// The tenant id Lambda passed for a function in tenant-isolation mode (<c>Lambda-Runtime-Aws-Tenant-Id</c>);
    /// <c>null</c> otherwise. Deployment identity is <see cref="Tenant"/>.
    /// </summary>
    public string? InvocationTenantId => _invocation.TenantId;

    /// <summary>
    /// Who made an HTTP request, from the token the route's authorizer verified; null for other triggers and for an
    /// anonymous route called without a token.
    /// </summary>
    public Caller? Caller { get; internal set; }

    /// <summary>The deployment's tenant.</summary>
    public TenantContext Tenant { get; }

    /// <summary>Whether this is the first invocation of this execution environment.</summary>
    public bool IsColdStart { get; }

    /// <summary>Cancelled shortly before <see cref="Deadline"/>.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// The <c>event_id</c> of the event being handled (for an SQS batch: of the record being handled), so logs and failure
    /// reports can name the event itself, not only the delivery. Read from the event once it is parsed; for a payload that
    /// failed to parse, taken from its <c>event_id</c> field where one can be found. <c>null</c> when there is none.
    /// </summary>
    public string? EventId
    {
        get
        {
            if (!_eventIdRead)
            {
                _eventId = _event is Events.ScannerEvent scannerEvent ? scannerEvent.EventId : Hosting.EventIdReader.Find(_eventJson.Span, _eventInDetail);
                _eventIdRead = true;
            }

            return _eventId;
        }
    }

    /// <summary>The raw payload.</summary>
    public ReadOnlyMemory<byte> Payload => _invocation.Payload;

    /// <summary>The invocation's dependency-injection scope; generated invokers resolve handlers from it.</summary>
    public IServiceProvider Services { get; }

    /// <summary>
    /// Names the event now being handled: its JSON (the payload, or an SQS record's body), whether it sits under
    /// <c>detail</c>, and the event once read. <see cref="EventId"/> is found again from these, lazily.
    /// </summary>
    internal void Handling(ReadOnlyMemory<byte> json, bool inDetail, object? parsed = null)
    {
        _eventJson = json;
        _eventInDetail = inDetail;
        _event = parsed;
        _eventId = null;
        _eventIdRead = false;
    }
}
