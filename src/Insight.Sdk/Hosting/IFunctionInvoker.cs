using Microsoft.Extensions.DependencyInjection;
using System.Buffers;

namespace Insight.Sdk.Hosting;

/// <summary>
/// Turns one invocation's payload into a call of one handler and writes the function's response.
/// The handler generator emits one per handler class.
/// </summary>
public interface IFunctionInvoker
{
    /// <summary>Handles the invocation described by <paramref name="context"/>, writing the response body (if any) to <paramref name="response"/>.</summary>
    ValueTask InvokeAsync(InvocationContext context, IBufferWriter<byte> response);
}

/// <summary>A service's functions and registrations, as the handler generator describes them to <see cref="FunctionHost"/>.</summary>
public sealed class ServiceDefinition
{
    /// <summary>The service's name (its assembly name unless set otherwise).</summary>
    public required string ServiceName { get; init; }

    /// <summary>The invoker for a <c>_HANDLER</c> key, or <c>null</c> when the service has no such function.</summary>
    public required Func<string, IFunctionInvoker?> ResolveInvoker { get; init; }

    /// <summary>The <c>_HANDLER</c> keys of every function, for error messages.</summary>
    public required IReadOnlyList<string> HandlerKeys { get; init; }

    /// <summary>
    /// Adds what the function with the given <c>_HANDLER</c> key needs — its handler, the tables it uses — and the
    /// service's own registrations. Each function's container holds only its own, so it needs only its own configuration.
    /// </summary>
    public required Action<IServiceCollection, string> ConfigureServices { get; init; }
}
