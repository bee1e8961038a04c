using System.Globalization;

namespace Insight.Sdk.Cdk.Cost;

/// <summary>How often an EventBridge schedule expression fires in a month.</summary>
public static class ScheduleFrequency
{
    /// <summary>
    /// Runs a month (<paramref name="hoursPerMonth"/> hours) of <c>rate(N unit)</c> or a six-field <c>cron(…)</c>, or null
    /// when the expression is neither. A cron's day fields count as the share of days they select (weekdays 5 of 7).
    /// </summary>
    public static double? RunsPerMonth(string expression, double hoursPerMonth)
    {
        if (expression.StartsWith("rate(", StringComparison.Ordinal) && expression.EndsWith(')'))
        {
            var parts = expression[5..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                return null;
            }

            double? minutes = parts[1].TrimEnd('s') switch
            {
                "minute" => amount,
                "hour" => amount * 60,
                "day" => amount * 1440,
                _ => null,
            };
            return minutes is null ? null : hoursPerMonth * 60 / minutes;
        }

        if (!expression.StartsWith("cron(", StringComparison.Ordinal) || !expression.EndsWith(')'))
        {
            return null;
        }

        var fields = expression[5..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            return null;
        }

        var minutesPerHour = Count(fields[0], 0, 59);
        var hoursPerDay = Count(fields[1], 0, 23);
        var daysShare = DayShare(fields[2], fields[4]);
        var months = Count(fields[3], 1, 12);
        return minutesPerHour is null || hoursPerDay is null || daysShare is null || months is null
            ? null
            : minutesPerHour.Value * hoursPerDay.Value * (hoursPerMonth / 24) * daysShare.Value * (months.Value / 12.0);
    }

    private static double? DayShare(string dayOfMonth, string dayOfWeek)
    {
        if (dayOfMonth is "*" or "?" && dayOfWeek is "*" or "?")
        {
            return 1;
        }

        if (dayOfMonth is "*" or "?")
        {
            return WeekDays(dayOfWeek) / 7.0;
        }

        return dayOfMonth.Contains('L', StringComparison.Ordinal) || dayOfMonth.Contains('W', StringComparison.Ordinal) ? 1 / 30.4 : Count(dayOfMonth, 1, 31) / 30.4;
    }

    private static double WeekDays(string field)
    {
        if (field.Contains('#', StringComparison.Ordinal) || field.Contains('L', StringComparison.Ordinal))
        {
            return 7.0 / 30.4;
        }

        string[] names = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
        var numeric = field.ToUpperInvariant();
        for (var day = 0; day < names.Length; day++)
        {
            numeric = numeric.Replace(names[day], (day + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return Count(numeric, 1, 7) ?? 7;
    }

    /// <summary>How many values a cron field selects between <paramref name="min"/> and <paramref name="max"/>.</summary>
    private static int? Count(string field, int min, int max)
    {
        if (field is "*" or "?")
        {
            return max - min + 1;
        }

        var selected = new HashSet<int>();
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
                {
                    return null;
                }

                range = part[..slash];
            }

            int from, to;
            if (range is "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var low, var high]
                && int.TryParse(low, NumberStyles.None, CultureInfo.InvariantCulture, out from)
                && int.TryParse(high, NumberStyles.None, CultureInfo.InvariantCulture, out to))
            {
            }
            else if (int.TryParse(range, NumberStyles.None, CultureInfo.InvariantCulture, out from))
            {
                to = slash >= 0 ? max : from;
            }
            else
            {
                return null;
            }

            for (var value = from; value <= to; value += step)
            {
                selected.Add(value);
            }
        }

        return selected.Count;
    }
}
