using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Insight.Local.RuntimeApi;

namespace Insight.Cli.Local.Emulation.Running;

/// <summary>
/// The execution environments of one function: an idle one takes the next invocation, a new one starts when all are
/// busy, and no more than the function's concurrency (its reserved concurrency when set, and this machine's limit)
/// run at once. A synchronous request that finds every slot taken is throttled as Lambda throttles it; asynchronous
/// invocations and queue batches wait for a slot instead. Keeps the figures of the function's status row.
/// </summary>
internal sealed class FunctionPool : IAsyncDisposable
{
    private const int DurationSamples = 4096;

    private readonly AccountPlan _account;
    private readonly string _dynamoDbUrl;
    private readonly ILocalLogSink _logs;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<FunctionInstance> _idle = new();
    private readonly ConcurrentDictionary<FunctionInstance, bool> _running = new();
    private readonly double[] _durations = new double[DurationSamples];
    private readonly Lock _durationLock = new();
    private long _durationCount;
    private long _invocations;
    private long _errors;
    private long _throttles;
    private int _disposed;

    public FunctionPool(AccountPlan account, FunctionPlan function, LocalAccountOptions options)
    {
        _account = account;
        _dynamoDbUrl = options.DynamoDbUrl;
        _logs = options.Logs;
        Function = function;
        Concurrency = Math.Max(0, Math.Min(function.ReservedConcurrency ?? int.MaxValue, options.MaxInstancesPerFunction));
        _slots = new SemaphoreSlim(Concurrency, Math.Max(1, Concurrency));
    }

    /// <summary>What the pool runs.</summary>
    public FunctionPlan Function { get; }

    /// <summary>The most invocations that may run at once.</summary>
    public int Concurrency { get; }

    /// <summary>
    /// Invokes now if a slot is free, or returns null: the request was throttled (Lambda's
    /// <c>TooManyRequestsException</c>) and counted.
    /// </summary>
    public async Task<InvocationOutcome?> TryInvokeNowAsync(byte[] payload, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            Interlocked.Increment(ref _throttles);
            return null;
        }

        return await RunInSlotAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Invokes as soon as a slot is free (counting a throttle when none is free now), or returns null when none became
    /// free within <paramref name="patience"/> (real time).
    /// </summary>
    public async Task<InvocationOutcome?> InvokeWhenFreeAsync(byte[] payload, TimeSpan patience, CancellationToken cancellationToken)
    {
        if (!await WaitForSlotAsync(patience, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return await RunInSlotAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a free slot (the caller then owes one <see cref="RunInSlotAsync"/>); false when none freed up within <paramref name="patience"/>.</summary>
    public async Task<bool> WaitForSlotAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return true;
        }

        Interlocked.Increment(ref _throttles);
        if (Concurrency == 0)
        {
            // Reserved concurrency 0 throttles every invocation: the request waits out its patience, as Lambda keeps
            // retrying a throttled event until it is too old.
            await Task.Delay(ClampTimeout(patience), cancellationToken).ConfigureAwait(false);
            return false;
        }

        return await _slots.WaitAsync(ClampTimeout(patience), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives back a slot from <see cref="WaitForSlotAsync"/> that turned out not to be needed.</summary>
    public void ReleaseSlot() => _slots.Release();

    /// <summary>Runs one invocation in the slot the caller holds, then frees the slot.</summary>
    public async Task<InvocationOutcome> RunInSlotAsync(byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            InvocationOutcome outcome;
            FunctionInstance? instance = null;
            try
            {
                instance = await TakeInstanceAsync(cancellationToken).ConfigureAwait(false);
                outcome = await instance.InvokeAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (FunctionStartException failure)
            {
                _logs.Write(_account.TenantId, Function.FunctionName, $"[insight local] the function failed to start ({failure.ErrorType}): {failure.Message}", isError: true);
                outcome = new InvocationOutcome { RequestId = Guid.NewGuid().ToString(), IsError = true, ErrorType = failure.ErrorType, ErrorMessage = failure.Message, Body = [] };
            }

            Record(Stopwatch.GetElapsedTime(started), outcome.IsError);
            if (instance is not null)
            {
                Return(instance);
            }

            return outcome;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>This function's row of the status.</summary>
    public Insight.Local.Emulation.FunctionStatus Status()
    {
        double p50, p99;
        lock (_durationLock)
        {
            var count = (int)Math.Min(_durationCount, DurationSamples);
            var samples = _durations.AsSpan(0, count).ToArray();
            Array.Sort(samples);
            p50 = Percentile(samples, 0.50);
            p99 = Percentile(samples, 0.99);
        }

        return new Insight.Local.Emulation.FunctionStatus(
            _account.TenantId, Function.Service, Function.FunctionName, Interlocked.Read(ref _invocations), Interlocked.Read(ref _errors),
            Interlocked.Read(ref _throttles), p50, p99, _running.Count);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_running.Keys.Select(instance => instance.StopAsync())).ConfigureAwait(false);
        _running.Clear();
        _idle.Clear();
    }

    private async Task<FunctionInstance> TakeInstanceAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryPop(out var idle))
        {
            if (!idle.IsGone)
            {
                return idle;
            }
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var instance = await FunctionInstance.StartAsync(_account, Function, _dynamoDbUrl, _logs, cancellationToken).ConfigureAwait(false);
        _running[instance] = true;
        _ = ReportExitAsync(instance);
        if (Volatile.Read(ref _disposed) != 0)
        {
            await instance.StopAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(FunctionPool));
        }

        return instance;
    }

    private void Return(FunctionInstance instance)
    {
        if (instance.IsGone)
        {
            _running.TryRemove(instance, out _);
            return;
        }

        _idle.Push(instance);
    }

    /// <summary>A process that dies on its own is reported; the next invocation gets a fresh one.</summary>
    private async Task ReportExitAsync(FunctionInstance instance)
    {
        await instance.Exited.ConfigureAwait(false);
        _running.TryRemove(instance, out _);
        if (Volatile.Read(ref _disposed) == 0)
        {
            _logs.Write(_account.TenantId, Function.FunctionName, $"[insight local] the function's process exited with code {instance.ExitCode.ToString(CultureInfo.InvariantCulture)}; the next invocation starts a new one.", isError: true);
        }
    }

    private void Record(TimeSpan duration, bool isError)
    {
        Interlocked.Increment(ref _invocations);
        if (isError)
        {
            Interlocked.Increment(ref _errors);
        }

        lock (_durationLock)
        {
            _durations[_durationCount % DurationSamples] = duration.TotalMilliseconds;
            _durationCount++;
        }
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private static TimeSpan ClampTimeout(TimeSpan patience) =>
        patience < TimeSpan.Zero ? TimeSpan.Zero : patience > TimeSpan.FromDays(1) ? Timeout.InfiniteTimeSpan : patience;
}
