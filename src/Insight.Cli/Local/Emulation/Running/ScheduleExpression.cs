using System.Globalization;
using System.Text.RegularExpressions;

namespace Insight.Cli.Local.Emulation.Running;

/// <summary>
/// An EventBridge schedule expression: <c>rate(value unit)</c>, or <c>cron(minutes hours day-of-month month
/// day-of-week year)</c> in UTC with AWS's rules (day-of-week 1-7 from Sunday or SUN-SAT; one of the two day fields is
/// <c>?</c>; <c>L</c> for the last day, <c>nW</c> for the weekday nearest day n, <c>nL</c> for the last weekday n of
/// the month, <c>n#k</c> for its k-th occurrence).
/// </summary>
internal abstract partial class ScheduleExpression
{
    /// <summary>The first moment after <paramref name="after"/> the schedule fires, or null when it never fires again.</summary>
    public abstract DateTimeOffset? NextAfter(DateTimeOffset after);

    /// <summary>Reads <paramref name="expression"/>.</summary>
    /// <exception cref="FormatException">Not a rate or cron expression EventBridge accepts; the message says what is wrong.</exception>
    public static ScheduleExpression Parse(string expression)
    {
        var trimmed = expression.Trim();
        if (RatePattern().Match(trimmed) is { Success: true } rate)
        {
            return Rate.Parse(rate.Groups[1].Value, rate.Groups[2].Value, expression);
        }

        if (CronPattern().Match(trimmed) is { Success: true } cron)
        {
            return Cron.Parse(cron.Groups[1].Value, expression);
        }

        throw new FormatException($"\"{expression}\" is not a schedule expression: expected rate(value unit) or cron(minutes hours day-of-month month day-of-week year).");
    }

    [GeneratedRegex(@"^rate\(\s*(\S+)\s+(\S+)\s*\)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\(\s*(.+?)\s*\)$")]
    private static partial Regex CronPattern();

    private sealed class Rate(TimeSpan period) : ScheduleExpression
    {
        public static Rate Parse(string value, string unit, string expression)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                throw new FormatException($"\"{expression}\": the rate's value must be a positive whole number.");
            }

            var singular = unit.TrimEnd('s');
            if ((count == 1) != (unit == singular))
            {
                throw new FormatException($"\"{expression}\": EventBridge wants the unit singular for 1 and plural otherwise (rate(1 minute), rate(5 minutes)).");
            }

            return singular switch
            {
                "minute" => new Rate(TimeSpan.FromMinutes(count)),
                "hour" => new Rate(TimeSpan.FromHours(count)),
                "day" => new Rate(TimeSpan.FromDays(count)),
                _ => throw new FormatException($"\"{expression}\": the rate's unit must be minute(s), hour(s) or day(s)."),
            };
        }

        // A rate schedule runs from when the rule is created: the first time one period after, as EventBridge does.
        public override DateTimeOffset? NextAfter(DateTimeOffset after) => after + period;
    }

    private sealed class Cron : ScheduleExpression
    {
        private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
        private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

        private readonly bool[] _minutes;
        private readonly bool[] _hours;
        private readonly bool[] _months;
        private readonly bool[] _years;
        private readonly Func<DateOnly, bool> _day;

        private Cron(bool[] minutes, bool[] hours, bool[] months, bool[] years, Func<DateOnly, bool> day)
        {
            _minutes = minutes;
            _hours = hours;
            _months = months;
            _years = years;
            _day = day;
        }

        public static Cron Parse(string body, string expression)
        {
            var fields = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 6)
            {
                throw new FormatException($"\"{expression}\": a cron expression has six fields (minutes hours day-of-month month day-of-week year), found {fields.Length.ToString(CultureInfo.InvariantCulture)}.");
            }

            var (dayOfMonth, dayOfWeek) = (fields[2], fields[4]);
            if ((dayOfMonth == "?") == (dayOfWeek == "?"))
            {
                throw new FormatException($"\"{expression}\": exactly one of day-of-month and day-of-week must be ?.");
            }

            var day = dayOfMonth != "?" ? DayOfMonth(dayOfMonth, expression) : DayOfWeek(dayOfWeek, expression);
            return new Cron(
                Field(fields[0], 0, 59, null, expression, "minutes"),
                Field(fields[1], 0, 23, null, expression, "hours"),
                Field(fields[3], 1, 12, Months, expression, "month"),
                Field(fields[5], 1970, 2199, null, expression, "year"),
                day);
        }

        public override DateTimeOffset? NextAfter(DateTimeOffset after)
        {
            var start = after.ToUniversalTime();
            start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero).AddMinutes(1);
            var first = DateOnly.FromDateTime(start.UtcDateTime);
            for (var date = first; date.Year <= 2199 && date <= first.AddYears(30); date = date.AddDays(1))
            {
                if (!_years[date.Year] || !_months[date.Month] || !_day(date))
                {
                    continue;
                }

                var from = date == first ? (start.Hour * 60) + start.Minute : 0;
                for (var minuteOfDay = from; minuteOfDay < 24 * 60; minuteOfDay++)
                {
                    if (_hours[minuteOfDay / 60] && _minutes[minuteOfDay % 60])
                    {
                        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(minuteOfDay);
                    }
                }
            }

            return null;
        }

        private static Func<DateOnly, bool> DayOfMonth(string field, string expression)
        {
            if (field == "L")
            {
                return date => date.Day == DateTime.DaysInMonth(date.Year, date.Month);
            }

            if (field.EndsWith('W'))
            {
                var target = Number(field[..^1], 1, 31, null, expression, "day-of-month");
                return date => date == NearestWeekday(date.Year, date.Month, target);
            }

            var days = Field(field, 1, 31, null, expression, "day-of-month");
            return date => days[date.Day];
        }

        private static Func<DateOnly, bool> DayOfWeek(string field, string expression)
        {
            if (field == "L")
            {
                // Alone, L in day-of-week is its last day: Saturday.
                return date => date.DayOfWeek == System.DayOfWeek.Saturday;
            }

            if (field.Length > 1 && field.EndsWith('L'))
            {
                var weekday = (System.DayOfWeek)(Number(field[..^1], 1, 7, Days, expression, "day-of-week") - 1);
                return date => date.DayOfWeek == weekday && date.AddDays(7).Month != date.Month;
            }

            if (field.Split('#') is [var day, var nth])
            {
                var weekday = (System.DayOfWeek)(Number(day, 1, 7, Days, expression, "day-of-week") - 1);
                var occurrence = Number(nth, 1, 5, null, expression, "day-of-week");
                return date => date.DayOfWeek == weekday && ((date.Day - 1) / 7) + 1 == occurrence;
            }

            var days = Field(field, 1, 7, Days, expression, "day-of-week");
            return date => days[(int)date.DayOfWeek + 1];
        }

        private static DateOnly NearestWeekday(int year, int month, int day)
        {
            var date = new DateOnly(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
            return date.DayOfWeek switch
            {
                System.DayOfWeek.Saturday => date.Day == 1 ? date.AddDays(2) : date.AddDays(-1),
                System.DayOfWeek.Sunday => date.Day == DateTime.DaysInMonth(year, month) ? date.AddDays(-2) : date.AddDays(1),
                _ => date,
            };
        }

        /// <summary>The values a plain field allows: lists of <c>*</c>, <c>a</c>, <c>a-b</c>, each optionally <c>/step</c>.</summary>
        private static bool[] Field(string field, int min, int max, string[]? names, string expression, string what)
        {
            var allowed = new bool[max + 1];
            foreach (var part in field.Split(','))
            {
                var (range, step) = part.Split('/') switch
                {
                    [var r] => (r, 1),
                    [var r, var s] => (r, Number(s, 1, max, null, expression, what)),
                    _ => throw Invalid(expression, what, part),
                };
                int from, to;
                if (range == "*")
                {
                    (from, to) = (min, max);
                }
                else if (range.Split('-') is [var low, var high])
                {
                    (from, to) = (Number(low, min, max, names, expression, what), Number(high, min, max, names, expression, what));
                }
                else
                {
                    from = Number(range, min, max, names, expression, what);
                    to = step > 1 ? max : from;
                }

                if (from > to)
                {
                    throw Invalid(expression, what, part);
                }

                for (var value = from; value <= to; value += step)
                {
                    allowed[value] = true;
                }
            }

            return allowed;
        }

        private static int Number(string text, int min, int max, string[]? names, string expression, string what)
        {
            if (names is not null && Array.FindIndex(names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) is >= 0 and var index)
            {
                return index + 1;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw Invalid(expression, what, text);
        }

        private static FormatException Invalid(string expression, string what, string part) =>
            new($"\"{expression}\": \"{part}\" is not a valid {what} value.");
    }
}
