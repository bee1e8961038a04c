using Insight.Cli.Local.Emulation;
using Insight.Cli.Local.Emulation.Running;

namespace Insight.Cli.Tests.Emulation;

/// <summary>The in-memory queue's SQS semantics, on a clock the test moves by hand.</summary>
public sealed class LocalQueueTests
{
    private readonly ManualTime _time = new();
    private readonly LogLines _logs = new();

    [Fact]
    public void A_new_message_is_visible_after_the_delivery_delay()
    {
        var queue = Queue(delay: TimeSpan.FromSeconds(30));
        queue.Send("hello");

        Assert.Empty(queue.Receive(10));
        Assert.Equal((0, 1, 0), queue.Counts());
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("hello", Assert.Single(queue.Receive(10)).Body);
    }

    [Fact]
    public void A_received_message_comes_back_after_the_visibility_timeout_with_its_receive_count_raised_and_its_old_receipt_void()
    {
        var queue = Queue();
        queue.Send("hello");
        var first = Assert.Single(queue.Receive(10));
        Assert.Equal(1, first.ReceiveCount);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(queue.Receive(10));
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = Assert.Single(queue.Receive(10));

        Assert.Equal((first.MessageId, 2, first.FirstReceivedAt), (second.MessageId, second.ReceiveCount, second.FirstReceivedAt));
        Assert.False(queue.Delete(first.ReceiptHandle));
        Assert.True(queue.Delete(second.ReceiptHandle));
        Assert.Equal((0, 0, 0), queue.Counts());
    }

    [Fact]
    public void A_message_received_max_receive_count_times_moves_to_the_dead_letter_queue_instead_of_a_further_receive()
    {
        var deadLetter = Queue("dlq");
        var queue = Queue(redrive: new RedrivePlan(deadLetter.Plan.Arn, 2));
        queue.DeadLetterQueue = deadLetter;
        queue.Send("poison");

        Assert.Single(queue.Receive(10));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(queue.Receive(10));
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(queue.Receive(10));
        Assert.Equal((0, 0, 0), queue.Counts());
        var moved = Assert.Single(deadLetter.Receive(10));
        Assert.Equal(("poison", 1), (moved.Body, moved.ReceiveCount));
        Assert.Contains(_logs.Lines, line => line.Contains("moved to the dead-letter queue dlq", StringComparison.Ordinal));
    }

    [Fact]
    public void A_message_older_than_the_retention_period_is_deleted_and_reported()
    {
        var queue = Queue(retention: TimeSpan.FromMinutes(5));
        queue.Send("stale");

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(queue.Receive(10));
        Assert.Equal((0, 0, 1), queue.Counts());
        Assert.Contains(_logs.Lines, line => line.Contains("retention period", StringComparison.Ordinal));
    }

    [Fact]
    public void Receives_at_most_the_asked_number_oldest_first()
    {
        var queue = Queue();
        foreach (var body in new[] { "a", "b", "c" })
        {
            queue.Send(body);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(["a", "b"], queue.Receive(2).Select(message => message.Body));
        Assert.Equal(["c"], queue.Receive(2).Select(message => message.Body));
    }

    [Fact]
    public void The_clock_runs_time_scale_times_faster_than_the_time_provider()
    {
        var clock = new LocalClock(_time, 60);
        var start = clock.Now;

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromMinutes(1), clock.Now - start);
        Assert.Equal(TimeSpan.FromSeconds(0.5), clock.ToReal(TimeSpan.FromSeconds(30)));
    }

    private LocalQueue Queue(string name = "work", TimeSpan? delay = null, TimeSpan? retention = null, RedrivePlan? redrive = null) => new(
        new QueuePlan("Svc", name, name, $"arn:aws:sqs:eu-central-1:111122223333:{name}", $"https://sqs.eu-central-1.amazonaws.com/111122223333/{name}",
            TimeSpan.FromSeconds(30), retention ?? TimeSpan.FromDays(4), delay ?? TimeSpan.Zero, redrive),
        new LocalClock(_time, 1), _logs, "tenant-queue");

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
