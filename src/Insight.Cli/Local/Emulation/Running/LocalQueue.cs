using System.Globalization;

namespace Insight.Cli.Local.Emulation.Running;

/// <summary>A message as one receive hands it out.</summary>
/// <param name="MessageId">The message's id, which a batch item failure names.</param>
/// <param name="Body">The message's text.</param>
/// <param name="SentAt">When it was sent (emulated time).</param>
/// <param name="FirstReceivedAt">When it was first received (emulated time).</param>
/// <param name="ReceiptHandle">Names this receive; only it deletes the message, and only until the message is visible again.</param>
/// <param name="ReceiveCount">How many times the message has been received, this time included.</param>
/// <param name="Attributes">Message attributes the sender gave (EventBridge's dead-letter details, for instance).</param>
internal sealed record ReceivedMessage(
    string MessageId, string ReceiptHandle, string Body, int ReceiveCount, DateTimeOffset SentAt, DateTimeOffset FirstReceivedAt, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// An SQS standard queue in memory, with SQS's semantics in emulated time: a delivery delay before a new message is
/// visible, a received message invisible for the visibility timeout and back if not deleted by then, a receive count,
/// redrive to the dead-letter queue once a message has been received maxReceiveCount times, and messages older
/// than the retention period removed (and reported).
/// </summary>
internal sealed class LocalQueue
{
    private readonly LocalClock _clock;
    private readonly ILocalLogSink _logs;
    private readonly string _tenantId;
    private readonly List<Message> _messages = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _expired;

    public LocalQueue(QueuePlan plan, LocalClock clock, ILocalLogSink logs, string tenantId)
    {
        Plan = plan;
        _clock = clock;
        _logs = logs;
        _tenantId = tenantId;
    }

    /// <summary>What the template declares.</summary>
    public QueuePlan Plan { get; }

    /// <summary>Where messages go after maxReceiveCount receives; set once every queue of the account exists.</summary>
    public LocalQueue? DeadLetterQueue { get; set; }

    /// <summary>Another queue's redrive, a rule target's dead-letter config or a function's destination points here.</summary>
    public bool IsDeadLetterQueue { get; set; }

    /// <summary>An event source mapping consumes this queue, so what it holds is work still to be done.</summary>
    public bool HasConsumer { get; set; }

    /// <summary>Adds a message; it becomes visible after the queue's delivery delay.</summary>
    public string Send(string body, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var now = _clock.Now;
        var message = new Message(Guid.NewGuid().ToString(), body, now, attributes ?? new Dictionary<string, string>()) { VisibleAt = now + Plan.DeliveryDelay };
        Add(message);
        return message.Id;
    }

    /// <summary>Receives up to <paramref name="maximum"/> visible messages, making them invisible for the visibility timeout.</summary>
    public IReadOnlyList<ReceivedMessage> Receive(int maximum)
    {
        var received = new List<ReceivedMessage>();
        var movedToDeadLetter = new List<Message>();
        lock (_lock)
        {
            var now = _clock.Now;
            ExpireLocked(now);
            foreach (var message in _messages.Where(message => message.VisibleAt <= now).OrderBy(message => message.VisibleAt).ToList())
            {
                if (received.Count == maximum)
                {
                    break;
                }

                // SQS moves a message once its receive count exceeds maxReceiveCount, when it would be received again.
                if (Plan.Redrive is { } redrive && DeadLetterQueue is not null && message.ReceiveCount >= redrive.MaxReceiveCount)
                {
                    _messages.Remove(message);
                    movedToDeadLetter.Add(message);
                    continue;
                }

                message.ReceiveCount++;
                message.FirstReceivedAt ??= now;
                message.ReceiptHandle = $"{Plan.QueueName}/{message.Id}/{message.ReceiveCount.ToString(CultureInfo.InvariantCulture)}/{Guid.NewGuid():N}";
                message.VisibleAt = now + Plan.VisibilityTimeout;
                received.Add(new ReceivedMessage(message.Id, message.ReceiptHandle, message.Body, message.ReceiveCount, message.SentAt, message.FirstReceivedAt.Value, message.Attributes));
            }

            if (received.Count > 0)
            {
                // Receivers waiting for the earliest visibility change must learn of the new one.
                PulseLocked();
            }
        }

        foreach (var message in movedToDeadLetter)
        {
            DeadLetterQueue!.Add(new Message(message.Id, message.Body, message.SentAt, message.Attributes) { VisibleAt = _clock.Now });
            _logs.Write(_tenantId, Plan.QueueName, $"[insight local] message {message.Id} was received {message.ReceiveCount.ToString(CultureInfo.InvariantCulture)} times and moved to the dead-letter queue {DeadLetterQueue.Plan.QueueName}.", isError: true);
        }

        return received;
    }

    /// <summary>Deletes the message received with <paramref name="receiptHandle"/>; false when that receive is no longer current.</summary>
    public bool Delete(string receiptHandle)
    {
        lock (_lock)
        {
            var index = _messages.FindIndex(message => message.ReceiptHandle == receiptHandle);
            if (index < 0)
            {
                return false;
            }

            _messages.RemoveAt(index);
            PulseLocked();
            return true;
        }
    }

    /// <summary>Completes when a message is visible (or the queue changed and the caller should look again).</summary>
    public async Task WaitForVisibleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            DateTimeOffset? next;
            lock (_lock)
            {
                var now = _clock.Now;
                ExpireLocked(now);
                if (_messages.Any(message => message.VisibleAt <= now))
                {
                    return;
                }

                next = _messages.Count == 0 ? null : _messages.Min(message => message.VisibleAt);
                changed = _changed.Task;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var due = next is { } when ? _clock.DelayUntilAsync(when, wake.Token) : Task.Delay(Timeout.Infinite, wake.Token);
            await Task.WhenAny(changed, due).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Completes when the queue changes (a message added, received or deleted), or when <paramref name="timeout"/> (emulated) passed.</summary>
    public async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock)
        {
            changed = _changed.Task;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(changed, _clock.DelayAsync(timeout, wake.Token)).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Messages waiting (visible now), being processed or delayed (invisible), and removed after the retention period.</summary>
    public (long Visible, long Invisible, long Expired) Counts()
    {
        lock (_lock)
        {
            var now = _clock.Now;
            ExpireLocked(now);
            var visible = _messages.Count(message => message.VisibleAt <= now);
            return (visible, _messages.Count - visible, Interlocked.Read(ref _expired));
        }
    }

    private void Add(Message message)
    {
        lock (_lock)
        {
            _messages.Add(message);
            PulseLocked();
        }
    }

    private void ExpireLocked(DateTimeOffset now)
    {
        var removed = _messages.RemoveAll(message => now - message.SentAt >= Plan.MessageRetention);
        if (removed > 0)
        {
            Interlocked.Add(ref _expired, removed);
            _logs.Write(_tenantId, Plan.QueueName, $"[insight local] {removed.ToString(CultureInfo.InvariantCulture)} message(s) outlived the queue's retention period and were deleted.", isError: true);
        }
    }

    private void PulseLocked()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private sealed class Message(string id, string body, DateTimeOffset sentAt, IReadOnlyDictionary<string, string> attributes)
    {
        public string Id { get; } = id;

        public string Body { get; } = body;

        public DateTimeOffset SentAt { get; } = sentAt;

        public IReadOnlyDictionary<string, string> Attributes { get; } = attributes;

        public DateTimeOffset VisibleAt { get; set; }

        public int ReceiveCount { get; set; }

        public DateTimeOffset? FirstReceivedAt { get; set; }

        public string? ReceiptHandle { get; set; }
    }
}
