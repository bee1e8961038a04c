namespace Insight.Cli.Local.Emulation.Planning;

/// <summary>
/// A tenant's templates describe something that would not run locally as it would in the account: every problem found,
/// each naming the service, logical id, type and property, so one run shows them all.
/// </summary>
internal sealed class PlanningException(IReadOnlyList<string> problems)
    : Exception($"The templates cannot run locally:\n  {string.Join("\n  ", problems)}")
{
    /// <summary>Each problem on a line of its own.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
