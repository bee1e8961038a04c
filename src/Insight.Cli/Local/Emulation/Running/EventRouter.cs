using System.Text.Json;
using Insight.Local.Emulation;
using Insight.Local.Events;

namespace Insight.Cli.Local.Emulation.Running;

/// <summary>
/// The account's default bus: each event put on it is matched against every enabled pattern rule and handed to each
/// matching rule's targets (a function as an asynchronous invocation, a queue as a message whose body is the target's
/// input); schedule rules fire their targets with EventBridge's scheduled event. A delivery that cannot be made (a
/// target input that cannot be built) goes to the target's dead-letter queue, as EventBridge sends errors it does not
/// retry. Keeps the bus's accounting: every event ends delivered, failed to a dead-letter queue, or matched no rule.
/// </summary>
internal sealed class EventRouter(LocalAccount account, AccountPlan plan, LocalClock clock, ILocalLogSink logs)
{
    private const string LogName = "events";

    private readonly List<(RulePlan Rule, EventPattern Pattern)> _patternRules = [];
    private readonly List<(RulePlan Rule, ScheduleExpression Schedule)> _scheduleRules = [];
    private long _sent;
    private long _delivered;
    private long _failedToDeadLetter;
    private long _matchedNoRule;

    /// <summary>How a delivery to one target ended.</summary>
    private enum TargetOutcome
    {
        Delivered,
        FailedToDeadLetter,
    }

    /// <summary>Parses the rules' patterns and schedules and checks their targets; returns what does not hold together.</summary>
    public IReadOnlyList<string> Wire()
    {
        var problems = new List<string>();
        foreach (var rule in plan.Rules.Where(rule => rule.Enabled))
        {
            try
            {
                if (rule.EventPatternJson is { } pattern)
                {
                    _patternRules.Add((rule, EventPattern.Parse(pattern)));
                }

                if (rule.ScheduleExpression is { } schedule)
                {
                    _scheduleRules.Add((rule, ScheduleExpression.Parse(schedule)));
                }
            }
            catch (Exception exception) when (exception is EventPatternException or FormatException)
            {
                problems.Add($"rule {rule.RuleName} ({rule.Service}/{rule.LogicalId}): {exception.Message}");
            }

            foreach (var target in rule.Targets)
            {
                if (!account.IsFunction(target.Arn) && account.Queue(target.Arn) is null)
                {
                    problems.Add($"rule {rule.RuleName}'s target {target.Id} ({target.Arn}) is not a function or queue of the account");
                }

                if (target.DeadLetterQueueArn is { } deadLetter)
                {
                    if (account.Queue(deadLetter) is { } queue)
                    {
                        queue.IsDeadLetterQueue = true;
                    }
                    else
                    {
                        problems.Add($"rule {rule.RuleName}'s target {target.Id} has dead-letter queue {deadLetter}, which is not a queue of the account");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>Puts entries on the bus; accepted events are routed in the background.</summary>
    public IReadOnlyList<PutEventsResultEntry> Put(IReadOnlyList<BusEntry> entries)
    {
        var results = new List<PutEventsResultEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (Refusal(entry) is { } refused)
            {
                results.Add(refused);
                continue;
            }

            var eventId = Guid.NewGuid().ToString();
            string envelope;
            try
            {
                envelope = EventEnvelope.Create(entry, eventId, plan.AccountId, plan.Region, clock.Now);
            }
            catch (ArgumentException exception)
            {
                results.Add(PutEventsResultEntry.Failed("MalformedDetail", exception.Message));
                continue;
            }

            Interlocked.Increment(ref _sent);
            results.Add(PutEventsResultEntry.Succeeded(eventId));
            account.Track(token => RouteAsync(envelope, token));
        }

        return results;
    }

    /// <summary>The bus's figures so far.</summary>
    public EventAccounting Accounting()
    {
        // Read the outcomes before the total, so a concurrent settle can only make Pending look larger, never negative.
        var delivered = Interlocked.Read(ref _delivered);
        var failed = Interlocked.Read(ref _failedToDeadLetter);
        var unmatched = Interlocked.Read(ref _matchedNoRule);
        var sent = Interlocked.Read(ref _sent);
        return new EventAccounting(sent, delivered, failed, unmatched, Math.Max(0, sent - delivered - failed - unmatched));
    }

    /// <summary>Starts one timer per schedule rule.</summary>
    public IEnumerable<Task> StartSchedules(CancellationToken cancellationToken) =>
        _scheduleRules.Select(scheduled => Task.Run(() => RunScheduleAsync(scheduled.Rule, scheduled.Schedule, cancellationToken), CancellationToken.None));

    private PutEventsResultEntry? Refusal(BusEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Source))
        {
            return PutEventsResultEntry.Failed("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.");
        }

        if (string.IsNullOrWhiteSpace(entry.DetailType))
        {
            return PutEventsResultEntry.Failed("InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }

        if (string.IsNullOrWhiteSpace(entry.Detail))
        {
            return PutEventsResultEntry.Failed("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
        }

        if (entry.EventBusName is { Length: > 0 } bus && bus != "default" && bus != account.DefaultBusArn)
        {
            return PutEventsResultEntry.Failed("ResourceNotFoundException", $"Event bus {bus} does not exist in account {plan.AccountId}; locally only the default bus is emulated.");
        }

        return null;
    }

    private async Task RouteAsync(string envelope, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(envelope);
        var matched = _patternRules.Where(rule => rule.Pattern.Matches(document.RootElement)).Select(rule => rule.Rule).ToList();
        if (matched.Count == 0)
        {
            Interlocked.Increment(ref _matchedNoRule);
            return;
        }

        var outcomes = await Task.WhenAll(matched.SelectMany(rule => rule.Targets.Select(target => DeliverAsync(rule, target, document.RootElement.Clone(), envelope, cancellationToken)))).ConfigureAwait(false);
        Interlocked.Increment(ref outcomes.All(outcome => outcome == TargetOutcome.Delivered) ? ref _delivered : ref _failedToDeadLetter);
    }

    private async Task RunScheduleAsync(RulePlan rule, ScheduleExpression schedule, CancellationToken cancellationToken)
    {
        try
        {
            var last = clock.Now;
            while (schedule.NextAfter(last) is { } next)
            {
                await clock.DelayUntilAsync(next, cancellationToken).ConfigureAwait(false);
                last = next;
                var envelope = ScheduledEvent(rule, next);
                foreach (var target in rule.Targets)
                {
                    account.Track(async token =>
                    {
                        using var document = JsonDocument.Parse(envelope);
                        await DeliverAsync(rule, target, document.RootElement.Clone(), envelope, token).ConfigureAwait(false);
                    });
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The account is stopping.
        }
    }

    private async Task<TargetOutcome> DeliverAsync(RulePlan rule, TargetPlan target, JsonElement @event, string eventJson, CancellationToken cancellationToken)
    {
        string input;
        try
        {
            input = EventTargetInput.Apply(@event, target.Input, target.InputPath, target.InputTransformer, rule.RuleName, rule.Arn);
        }
        catch (ArgumentException exception)
        {
            return DeadLetter(rule, target, eventJson, "InvalidParameter", exception.Message);
        }

        if (account.Queue(target.Arn) is { } queue)
        {
            queue.Send(MessageBody(input));
            return TargetOutcome.Delivered;
        }

        // EventBridge hands a function its input as an asynchronous invocation; the event has reached the function once
        // that invocation has ended, and failed when Lambda sent it to the function's on-failure destination.
        var result = await account.InvokeAsynchronouslyAsync(target.Arn, input, cancellationToken).ConfigureAwait(false);
        return result == AsyncInvocationResult.SentToDestination ? TargetOutcome.FailedToDeadLetter : TargetOutcome.Delivered;
    }

    private TargetOutcome DeadLetter(RulePlan rule, TargetPlan target, string eventJson, string errorCode, string errorMessage)
    {
        if (target.DeadLetterQueueArn is { } deadLetterArn && account.Queue(deadLetterArn) is { } deadLetter)
        {
            deadLetter.Send(eventJson, new Dictionary<string, string>
            {
                ["RULE_ARN"] = rule.Arn,
                ["TARGET_ARN"] = target.Arn,
                ["ERROR_CODE"] = errorCode,
                ["ERROR_MESSAGE"] = errorMessage,
            });
            logs.Write(plan.TenantId, LogName, $"[insight local] rule {rule.RuleName} could not deliver to {target.Id} ({errorCode}: {errorMessage}); the event went to {deadLetter.Plan.QueueName}.", isError: true);
            return TargetOutcome.FailedToDeadLetter;
        }

        // Without a dead-letter queue EventBridge drops the event; it is still accounted as failed, and said so here.
        logs.Write(plan.TenantId, LogName, $"[insight local] rule {rule.RuleName} could not deliver to {target.Id} ({errorCode}: {errorMessage}) and the target has no dead-letter queue: the event is dropped.", isError: true);
        return TargetOutcome.FailedToDeadLetter;
    }

    /// <summary>A queue receives text: an input that is a JSON string (a transformer's plain-text template) arrives as its text.</summary>
    private static string MessageBody(string input)
    {
        if (input.Length > 0 && input[0] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize(input, RunningJsonContext.Default.String) ?? input;
            }
            catch (JsonException)
            {
                return input;
            }
        }

        return input;
    }

    private string ScheduledEvent(RulePlan rule, DateTimeOffset firedAt)
    {
        var entry = new BusEntry("aws.events", "Scheduled Event", "{}", null, firedAt, [rule.Arn]);
        return EventEnvelope.Create(entry, Guid.NewGuid().ToString(), plan.AccountId, plan.Region, firedAt);
    }
}
