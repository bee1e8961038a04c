using System.Globalization;
using Insight.Cli.Local.Emulation.Running;
using Insight.Local.Emulation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Insight.Cli.Local.Standup;

/// <summary>
/// What a run shows while it runs: a live table per tenant and function (invocations, errors, throttles, p50/p99) and
/// queue (depth, dead-letter depth) under the latest function log lines; or, when output is redirected or CI is set,
/// every log line as it comes and a status line whenever the figures change.
/// </summary>
internal sealed class RunView(IAnsiConsole console, bool live) : ILocalLogSink
{
    private const int LogLines = 12;
    private static readonly TimeSpan LiveRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PlainRefresh = TimeSpan.FromSeconds(10);

    private readonly Queue<string> _recent = new();
    private readonly Lock _lock = new();

    /// <summary>Whether the live table is drawn: a terminal, and not CI.</summary>
    public static bool CanBeLive(IAnsiConsole console) =>
        console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is not ("true" or "1");

    /// <summary>A function's line, prefixed <c>[tenant/function]</c>.</summary>
    public void Write(string tenantId, string function, string line, bool isError)
    {
        var text = $"[{tenantId}/{function}] {line}";
        lock (_lock)
        {
            if (live)
            {
                _recent.Enqueue(isError ? $"[red]{Markup.Escape(text)}[/]" : Markup.Escape(text));
                while (_recent.Count > LogLines)
                {
                    _recent.Dequeue();
                }
            }
            else
            {
                // Straight to the writer: a log line is neither wrapped at the console's width nor read as markup.
                console.Profile.Out.Writer.WriteLine(text);
            }
        }
    }

    /// <summary>Shows the run's status until <paramref name="stop"/> is cancelled.</summary>
    public async Task ShowAsync(Func<LocalRunStatus> status, CancellationToken stop)
    {
        if (!live)
        {
            var last = "";
            while (!stop.IsCancellationRequested)
            {
                var line = Summary(status());
                if (line != last)
                {
                    lock (_lock)
                    {
                        console.Profile.Out.Writer.WriteLine(line);
                    }

                    last = line;
                }

                await Delay(PlainRefresh, stop).ConfigureAwait(false);
            }

            return;
        }

        await console.Live(Render(status())).AutoClear(false).StartAsync(async context =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Delay(LiveRefresh, stop).ConfigureAwait(false);
                context.UpdateTarget(Render(status()));
                context.Refresh();
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The final figures: the table on a terminal, a line per function and queue otherwise.</summary>
    public void WriteFinal(LocalRunStatus status)
    {
        lock (_lock)
        {
            if (live)
            {
                console.Write(Table(status));
            }
            else
            {
                foreach (var line in Lines(status))
                {
                    console.Profile.Out.Writer.WriteLine(line);
                }
            }

            console.Profile.Out.Writer.WriteLine(Summary(status));
        }
    }

    /// <summary>One line per function and per queue, for logs and CI.</summary>
    public static IEnumerable<string> Lines(LocalRunStatus status)
    {
        foreach (var f in status.Functions.OrderBy(f => f.TenantId, StringComparer.Ordinal).ThenBy(f => f.Function, StringComparer.Ordinal))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{f.TenantId}/{f.Function}: {f.Invocations} invocations, {f.Errors} errors, {f.Throttles} throttles, p50 {f.P50Milliseconds:F0} ms, p99 {f.P99Milliseconds:F0} ms");
        }

        foreach (var q in status.Queues.OrderBy(q => q.TenantId, StringComparer.Ordinal).ThenBy(q => q.Queue, StringComparer.Ordinal))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{q.TenantId}/{q.Queue}{(q.IsDeadLetterQueue ? " (dead-letter queue)" : "")}: {q.Visible} visible, {q.InFlight} in flight");
        }
    }

    /// <summary>One line: events accounted for and work in flight.</summary>
    public static string Summary(LocalRunStatus status)
    {
        var e = status.Events;
        var invocations = status.Functions.Sum(f => f.Invocations);
        var errors = status.Functions.Sum(f => f.Errors);
        return string.Create(CultureInfo.InvariantCulture,
            $"events: {e.Sent} sent, {e.Delivered} delivered, {e.FailedToDeadLetter} to dead-letter queues, {e.MatchedNoRule} matched no rule, {e.Pending} pending; invocations: {invocations} ({errors} errors); in flight: {status.InFlight}");
    }

    private IRenderable Render(LocalRunStatus status)
    {
        string[] recent;
        lock (_lock)
        {
            recent = [.. _recent];
        }

        return new Rows(
            Table(status),
            new Text(Summary(status)),
            new Panel(recent.Length == 0 ? new Markup("[grey](no function output yet)[/]") : new Markup(string.Join('\n', recent))) { Header = new PanelHeader("function logs") });
    }

    private static Table Table(LocalRunStatus status)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("tenant", "service", "function / queue", "invocations", "errors", "throttles", "p50 ms", "p99 ms", "instances / depth");
        foreach (var f in status.Functions.OrderBy(f => f.TenantId, StringComparer.Ordinal).ThenBy(f => f.Service, StringComparer.Ordinal).ThenBy(f => f.Function, StringComparer.Ordinal))
        {
            table.AddRow(
                Markup.Escape(f.TenantId), Markup.Escape(f.Service), Markup.Escape(f.Function), Number(f.Invocations),
                f.Errors > 0 ? $"[red]{Number(f.Errors)}[/]" : "0", f.Throttles > 0 ? $"[yellow]{Number(f.Throttles)}[/]" : "0",
                f.P50Milliseconds.ToString("F0", CultureInfo.InvariantCulture), f.P99Milliseconds.ToString("F0", CultureInfo.InvariantCulture),
                f.Instances.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var q in status.Queues.OrderBy(q => q.TenantId, StringComparer.Ordinal).ThenBy(q => q.Service, StringComparer.Ordinal).ThenBy(q => q.Queue, StringComparer.Ordinal))
        {
            var depth = $"{Number(q.Visible)} visible, {Number(q.InFlight)} in flight";
            table.AddRow(
                Markup.Escape(q.TenantId), Markup.Escape(q.Service), Markup.Escape(q.IsDeadLetterQueue ? $"{q.Queue} (dead-letter)" : q.Queue), "", "", "", "", "",
                q.IsDeadLetterQueue && q.Visible > 0 ? $"[red]{depth}[/]" : depth);
        }

        return table;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static async Task Delay(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the caller's loop ends.
        }
    }
}
