using Insight.Cli.Fleet;

namespace Insight.Cli.Tests.Fleet;

public sealed class ClosureQuotaTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(6000, 600)]
    [InlineData(120, 12)]
    [InlineData(50, 10)]
    [InlineData(5, 5)]
    [InlineData(20_000, 1000)]
    public void Ten_percent_of_member_accounts_at_least_ten_at_most_a_thousand(int members, int allowed) =>
        Assert.Equal(allowed, ClosureQuota.Allowed(members));

    [Fact]
    public void A_closure_within_the_quota_is_allowed()
    {
        var decision = ClosureQuota.Decide(6000, [.. Enumerable.Repeat(Now.AddDays(-1), 599)], Now);

        Assert.True(decision.Allowed);
        Assert.Equal(600, decision.Quota);
        Assert.StartsWith("Closure 600 of 600 allowed", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_closure_past_the_quota_is_refused_with_the_date_it_becomes_possible()
    {
        var closures = Enumerable.Range(0, 10).Select(i => Now.AddDays(-29).AddHours(i)).ToList();

        var decision = ClosureQuota.Decide(50, closures, Now);

        Assert.False(decision.Allowed);
        Assert.Equal(10, decision.ClosuresInWindow);
        Assert.Equal(Now.AddDays(1), decision.PossibleFrom);
        Assert.Contains("allows 10 for 50 member accounts", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("2026-11-27 12:00", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Closures_older_than_thirty_days_no_longer_count()
    {
        var closures = Enumerable.Repeat(Now.AddDays(-31), 10).Append(Now.AddDays(-3)).ToList();

        var decision = ClosureQuota.Decide(50, closures, Now);

        Assert.True(decision.Allowed);
        Assert.Equal(1, decision.ClosuresInWindow);
    }

    [Fact]
    public void The_closure_log_is_read_line_by_line_and_a_bad_line_is_named()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["# closedAt,accountId,tenantId", "2026-11-01T08:00:00Z,300000000001,old-tenant", "", "2026-11-20T10:30:00Z,300000000002,other"]);
            Assert.Equal([new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.Zero)], ClosureLog.Read(path));

            File.AppendAllLines(path, ["yesterday,300000000003,x"]);
            var error = Assert.Throws<FormatException>(() => ClosureLog.Read(path));
            Assert.StartsWith($"{path}:5:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Empty(ClosureLog.Read(path));
    }
}
