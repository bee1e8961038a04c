using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Constructs;

namespace Insight.Sdk.Cdk.Stacks;

/// <summary>
/// Spreads schedules across the fleet. A schedule that fires at the same moment in thousands of accounts overloads
/// every API it calls; instead each account gets one of 60 minute slots, derived from its account id (the same
/// account always gets the same slot), passed to its stack instance as the <c>ScheduleSlot</c> parameter.
/// Expressions are rewritten to fire at the slot's minute within their period.
/// </summary>
public static class ScheduleSlots
{
    /// <summary>The slot names, S00 to S59.</summary>
    public static string[] All { get; } = [.. Enumerable.Range(0, 60).Select(Name)];

    /// <summary>The slot of an account: a stable hash of its id, so re-deployments never move it.</summary>
    public static string ForAccount(string accountId)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accountId));
        return Name(BitConverter.ToUInt16(hash, 0) % 60);
    }

    /// <summary>
    /// The schedule expression with the account's slot applied, or <c>null</c> when the expression cannot carry one
    /// (it then runs as written; the synth reports a warning).
    /// </summary>
    internal static string? Apply(Construct scope, string expression, string slot)
    {
        var rate = ParseRate(expression);
        if (rate is (var amount, var unit))
        {
            return unit switch
            {
                "minute" when amount < 60 && 60 % amount == 0 => $"cron({Minute(scope, slot, amount)}/{amount} * * * ? *)",
                "hour" when amount == 1 => $"cron({Minute(scope, slot, 60)} * * * ? *)",
                "hour" when 24 % amount == 0 => $"cron({Minute(scope, slot, 60)} */{amount} * * ? *)",
                "day" when amount == 1 => $"cron({Minute(scope, slot, 60)} 2 * * ? *)",
                _ => null,
            };
        }

        // cron(M H ...) with a plain minute: the slot replaces the minute, the rest stands.
        if (expression.StartsWith("cron(", StringComparison.Ordinal) && expression.EndsWith(')'))
        {
            var fields = expression[5..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 6 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                fields[0] = Minute(scope, slot, 60);
                return $"cron({string.Join(' ', fields)})";
            }
        }

        return null;
    }

    private static (int Amount, string Unit)? ParseRate(string expression)
    {
        if (!expression.StartsWith("rate(", StringComparison.Ordinal) || !expression.EndsWith(')'))
        {
            return null;
        }

        var parts = expression[5..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? (amount, parts[1].TrimEnd('s'))
            : null;
    }

    /// <summary>The slot's minute modulo <paramref name="period"/>, looked up at deployment from a mapping of all 60 slots.</summary>
    private static string Minute(Construct scope, string slot, int period)
    {
        var stack = Stack.Of(scope);
        var id = "ScheduleSlotMinutes";
        var mapping = stack.Node.TryFindChild(id) as CfnMapping ?? new CfnMapping(stack, id, new CfnMappingProps
        {
            Mapping = All.Select((name, minute) => (name, minute)).ToDictionary(
                s => s.name,
                s => (IDictionary<string, object>)new Dictionary<string, object>(
                    Periods.Select(p => new KeyValuePair<string, object>($"Every{p}", (s.minute % p).ToString(CultureInfo.InvariantCulture))))),
        });
        return mapping.FindInMap(slot, $"Every{period}");
    }

    private static readonly int[] Periods = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

    private static string Name(int minute) => "S" + minute.ToString("00", CultureInfo.InvariantCulture);
}
