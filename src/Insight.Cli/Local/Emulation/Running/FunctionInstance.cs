using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Insight.Local.RuntimeApi;
using Insight.Sdk.Data;

namespace Insight.Cli.Local.Emulation.Running;

/// <summary>
/// One execution environment of a function: its own Runtime API server and the function's process polling it
/// (the native <c>bootstrap</c>, or <c>dotnet</c> running the service's assembly with <c>--jit</c>). Like Lambda's, it
/// handles one invocation at a time; one that outlives the function's timeout or whose process dies ends the
/// environment, and the pool starts a fresh one.
/// </summary>
internal sealed class FunctionInstance : IAsyncDisposable
{
    /// <summary>How long a process may take to start polling; generous because a JIT start on a busy machine is slow.</summary>
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Slack past the deadline before the environment is ended: the runtime reports its own timeout at the deadline,
    /// and a loaded machine must not turn that report into a kill.
    /// </summary>
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromMilliseconds(250);

    // Variables of this tool's own shell that a function needs to start at all (the dotnet host for --jit); everything
    // else is left behind, as Lambda gives a function only its configuration.
    private static readonly string[] InheritedVariables = ["PATH", "HOME", "TMPDIR", "LANG", "DOTNET_ROOT"];

    private readonly FunctionPlan _function;
    private readonly RuntimeApiServer _server;
    private readonly Process _process;
    private readonly Task _exit;
    private readonly Task _output;
    private int _stopped;

    private FunctionInstance(FunctionPlan function, RuntimeApiServer server, Process process, Task output)
    {
        _function = function;
        _server = server;
        _process = process;
        _output = output;
        _exit = process.WaitForExitAsync();
    }

    /// <summary>Completes when the process has exited, for whatever reason.</summary>
    public Task Exited => _exit;

    /// <summary>The process has exited or was ended; the environment takes no more invocations.</summary>
    public bool IsGone => _exit.IsCompleted || Volatile.Read(ref _stopped) != 0;

    /// <summary>The exit code, once <see cref="Exited"/> completed.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <paramref name="function"/> of <paramref name="account"/> with the environment Lambda gives it there, and
    /// waits until it polls for work.
    /// </summary>
    /// <exception cref="FunctionStartException">The process did not start, reported an initialisation error, exited or never polled.</exception>
    public static async Task<FunctionInstance> StartAsync(
        AccountPlan account, FunctionPlan function, string dynamoDbUrl, ILocalLogSink logs, CancellationToken cancellationToken)
    {
        var server = await RuntimeApiServer.StartAsync(cancellationToken).ConfigureAwait(false);
        server.FunctionArn = function.Arn;
        Process process;
        try
        {
            process = Process.Start(StartInfo(account, function, dynamoDbUrl, server.Address))
                ?? throw new FunctionStartException("Runtime.InvalidEntrypoint", $"{Entrypoint(function)} did not start.");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or FunctionStartException)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw exception as FunctionStartException ?? new FunctionStartException("Runtime.InvalidEntrypoint", $"{Entrypoint(function)} could not be started: {exception.Message}");
        }

        var output = Task.WhenAll(
            ForwardAsync(process.StandardOutput, account.TenantId, function.FunctionName, logs, isError: false),
            ForwardAsync(process.StandardError, account.TenantId, function.FunctionName, logs, isError: true));
        var instance = new FunctionInstance(function, server, process, output);
        try
        {
            await instance.WaitUntilPollingAsync(cancellationToken).ConfigureAwait(false);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Hands <paramref name="payload"/> to the function and returns what it answered. When the process dies or the
    /// deadline passes, the outcome is Lambda's error for that (<c>Runtime.ExitError</c>, <c>Sandbox.Timedout</c>) and
    /// the environment is gone.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid().ToString();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var invocation = _server.InvokeAsync(payload, new InvocationOptions { RequestId = requestId, Timeout = _function.Timeout }, abandon.Token);
        var deadline = Task.Delay(_function.Timeout + DeadlineSlack, abandon.Token);
        var first = await Task.WhenAny(invocation, _exit, deadline).ConfigureAwait(false);

        // Cancelled whatever happened: the deadline's timer must not outlive an invocation that answered in time.
        await abandon.CancelAsync().ConfigureAwait(false);
        if (first == invocation && invocation.IsCompletedSuccessfully)
        {
            return invocation.Result;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (first == invocation)
        {
            // The server failed the invocation itself (it was stopped under it): the environment is unusable.
            await StopAsync().ConfigureAwait(false);
            return Failure(requestId, "Runtime.ExitError", $"RequestId: {requestId} Error: the runtime API of this environment stopped.");
        }

        if (first == _exit)
        {
            return Failure(requestId, "Runtime.ExitError", $"RequestId: {requestId} Error: Runtime exited with error: exit status {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}");
        }

        await StopAsync().ConfigureAwait(false);
        return Failure(requestId, "Sandbox.Timedout", $"RequestId: {requestId} Error: Task timed out after {_function.Timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} seconds");
    }

    /// <summary>Ends the process and the server.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await _exit.ConfigureAwait(false);
            return;
        }

        // The process goes first: stopping the server under it would make it report a Runtime API failure.
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        await _exit.ConfigureAwait(false);
        await _output.ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static ProcessStartInfo StartInfo(AccountPlan account, FunctionPlan function, string dynamoDbUrl, string runtimeApi)
    {
        var start = new ProcessStartInfo
        {
            FileName = function.JitAssembly is null ? Path.Combine(function.CodeFolder, "bootstrap") : "dotnet",
            WorkingDirectory = function.CodeFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (function.JitAssembly is { } assembly)
        {
            start.ArgumentList.Add(assembly);
        }

        var inherited = start.Environment.Where(variable => InheritedVariables.Contains(variable.Key, StringComparer.Ordinal) || variable.Key.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList();
        start.Environment.Clear();
        foreach (var (name, value) in inherited)
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in function.Environment)
        {
            start.Environment[name] = value;
        }

        // Lambda's reserved variables win over the template's, as Lambda refuses to let a template set them.
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = function.FunctionName;
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySizeMb.ToString(CultureInfo.InvariantCulture);
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{function.FunctionName}";
        start.Environment["AWS_REGION"] = account.Region;
        start.Environment["AWS_DEFAULT_REGION"] = account.Region;
        start.Environment["LAMBDA_TASK_ROOT"] = function.CodeFolder;
        start.Environment["TZ"] = ":UTC";
        if (function.Handler is { Length: > 0 } handler)
        {
            start.Environment["_HANDLER"] = handler;
        }

        // DynamoDB Local keeps one database per access key id: the account id keeps each account's tables its own.
        start.Environment["AWS_ACCESS_KEY_ID"] = account.AccountId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = LocalAccount.SecretAccessKey;
        start.Environment["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDbUrl;
        start.Environment[DynamoServiceCollectionExtensions.EndpointVariable] = dynamoDbUrl;
        return start;
    }

    private static string Entrypoint(FunctionPlan function) =>
        function.JitAssembly is { } assembly ? $"dotnet {assembly}" : Path.Combine(function.CodeFolder, "bootstrap");

    private async Task WaitUntilPollingAsync(CancellationToken cancellationToken)
    {
        Task first;
        try
        {
            first = await Task.WhenAny(_server.FirstNextRequest, _server.InitError, _exit).WaitAsync(InitTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new FunctionStartException("Runtime.InitTimeout", $"{_function.FunctionName} did not poll for work within {InitTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds of starting.");
        }

        if (first == _server.InitError)
        {
            var report = await _server.InitError.ConfigureAwait(false);
            throw new FunctionStartException(report.ErrorType ?? "Runtime.InitError", report.ErrorMessage ?? Encoding.UTF8.GetString(report.Body));
        }

        if (first == _exit)
        {
            throw new FunctionStartException("Runtime.ExitError", $"{_function.FunctionName} exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} before polling for work.");
        }
    }

    private static async Task ForwardAsync(StreamReader reader, string tenantId, string function, ILocalLogSink logs, bool isError)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            logs.Write(tenantId, function, line, isError);
        }
    }

    private static InvocationOutcome Failure(string requestId, string errorType, string errorMessage) => new()
    {
        RequestId = requestId,
        IsError = true,
        ErrorType = errorType,
        ErrorMessage = errorMessage,
        Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["errorMessage"] = errorMessage, ["errorType"] = errorType }, RunningJsonContext.Default.DictionaryStringString),
    };
}

/// <summary>A function's environment could not be brought up; the type and message are Lambda's words for why.</summary>
internal sealed class FunctionStartException(string errorType, string message) : Exception(message)
{
    /// <summary>Lambda's error type for the failure, such as <c>Runtime.ExitError</c>.</summary>
    public string ErrorType { get; } = errorType;
}
