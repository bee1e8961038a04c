using System.Text.Json.Serialization;
using Insight.Sdk;
using Insight.Sdk.Aws;
using Insight.Sdk.Data;

namespace EngineProbe;

/// <summary>What a test asks one delivery to do: <c>write</c> (an item keyed by <see cref="Id"/>), <c>fail</c>, <c>crash</c>, <c>slow</c> or <c>hang</c>.</summary>
public sealed record ProbeMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("delay_ms")] int DelayMs = 0);

/// <summary>What the probe writes: one item per message it handled.</summary>
[DynamoTable("ProbeItems")]
public sealed partial record ProbeItem([property: PartitionKey] string Id, string Action, string Handler);

/// <summary>The probe's own JSON metadata.</summary>
[JsonSerializable(typeof(ProbeMessage))]
public sealed partial class ProbeJsonContext : JsonSerializerContext;

/// <summary>Messages from a queue, each on its own: a failing one returns to the queue alone.</summary>
[EventHandler(Trigger = Trigger.SqsBatch, BatchSize = 10, TimeoutSeconds = 10)]
public sealed partial class ProbeBatch(ProbeItemTable items)
{
    /// <summary>Does what the message asks.</summary>
    public Task HandleAsync(ProbeMessage message, CancellationToken cancellationToken) => Probe.ActAsync(items, message, nameof(ProbeBatch), cancellationToken);
}

/// <summary>Events from the bus (an asynchronous invocation).</summary>
[EventHandler(TimeoutSeconds = 3)]
public sealed partial class ProbeEvent(ProbeItemTable items)
{
    /// <summary>Does what the event's detail asks.</summary>
    public Task HandleAsync(ProbeMessage message, CancellationToken cancellationToken) => Probe.ActAsync(items, message, nameof(ProbeEvent), cancellationToken);
}

/// <summary>A schedule: records each time it fired.</summary>
[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 minute)")]
public sealed partial class ProbeTick(ProbeItemTable items)
{
    /// <summary>Writes an item named after the rule and the scheduled time.</summary>
    public async Task HandleAsync(ScheduledEvent scheduled, CancellationToken cancellationToken)
    {
        var time = scheduled.Time?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
        await items.PutAsync(new ProbeItem($"tick-{time}", string.Join(",", scheduled.Resources), nameof(ProbeTick)), cancellationToken: cancellationToken);
    }
}

internal static class Probe
{
    public static async Task ActAsync(ProbeItemTable items, ProbeMessage message, string handler, CancellationToken cancellationToken)
    {
        switch (message.Action)
        {
            case "fail":
                throw new InvalidOperationException($"Probe message {message.Id} asked to fail.");
            case "crash":
                // The process dies in the middle of an invocation, as a native crash or an out-of-memory kill would end it.
                Environment.Exit(17);
                break;
            case "slow":
                await Task.Delay(message.DelayMs, cancellationToken);
                break;
            case "hang":
                // Deaf to cancellation, as code stuck in a blocking call is: only ending the process stops it.
                Thread.Sleep(message.DelayMs);
                break;
        }

        await items.PutAsync(new ProbeItem(message.Id, message.Action, handler), cancellationToken: cancellationToken);
    }
}
