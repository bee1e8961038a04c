using System.Globalization;

namespace Insight.Cli.Local;

/// <summary>One tenant of a local run: in the fleet it has an AWS account of its own, here a set of processes of its own.</summary>
internal sealed record LocalTenant(string TenantId, string AccountId)
{
    /// <summary>The region every local tenant's functions believe they run in.</summary>
    public const string Region = "eu-central-1";

    /// <summary>
    /// Tenants <c>tenant-001</c>, <c>tenant-002</c>, … with 12-digit account ids drawn from <paramref name="seed"/>,
    /// so the same seed always yields the same accounts and a larger count only adds tenants.
    /// </summary>
    public static IReadOnlyList<LocalTenant> Create(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        return [.. Enumerable.Range(1, count).Select(number => new LocalTenant(
            $"tenant-{number:D3}",
            random.NextInt64(100_000_000_000, 1_000_000_000_000).ToString(CultureInfo.InvariantCulture)))];
    }
}
