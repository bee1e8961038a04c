using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Insight.Local.Emulation;
using Insight.Local.Events;

namespace Insight.Cli.Local.Emulation.Running;

/// <summary>
/// One tenant account running on this machine, as its <see cref="AccountPlan"/> describes it: the tables in DynamoDB
/// Local under the account's own access key id, each function as real processes polling their own Runtime API servers,
/// the queues with their event source mappings, the bus with its rules and targets, asynchronous invocations with their
/// retries and destinations, and the schedules — every timer in the account's emulated time. Nothing sent to it is
/// lost silently: every event put on the bus is accounted for, and failures are written to the log sink.
/// </summary>
internal sealed class LocalAccount : IAsyncDisposable
{
    /// <summary>The secret key every local account's credentials carry; DynamoDB Local checks only that one is given.</summary>
    internal const string SecretAccessKey = "insight-local-secret";

    private readonly AccountPlan _plan;
    private readonly LocalAccountOptions _options;
    private readonly LocalClock _clock;
    private readonly Dictionary<string, FunctionPool> _pools;
    private readonly Dictionary<string, AsyncInvoker> _asyncInvokers;
    private readonly Dictionary<string, LocalQueue> _queues;
    private readonly EventRouter _router;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _background = [];
    private readonly ConcurrentDictionary<Task, bool> _tracked = new();
    private long _inFlight;
    private int _disposed;

    private LocalAccount(AccountPlan plan, LocalAccountOptions options)
    {
        _plan = plan;
        _options = options;
        _clock = new LocalClock(options.Time, options.TimeScale);
        _pools = plan.Functions.ToDictionary(function => function.Arn, function => new FunctionPool(plan, function, options), StringComparer.Ordinal);
        _asyncInvokers = _pools.ToDictionary(pool => pool.Key, pool => new AsyncInvoker(pool.Value, _clock, options.Logs, plan.TenantId, SendToDestinationAsync), StringComparer.Ordinal);
        _queues = plan.Queues.ToDictionary(queue => queue.Arn, queue => new LocalQueue(queue, _clock, options.Logs, plan.TenantId), StringComparer.Ordinal);
        _router = new EventRouter(this, plan, _clock, options.Logs);
    }

    /// <summary>The account's default event bus, where destinations and rules of the account's own events point.</summary>
    public string DefaultBusArn => $"arn:aws:events:{_plan.Region}:{_plan.AccountId}:event-bus/default";

    /// <summary>
    /// Creates the account's tables, then starts its queues' pollers and its schedules. Functions start their first
    /// process on their first invocation. Refuses a plan whose references do not resolve inside the account.
    /// </summary>
    /// <exception cref="LocalRunException">The plan is inconsistent or a table cannot be created; the message names what.</exception>
    public static async Task<LocalAccount> StartAsync(AccountPlan plan, LocalAccountOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxInstancesPerFunction < 1)
        {
            throw new LocalRunException($"At least one instance per function must be allowed (MaxInstancesPerFunction is {options.MaxInstancesPerFunction.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (!(options.TimeScale > 0) || double.IsInfinity(options.TimeScale))
        {
            throw new LocalRunException($"The time scale must be a positive number, not {options.TimeScale.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (plan.Functions.Select(function => function.Arn).Concat(plan.Queues.Select(queue => queue.Arn))
                .GroupBy(arn => arn, StringComparer.Ordinal).FirstOrDefault(arns => arns.Count() > 1) is { } twice)
        {
            throw new LocalRunException($"The plan of {plan.TenantId} ({plan.AccountId}) declares {twice.Key} more than once.");
        }

        var account = new LocalAccount(plan, options);
        try
        {
            account.Wire();
            await account.CreateTablesAsync(cancellationToken).ConfigureAwait(false);
            account.StartBackground();
            return account;
        }
        catch
        {
            await account.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Puts events on the account's bus, as EventBridge's PutEvents does: each entry gets an event id or an error
    /// code; accepted events are routed to every matching rule's targets in the background.
    /// </summary>
    public Task<IReadOnlyList<PutEventsResultEntry>> PutEventsAsync(IReadOnlyList<BusEntry> entries, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_router.Put(entries));
    }

    /// <summary>
    /// Invokes a function synchronously (RequestResponse) and returns its response or error; a function whose every
    /// allowed instance is busy throttles the request (<c>TooManyRequestsException</c>), as Lambda does.
    /// </summary>
    public async Task<FunctionResult> InvokeAsync(string functionArn, string payloadJson, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_pools.TryGetValue(functionArn, out var pool))
        {
            return new FunctionResult(false, null, "ResourceNotFoundException", $"Function not found: {functionArn}");
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            var outcome = await pool.TryInvokeNowAsync(Encoding.UTF8.GetBytes(payloadJson), linked.Token).ConfigureAwait(false);
            if (outcome is null)
            {
                return new FunctionResult(false, null, "TooManyRequestsException", $"Rate Exceeded: {pool.Function.FunctionName} is running as many instances as it may ({pool.Concurrency.ToString(CultureInfo.InvariantCulture)}).");
            }

            return outcome.IsError
                ? new FunctionResult(false, outcome.Body.Length == 0 ? null : outcome.BodyText, outcome.ErrorType, outcome.ErrorMessage)
                : new FunctionResult(true, outcome.BodyText, null, null);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>One row per function.</summary>
    public IReadOnlyList<FunctionStatus> Functions() => [.. _pools.Values.Select(pool => pool.Status())];

    /// <summary>One row per queue.</summary>
    public IReadOnlyList<QueueStatus> Queues() => [.. _queues.Values.Select(queue =>
    {
        var (visible, invisible, _) = queue.Counts();
        return new QueueStatus(_plan.TenantId, queue.Plan.Service, queue.Plan.QueueName, visible, invisible, queue.IsDeadLetterQueue);
    })];

    /// <summary>Every event put on the bus, accounted for.</summary>
    public EventAccounting Events() => _router.Accounting();

    /// <summary>
    /// Work not yet settled: events being routed, invocations running or awaiting a retry, and messages in queues that
    /// a mapping consumes (a dead-letter queue nobody reads holds settled messages). 0 when the account is idle.
    /// </summary>
    public long InFlight() =>
        Interlocked.Read(ref _inFlight) + _queues.Values.Where(queue => queue.HasConsumer).Sum(queue =>
        {
            var (visible, invisible, _) = queue.Counts();
            return visible + invisible;
        });

    /// <summary>Stops the pollers and schedules and ends every process the account started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_background).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        // Ending the processes fails the invocations still running; the work waiting on them then ends as cancelled.
        await Task.WhenAll(_pools.Values.Select(pool => pool.DisposeAsync().AsTask())).ConfigureAwait(false);
        var patience = Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None);
        while (!_tracked.IsEmpty && await Task.WhenAny(Task.WhenAll(_tracked.Keys), patience).ConfigureAwait(false) != patience)
        {
            // Work that ended may have started more (a destination's invocation); wait for that too.
        }

        _stopping.Dispose();
    }

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Runs <paramref name="work"/> in the background, counted in <see cref="InFlight"/> until it ends.</summary>
    internal void Track(Func<CancellationToken, Task> work)
    {
        Interlocked.Increment(ref _inFlight);
        var stopping = _stopping.Token;
        var task = Task.Run(async () =>
        {
            try
            {
                await work(stopping).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // The account is stopping (its processes ended under the work); unsettled work ends with it.
            }
            catch (Exception exception)
            {
                _options.Logs.Write(_plan.TenantId, "insight-local", $"[insight local] internal error, the work is lost: {exception}", isError: true);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }, CancellationToken.None);
        _tracked[task] = true;
        _ = task.ContinueWith(done => _tracked.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Invokes a function asynchronously and waits for the invocation's end (after retries and destination).</summary>
    internal async Task<AsyncInvocationResult> InvokeAsynchronouslyAsync(string functionArn, string payloadJson, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await _asyncInvokers[functionArn].InvokeAsync(payloadJson, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    internal bool IsFunction(string arn) => _pools.ContainsKey(arn);

    internal LocalQueue? Queue(string arn) => _queues.GetValueOrDefault(arn);

    /// <summary>Delivers a destination record: a queue gets it as a message, a function as an asynchronous invocation, the bus as an event.</summary>
    private async Task<bool> SendToDestinationAsync(string arn, string json, string detailType, CancellationToken cancellationToken)
    {
        if (_queues.TryGetValue(arn, out var queue))
        {
            queue.Send(json);
            return true;
        }

        if (_pools.ContainsKey(arn))
        {
            // Lambda accepts the destination's invocation at once; it runs (and retries) on its own.
            Track(token => InvokeAsynchronouslyAsync(arn, json, token));
            return true;
        }

        if (arn == DefaultBusArn)
        {
            var results = await PutEventsAsync([new BusEntry("lambda", detailType, json, null, null, [])], cancellationToken).ConfigureAwait(false);
            return results[0].ErrorCode is null;
        }

        _options.Logs.Write(_plan.TenantId, "insight-local", $"[insight local] destination {arn} is not in this account.", isError: true);
        return false;
    }

    /// <summary>Checks every reference of the plan resolves inside the account, and links queues to their dead-letter queues.</summary>
    private void Wire()
    {
        var problems = new List<string>();
        foreach (var queue in _queues.Values.Where(queue => queue.Plan.Redrive is not null))
        {
            if (_queues.TryGetValue(queue.Plan.Redrive!.DeadLetterQueueArn, out var deadLetter))
            {
                queue.DeadLetterQueue = deadLetter;
                deadLetter.IsDeadLetterQueue = true;
            }
            else
            {
                problems.Add($"queue {queue.Plan.QueueName}'s dead-letter queue {queue.Plan.Redrive.DeadLetterQueueArn} is not a queue of the account");
            }
        }

        foreach (var function in _plan.Functions)
        {
            foreach (var destination in new[] { function.AsyncInvoke.OnFailureArn, function.AsyncInvoke.OnSuccessArn }.OfType<string>())
            {
                if (_queues.TryGetValue(destination, out var queue))
                {
                    queue.IsDeadLetterQueue |= destination == function.AsyncInvoke.OnFailureArn;
                }
                else if (!_pools.ContainsKey(destination) && destination != DefaultBusArn)
                {
                    problems.Add($"function {function.FunctionName}'s destination {destination} is not a queue, function or the default bus of the account");
                }
            }
        }

        foreach (var source in _plan.QueueSources)
        {
            if (!_queues.TryGetValue(source.QueueArn, out var queue))
            {
                problems.Add($"an event source mapping reads {source.QueueArn}, which is not a queue of the account");
            }
            else if (!_pools.ContainsKey(source.FunctionArn))
            {
                problems.Add($"the event source mapping of {queue.Plan.QueueName} invokes {source.FunctionArn}, which is not a function of the account");
            }
            else if (source.BatchSize < 1)
            {
                problems.Add($"the event source mapping of {queue.Plan.QueueName} has batch size {source.BatchSize.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                queue.HasConsumer |= source.Enabled;
            }
        }

        problems.AddRange(_router.Wire());
        if (problems.Count > 0)
        {
            throw new LocalRunException($"The plan of {_plan.TenantId} ({_plan.AccountId}) does not hold together: {string.Join("; ", problems)}.");
        }
    }

    private async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        if (_plan.Tables.Count == 0)
        {
            return;
        }

        // DynamoDB Local keeps one database per access key id and region: the account id keeps the account's tables its own.
        using var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials(_plan.AccountId, SecretAccessKey),
            new AmazonDynamoDBConfig { ServiceURL = _options.DynamoDbUrl, AuthenticationRegion = _plan.Region });
        foreach (var table in _plan.Tables)
        {
            try
            {
                await client.CreateTableAsync(table.Create, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException exception)
            {
                throw new LocalRunException($"Table {table.Create.TableName} ({table.Service}/{table.LogicalId}) of {_plan.TenantId} could not be created: {exception.Message}");
            }
        }

        foreach (var table in _plan.Tables)
        {
            while ((await client.DescribeTableAsync(table.Create.TableName, cancellationToken).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            if (table.TimeToLiveAttribute is { } attribute)
            {
                await client.UpdateTimeToLiveAsync(
                    new UpdateTimeToLiveRequest { TableName = table.Create.TableName, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true } },
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void StartBackground()
    {
        foreach (var source in _plan.QueueSources.Where(source => source.Enabled))
        {
            var poller = new QueuePoller(source, _queues[source.QueueArn], _pools[source.FunctionArn], _plan, _clock, _options.Logs);
            _background.Add(poller.RunAsync(_stopping.Token));
        }

        _background.AddRange(_router.StartSchedules(_stopping.Token));
    }
}
