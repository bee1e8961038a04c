namespace Insight.Cli.Fleet;

/// <summary>One simulated stack set operation: its outcome and the accounts whose instance failed in some region.</summary>
internal sealed record SimulatedOperationResult(int StackSet, OperationOutcome Outcome, HashSet<int> FailedAccounts);
