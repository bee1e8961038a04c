using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Insight.Local.Client;
using Insight.Local.Emulation;

namespace Insight.Cli.Commands;

/// <summary>
/// <c>insight status</c>: what the running <c>insight local</c> has done so far — every event accounted for, each
/// function's invocations and errors, each queue's and dead-letter queue's depth — optionally once it has settled
/// everything (<c>--wait-idle</c>), so a check script can look after the run has finished what it was given.
/// </summary>
internal static class StatusCommand
{
    /// <summary>The command, writing to <paramref name="output"/> and <paramref name="error"/> (standard output and error by default).</summary>
    public static Command Create(TextWriter? output = null, TextWriter? error = null, HttpClient? http = null)
    {
        var waitIdle = new Option<bool>("--wait-idle") { Description = "First wait until nothing is in flight (no event on a bus, message in a queue, retry or invocation pending)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds --wait-idle waits at most", DefaultValueFactory = _ => 120 };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (as GET {controlUrl}/status answers it)" };
        var state = new Option<string?>("--state") { Description = $"The local run's state file (default: ${LocalRunStateFile.EnvironmentVariable}, else .insight/local/run.json at or above this folder)" };
        var command = new Command("status", "Show what the running insight local has done: events accounted for, functions, queues and dead-letter queues")
        {
            waitIdle, timeout, json, state,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (out_, err) = (output ?? Console.Out, error ?? Console.Error);
            using var ownClient = http is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : null;
            try
            {
                var run = LocalRunStateFile.Load(parse.GetValue(state), Environment.CurrentDirectory);
                var control = new LocalControlClient(http ?? ownClient!, run.ControlUrl);
                var status = parse.GetValue(waitIdle)
                    ? await control.WaitUntilIdleAsync(TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken: cancellationToken)
                    : await control.StatusAsync(cancellationToken);
                if (parse.GetValue(json))
                {
                    out_.WriteLine(JsonSerializer.Serialize(status, LocalRunJsonContext.Default.LocalRunStatus));
                }
                else
                {
                    Write(out_, status);
                }

                return 0;
            }
            catch (Exception exception) when (exception is LocalRunNotFoundException or TimeoutException)
            {
                err.WriteLine(exception.Message);
                return 1;
            }
        });
        return command;
    }

    /// <summary>One line for the events, then one per function, queue and dead-letter queue, by tenant and service.</summary>
    internal static void Write(TextWriter output, LocalRunStatus status)
    {
        var events = status.Events;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"events: {events.Sent} sent, {events.Delivered} delivered, {events.FailedToDeadLetter} failed to a dead-letter queue, {events.MatchedNoRule} matched no rule, {events.Pending} pending; {status.InFlight} in flight"));
        foreach (var function in status.Functions.OrderBy(f => f.TenantId, StringComparer.Ordinal).ThenBy(f => f.Service, StringComparer.Ordinal).ThenBy(f => f.Function, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{function.TenantId} {function.Service} function {function.Function}: {function.Invocations} invocations, {function.Errors} errors, {function.Throttles} throttles, p50 {function.P50Milliseconds:F0} ms, p99 {function.P99Milliseconds:F0} ms, {function.Instances} instances"));
        }

        foreach (var queue in status.Queues.OrderBy(q => q.TenantId, StringComparer.Ordinal).ThenBy(q => q.Service, StringComparer.Ordinal).ThenBy(q => q.Queue, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{queue.TenantId} {queue.Service} {(queue.IsDeadLetterQueue ? "dead-letter queue" : "queue")} {queue.Queue}: {queue.Visible} visible, {queue.InFlight} in flight"));
        }
    }
}
