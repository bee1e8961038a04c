using System.CommandLine;
using Insight.Cli.Local.Sending;
using Insight.Local.Client;
using Insight.Local.Events;

namespace Insight.Cli.Commands;

/// <summary>
/// <c>insight send</c>: puts events on a tenant's bus in the running <c>insight local</c>, through the tenant's
/// PutEvents endpoint as an AWS SDK would. Everything given is checked before anything is sent; each event's result
/// (its id, or why the bus refused it) is printed, and the exit code is non-zero when any was refused.
/// </summary>
internal static class SendCommand
{
    /// <summary>The command; <paramref name="input"/> replaces standard input (tests), <paramref name="http"/> the client that sends.</summary>
    public static Command Create(TextWriter? output = null, TextWriter? error = null, TextReader? input = null, HttpClient? http = null)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant whose bus gets the events (a tenant of the running local)", Required = true };
        var source = new Option<string?>("--source") { Description = "One event's source" };
        var detailType = new Option<string?>("--detail-type") { Description = "One event's detail-type" };
        var detail = new Option<string?>("--detail") { Description = "One event's detail, a JSON object" };
        var file = new Option<FileInfo?>("--file") { Description = "Events to send: a JSON array or JSON lines, each {\"source\",\"detail-type\",\"detail\"} or {\"Source\",\"DetailType\",\"Detail\"}" };
        var bus = new Option<string?>("--bus") { Description = "The event bus to name in each entry (default: the account's default bus)" };
        var state = new Option<string?>("--state") { Description = $"The local run's state file (default: ${LocalRunStateFile.EnvironmentVariable}, else .insight/local/run.json at or above this folder)" };

        var command = new Command("send", "Put events on a tenant's bus in the running insight local: one (--source --detail-type --detail), a --file, or JSON lines on standard input")
        {
            tenant, source, detailType, detail, file, bus, state,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var err = error ?? Console.Error;
            IReadOnlyList<SendItem> items;
            try
            {
                items = await ReadItemsAsync(parse.GetValue(source), parse.GetValue(detailType), parse.GetValue(detail), parse.GetValue(file), input, cancellationToken);
            }
            catch (SendInputException exception)
            {
                err.WriteLine($"Nothing sent: {exception.Message}");
                return 1;
            }

            return await SendAsync(output ?? Console.Out, err, http, parse.GetValue(state), parse.GetValue(tenant)!, parse.GetValue(bus), items, cancellationToken);
        });
        return command;
    }

    private static async Task<IReadOnlyList<SendItem>> ReadItemsAsync(
        string? source, string? detailType, string? detail, FileInfo? file, TextReader? input, CancellationToken cancellationToken)
    {
        var single = source is not null || detailType is not null || detail is not null;
        if (single && file is not null)
        {
            throw new SendInputException("give one event (--source, --detail-type, --detail) or --file, not both.");
        }

        if (single)
        {
            return [SendInput.FromOptions(source, detailType, detail)];
        }

        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new SendInputException($"{file.FullName} does not exist.");
            }

            return SendInput.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken));
        }

        if (input is null && !Console.IsInputRedirected)
        {
            throw new SendInputException("no events given: pass --source, --detail-type and --detail, or --file, or pipe JSON lines to standard input.");
        }

        return SendInput.Parse(await (input ?? Console.In).ReadToEndAsync(cancellationToken));
    }

    private static async Task<int> SendAsync(
        TextWriter output, TextWriter error, HttpClient? http, string? statePath, string tenantId, string? bus, IReadOnlyList<SendItem> items, CancellationToken cancellationToken)
    {
        IReadOnlyList<PutEventsResultEntry> outcomes;
        using var ownClient = http is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : null;
        try
        {
            var tenant = LocalRunStateFile.Load(statePath, Environment.CurrentDirectory).Tenant(tenantId);
            var client = new LocalBusClient(http ?? ownClient!, new Uri(tenant.EventsUrl));
            outcomes = await client.PutEventsAsync([.. items.Select(item => item.Event with { EventBusName = bus })], cancellationToken);
        }
        catch (Exception exception) when (exception is LocalRunNotFoundException or LocalBusException)
        {
            error.WriteLine($"Nothing sent: {exception.Message}");
            return 1;
        }

        var refused = 0;
        for (var index = 0; index < items.Count; index++)
        {
            var outcome = outcomes[index];
            if (outcome is { EventId: not null, ErrorCode: null })
            {
                output.WriteLine($"ok      {items[index].Origin}: {outcome.EventId}");
            }
            else
            {
                refused++;
                output.WriteLine($"REFUSED {items[index].Origin}: {outcome.ErrorCode ?? "Error"}: {outcome.ErrorMessage}");
            }
        }

        output.WriteLine($"{items.Count} event(s) for {tenantId}: {items.Count - refused} put on the bus, {refused} refused.");
        return refused == 0 ? 0 : 1;
    }
}
