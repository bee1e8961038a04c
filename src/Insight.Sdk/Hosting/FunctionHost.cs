using System.Buffers;
using System.Diagnostics;
using Insight.Sdk.Observability;
using Insight.Sdk.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Insight.Sdk.Hosting;

/// <summary>Settings of <see cref="FunctionHost"/>; the defaults are what Lambda provides.</summary>
public sealed class FunctionHostOptions
{
    /// <summary>Reads environment variables. Tests substitute their own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Where logs and metrics go.</summary>
    public OutputSink Output { get; init; } = OutputSink.StandardOutput;

    /// <summary>
    /// How long before the deadline the invocation's cancellation token fires, leaving time to report an
    /// orderly error instead of being stopped mid-write.
    /// </summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Whether each invocation's trace header is exported as <c>_X_AMZN_TRACE_ID</c>, where the AWS SDK's X-Ray
    /// support looks for it. Off only where several hosts share one process, as in tests.
    /// </summary>
    public bool ExportTraceId { get; init; } = true;
}

/// <summary>
/// The custom-runtime loop: initialise once, then fetch, handle and report invocations until the Runtime API
/// says stop. Exit codes: 0 after <c>stop</c> is cancelled, 1 when the Runtime API fails or initialisation fails.
/// </summary>
public static partial class FunctionHost
{
    /// <summary>Runs the function named by <c>_HANDLER</c> against <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public static async Task<int> RunAsync(ServiceDefinition service, FunctionHostOptions? options = null, CancellationToken stop = default)
    {
        options ??= new FunctionHostOptions();
        var environment = options.Environment;
        var runtimeApi = environment("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            await Console.Error.WriteLineAsync(
                $"AWS_LAMBDA_RUNTIME_API is not set: {service.ServiceName} is a Lambda custom runtime and runs inside Lambda or next to a Runtime API server.").ConfigureAwait(false);
            return 2;
        }

        using var client = new RuntimeApiClient(runtimeApi);
        var function = await InitializeAsync(service, options, client).ConfigureAwait(false);
        if (function is null)
        {
            return 1;
        }

        await using (function.Services.ConfigureAwait(false))
        {
            return await RunLoopAsync(function, client, options, stop).ConfigureAwait(false);
        }
    }

    private static async Task<Function?> InitializeAsync(ServiceDefinition service, FunctionHostOptions options, RuntimeApiClient client)
    {
        try
        {
            var handlerKey = options.Environment("_HANDLER");
            if (string.IsNullOrWhiteSpace(handlerKey))
            {
                throw new FunctionConfigurationException($"The environment variable _HANDLER is not set; {service.ServiceName} has: {string.Join(", ", service.HandlerKeys)}.");
            }

            var invoker = service.ResolveInvoker(handlerKey) ?? throw new NoSuchHandlerException(handlerKey, service);
            var tenant = TenantContext.FromEnvironment(service.ServiceName, options.Environment);
            var metricsNamespace = options.Environment(EmfMetrics.NamespaceVariable) ?? "Insight";
            var metrics = new EmfMetrics(options.Output, tenant, metricsNamespace);

            var services = new ServiceCollection();
            services.AddSingleton(tenant);
            services.AddSingleton(new FunctionEnvironment(options.Environment));
            services.AddSingleton(options.Output);
            services.AddSingleton(metrics);
            services.AddSingleton<IMetrics>(metrics);
            services.AddScoped(_ => InvocationContext.Current
                ?? throw new InvalidOperationException("An InvocationContext exists only while an invocation is handled."));
            services.AddLogging(logging => logging
                .ClearProviders()
                .AddProvider(new JsonLoggerProvider(options.Output, tenant))
                .SetMinimumLevel(JsonLoggerProvider.MinimumLevel(options.Environment)));
            service.ConfigureServices(services, handlerKey);

            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            BuildSingletons(services, provider);
            return new Function(handlerKey, invoker, provider, tenant, metrics, provider.GetRequiredService<ILoggerFactory>().CreateLogger("Insight.Runtime"));
        }
        catch (Exception exception)
        {
            var errorType = exception switch
            {
                NoSuchHandlerException => ErrorTypes.NoSuchHandler,
                FunctionConfigurationException => ErrorTypes.MissingConfiguration,
                _ => ErrorTypes.InitFailed,
            };
            await Console.Error.WriteLineAsync($"{service.ServiceName} failed to initialise ({errorType}): {exception.Message}").ConfigureAwait(false);
            try
            {
                await client.PostInitErrorAsync(RuntimeErrorPayload.From(exception, errorType)).ConfigureAwait(false);
            }
            catch (Exception reportFailure) when (reportFailure is RuntimeApiException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync($"Reporting the init error failed too: {reportFailure.Message}").ConfigureAwait(false);
            }

            return null;
        }
    }

    /// <summary>
    /// Singletons are built during initialisation, which Lambda runs with a full CPU before the first request,
    /// rather than inside the first invocation's latency. It also surfaces a broken registration as an init error.
    /// </summary>
    private static void BuildSingletons(ServiceCollection services, ServiceProvider provider)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.Lifetime == ServiceLifetime.Singleton && !descriptor.IsKeyedService && !descriptor.ServiceType.IsGenericTypeDefinition)
            {
                provider.GetService(descriptor.ServiceType);
            }
        }
    }

    private static async Task<int> RunLoopAsync(Function function, RuntimeApiClient client, FunctionHostOptions options, CancellationToken stop)
    {
        var response = new ArrayBufferWriter<byte>(4096);
        var coldStart = true;
        while (!stop.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await client.GetNextInvocationAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception exception) when (exception is RuntimeApiException or HttpRequestException)
            {
                // The spec's answer to a failing /next is to exit promptly; Lambda then replaces the environment.
                LogRuntimeApiFailed(function.Log, exception, exception.Message);
                return 1;
            }

            // Each invocation has its own deadline source: a token a handler hands to work that outlives the
            // invocation must never be cancelled by a later invocation's deadline.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
            try
            {
                // Handled, then answered here: a handler that completes synchronously then costs no state machine of
                // its own on each invocation.
                var error = await HandleAsync(function, invocation, response, deadline, coldStart, options).ConfigureAwait(false);
                try
                {
                    // The outcome is posted even while stopping: the invocation was taken and must be answered.
                    if (error is null)
                    {
                        await client.PostResponseAsync(invocation.RequestId, response.WrittenMemory).ConfigureAwait(false);
                    }
                    else
                    {
                        await client.PostInvocationErrorAsync(invocation.RequestId, error).ConfigureAwait(false);
                    }
                }
                catch (RuntimeApiException exception) when (exception.StatusCode is 400 or 413)
                {
                    // The Runtime API refused this invocation's outcome (too large, or the invocation already ended);
                    // Lambda reports that failure itself. The environment is still healthy.
                    LogResponseRefused(function.Log, exception, invocation.RequestId, exception.Message);
                }
            }
            catch (Exception exception) when (exception is RuntimeApiException { StatusCode: >= 500 } or HttpRequestException)
            {
                LogRuntimeApiFailed(function.Log, exception, exception.Message);
                return 1;
            }

            coldStart = false;
        }

        return 0;
    }

    /// <summary>Runs the handler on <paramref name="invocation"/>; the error to report, or null when the response holds the result.</summary>
    private static async ValueTask<RuntimeErrorPayload?> HandleAsync(
        Function function, LambdaInvocation invocation, ArrayBufferWriter<byte> response,
        CancellationTokenSource deadline, bool coldStart, FunctionHostOptions options)
    {
        if (invocation.TraceId is not null && options.ExportTraceId)
        {
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
        }

        var left = invocation.Deadline - DateTimeOffset.UtcNow;
        var remaining = left - options.DeadlineMargin;
        deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);

        var started = Stopwatch.GetTimestamp();
        RuntimeErrorPayload? error = null;
        var scope = function.Services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = new InvocationContext(invocation, function.Tenant, coldStart, scope.ServiceProvider, deadline.Token);
            InvocationContext.Current = context;
            response.ResetWrittenCount();
            try
            {
                if (coldStart)
                {
                    function.Metrics.Add("ColdStart", 1);
                }

                if (remaining <= TimeSpan.Zero)
                {
                    // Too little time to do the work and still report in order: the handler is not started, so nothing
                    // is half-written, and the event comes back through the trigger's retries.
                    var message = $"The invocation arrived with {Milliseconds(left)} ms left, below the {Milliseconds(options.DeadlineMargin)} ms safety margin; the handler was not run (no side effects).";
                    LogNotStarted(function.Log, ErrorTypes.DeadlineExceeded, message);
                    function.Metrics.Add("DeadlineRefusals", 1);
                    error = new RuntimeErrorPayload(message, ErrorTypes.DeadlineExceeded, []);
                }
                else
                {
                    await function.Invoker.InvokeAsync(context, response).ConfigureAwait(false);
                }
            }
            catch (Exception exception)
            {
                var errorType = ErrorTypes.For(exception, deadline.Token);
                var message = errorType == ErrorTypes.DeadlineExceeded && exception is OperationCanceledException
                    ? $"The handler was still running {Milliseconds(options.DeadlineMargin)} ms before the deadline (the safety margin) and was cancelled; work it had started may be partly done."
                    : exception.Message;
                LogInvocationFailed(function.Log, exception, errorType, message);
                error = RuntimeErrorPayload.From(exception, errorType) with { ErrorMessage = message };
            }
            finally
            {
                // Logs and metrics go out before the outcome: once it is posted, Lambda may freeze the environment.
                function.Metrics.Add("Duration", Stopwatch.GetElapsedTime(started).TotalMilliseconds, MetricUnit.Milliseconds);
                function.Metrics.Flush(function.HandlerKey, DateTimeOffset.UtcNow);
                InvocationContext.Current = null;
            }
        }

        return error;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation failed ({ErrorType}): {Reason}")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation not started ({ErrorType}): {Reason}")]
    private static partial void LogNotStarted(ILogger logger, string errorType, string reason);

    private static long Milliseconds(TimeSpan time) => Math.Max(0, (long)time.TotalMilliseconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The Runtime API failed; exiting so Lambda replaces this environment: {Reason}")]
    private static partial void LogRuntimeApiFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Runtime API refused the result of {RequestId}: {Reason}")]
    private static partial void LogResponseRefused(ILogger logger, Exception exception, string requestId, string reason);

    private sealed record Function(
        string HandlerKey, IFunctionInvoker Invoker, ServiceProvider Services, TenantContext Tenant, EmfMetrics Metrics, ILogger Log);

    private sealed class NoSuchHandlerException(string handlerKey, ServiceDefinition service)
        : Exception($"_HANDLER is \"{handlerKey}\", but {service.ServiceName} has no such function; it has: {string.Join(", ", service.HandlerKeys)}.");
}
