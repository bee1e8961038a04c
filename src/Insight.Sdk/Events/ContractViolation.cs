namespace Insight.Sdk.Events;

/// <summary>One broken rule of an event contract: the wire name of the field and the rule it breaks.</summary>
public sealed record ContractViolation(string Field, string Rule)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Field}: {Rule}";
}

/// <summary>
/// Thrown when an event parses as JSON but breaks its contract. The message names every offending field and
/// rule, so the failure reported for the record says what to fix.
/// </summary>
public sealed class ContractViolationException(string contract, IReadOnlyList<ContractViolation> violations)
    : Exception($"{contract} is invalid: {string.Join("; ", violations)}")
{
    /// <summary>The contract that was broken, for example <c>ScanEvent</c>.</summary>
    public string Contract { get; } = contract;

    /// <summary>Every broken rule, in field order.</summary>
    public IReadOnlyList<ContractViolation> Violations { get; } = violations;
}

/// <summary>An event that can check itself against its documented rules.</summary>
public interface IValidatable
{
    /// <summary>Returns every broken rule; an empty list when the event is valid.</summary>
    IReadOnlyList<ContractViolation> Validate();
}

/// <summary>Runs <see cref="IValidatable.Validate"/> and turns violations into an exception.</summary>
public static class Contract
{
    /// <summary>Throws <see cref="ContractViolationException"/> when <paramref name="value"/> breaks its contract.</summary>
    public static void ThrowIfInvalid<T>(T value)
    {
        if (value is null)
        {
            throw new ContractViolationException(typeof(T).Name, [new ContractViolation("$", "must be a JSON object, not null")]);
        }

        if (value is IValidatable validatable)
        {
            var violations = validatable.Validate();
            if (violations.Count > 0)
            {
                throw new ContractViolationException(typeof(T).Name, violations);
            }
        }
    }
}
