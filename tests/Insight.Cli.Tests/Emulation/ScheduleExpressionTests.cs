using Insight.Cli.Local.Emulation.Running;

namespace Insight.Cli.Tests.Emulation;

public sealed class ScheduleExpressionTests
{
    [Theory]
    [InlineData("rate(1 minute)", "2026-12-01T10:00:30Z", "2026-12-01T10:01:30Z")]
    [InlineData("rate(5 minutes)", "2026-12-01T10:00:00Z", "2026-12-01T10:05:00Z")]
    [InlineData("rate(2 hours)", "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z")]
    [InlineData("rate(1 day)", "2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z")]
    [InlineData("cron(0 6 * * ? *)", "2026-12-01T06:00:00Z", "2026-12-02T06:00:00Z")]
    [InlineData("cron(0 6 * * ? *)", "2026-12-01T05:59:59Z", "2026-12-01T06:00:00Z")]
    [InlineData("cron(0/15 * * * ? *)", "2026-12-01T10:07:00Z", "2026-12-01T10:15:00Z")]
    [InlineData("cron(15 10 ? * MON-FRI *)", "2026-12-04T11:00:00Z", "2026-12-07T10:15:00Z")] // Friday after 10:15 -> Monday
    [InlineData("cron(0 9 ? * 1 *)", "2026-12-01T00:00:00Z", "2026-12-06T09:00:00Z")] // 1 is Sunday
    [InlineData("cron(0 9 ? * 7 *)", "2026-12-01T00:00:00Z", "2026-12-05T09:00:00Z")] // 7 is Saturday
    [InlineData("cron(0 12 L * ? *)", "2026-02-03T00:00:00Z", "2026-02-28T12:00:00Z")]
    [InlineData("cron(0 9 ? * 6L *)", "2026-12-01T00:00:00Z", "2026-12-25T09:00:00Z")] // last Friday of December 2026
    [InlineData("cron(0 9 ? * 2#1 *)", "2026-12-01T00:00:00Z", "2026-12-07T09:00:00Z")] // first Monday
    [InlineData("cron(0 8 1W * ? *)", "2026-10-15T00:00:00Z", "2026-11-02T08:00:00Z")] // 1 Nov 2026 is a Sunday
    [InlineData("cron(0 8 31W * ? *)", "2026-10-15T00:00:00Z", "2026-10-30T08:00:00Z")] // 31 Oct 2026 is a Saturday
    [InlineData("cron(30 1 1 JAN ? 2028)", "2026-12-01T00:00:00Z", "2028-01-01T01:30:00Z")]
    [InlineData("cron(0,30 8-9 * * ? *)", "2026-12-01T08:31:00Z", "2026-12-01T09:00:00Z")]
    public void Fires_next_when_EventBridge_would(string expression, string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ScheduleExpression.Parse(expression).NextAfter(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_year_that_has_passed_never_fires_again() =>
        Assert.Null(ScheduleExpression.Parse("cron(0 0 1 1 ? 2020)").NextAfter(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("rate(1 minutes)", "singular")]
    [InlineData("rate(5 minute)", "singular")]
    [InlineData("rate(0 minutes)", "positive")]
    [InlineData("rate(5 weeks)", "unit")]
    [InlineData("cron(0 6 * * *)", "six fields")]
    [InlineData("cron(0 6 * * * *)", "exactly one")]
    [InlineData("cron(0 6 ? * ? *)", "exactly one")]
    [InlineData("cron(61 6 * * ? *)", "minutes")]
    [InlineData("cron(0 6 ? * 8 *)", "day-of-week")]
    [InlineData("every day", "not a schedule expression")]
    public void Refuses_what_EventBridge_refuses_saying_why(string expression, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => ScheduleExpression.Parse(expression)).Message, StringComparison.Ordinal);
}
