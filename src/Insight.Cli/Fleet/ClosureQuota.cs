using System.Globalization;

namespace Insight.Cli.Fleet;

/// <summary>
/// AWS Organizations' limit on closing member accounts: 10% of the member accounts, at least 10 and at most 1,000, in
/// any rolling 30-day period ("CloseAccount", AWS Organizations API Reference). A retirement that would pass it is
/// refused before any step is written.
/// </summary>
internal static class ClosureQuota
{
    /// <summary>Where the rule is written.</summary>
    public const string Source = "AWS Organizations API Reference, \"CloseAccount\"";

    /// <summary>The rolling window closures count in.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromDays(30);

    /// <summary>Closures allowed in any window for an organization of <paramref name="memberAccounts"/> member accounts.</summary>
    public static int Allowed(int memberAccounts) =>
        Math.Min(memberAccounts, Math.Clamp(memberAccounts / 10, 10, 1_000));

    /// <summary>Judges one more closure now, given the closures already made (their times; all in the window with a plain count).</summary>
    public static ClosureDecision Decide(int memberAccounts, IReadOnlyList<DateTimeOffset> closures, DateTimeOffset now)
    {
        var allowed = Allowed(memberAccounts);
        var inWindow = closures.Where(c => c > now - Window && c <= now).Order().ToList();
        if (inWindow.Count + 1 <= allowed)
        {
            return new ClosureDecision(true, allowed, inWindow.Count, null, string.Create(
                CultureInfo.InvariantCulture,
                $"Closure {inWindow.Count + 1} of {allowed} allowed in the last 30 days for {memberAccounts:N0} member accounts (10%, at least 10, at most 1,000; {Source})."));
        }

        // The window frees a closure when the oldest closure past the allowance leaves it.
        DateTimeOffset? possibleFrom = inWindow.Count >= allowed ? inWindow[inWindow.Count - allowed] + Window : null;
        var when = possibleFrom is { } date ? string.Create(CultureInfo.InvariantCulture, $" The next closure is possible from {date:yyyy-MM-dd HH:mm} UTC.") : string.Empty;
        return new ClosureDecision(false, allowed, inWindow.Count, possibleFrom, string.Create(
            CultureInfo.InvariantCulture,
            $"Refused: {inWindow.Count} accounts were closed in the last 30 days and AWS Organizations allows {allowed} for {memberAccounts:N0} member accounts (10%, at least 10, at most 1,000; {Source}); closing another would exceed the quota.{when}"));
    }
}

/// <summary>Whether one more account may be closed now, and why.</summary>
internal sealed record ClosureDecision(bool Allowed, int Quota, int ClosuresInWindow, DateTimeOffset? PossibleFrom, string Reason);

/// <summary>
/// The local record of account closures, one line per closure: <c>closedAt,accountId,tenantId</c> (ISO-8601 UTC). The
/// retirement runbook appends its line when it closes the account, so the next retirement counts it.
/// </summary>
internal static class ClosureLog
{
    /// <summary>The closure times in the log; blank lines and lines starting with <c>#</c> are ignored.</summary>
    /// <exception cref="FormatException">A line is not <c>closedAt,accountId,tenantId</c>; the message names the line.</exception>
    public static IReadOnlyList<DateTimeOffset> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var closures = new List<DateTimeOffset>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var fields = text.Split(',');
            if (fields.Length < 2
                || !DateTimeOffset.TryParse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var closedAt))
            {
                throw new FormatException($"{path}:{number}: expected closedAt,accountId,tenantId with an ISO-8601 time, found \"{text}\".");
            }

            closures.Add(closedAt);
        }

        return closures;
    }

    /// <summary>The line the runbook appends for a closure (the shell fills in the time when it runs).</summary>
    public static string AppendCommand(string path, string accountId, string tenantId) =>
        $"printf '%s,{accountId},{tenantId}\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >> {Shell.Quote(path)}";
}
