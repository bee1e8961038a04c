namespace Insight.Cli.Fleet;

/// <summary>One stack set's operation in one region.</summary>
internal sealed record RegionOutcome(
    string Region,
    int Accounts,
    int MaxConcurrentAccounts,
    int InitialConcurrency,
    int ToleratedFailures,
    int Waves,
    double StartMinutes,
    double EndMinutes,
    int Succeeded,
    int Failed,
    int NotAttempted,
    bool Stopped);
