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
public sealed class ContractViolationException : Exception
{
    /// <summary>Creates the exception; the message names each field by its wire name.</summary>
    public ContractViolationException(string contract, IReadOnlyList<ContractViolation> violations)
        : this(contract, violations, null)
    {
    }

    /// <summary>
    /// Creates the exception for an event found at <paramref name="path"/> of the payload (<c>$.detail</c> inside an
    /// EventBridge event): the message names each field by its JSON path from the payload's root, as the sender sees it.
    /// </summary>
    public ContractViolationException(string contract, IReadOnlyList<ContractViolation> violations, string? path)
        : base($"{contract} is invalid: {string.Join("; ", violations.Select(v => path is null ? v.ToString() : $"{Hosting.JsonDiagnosis.Member(path, v.Field)}: {v.Rule}"))}")
    {
        Contract = contract;
        Violations = violations;
        Path = path;
    }

    /// <summary>The contract that was broken, for example <c>ScanEvent</c>.</summary>
    public string Contract { get; }

    /// <summary>Every broken rule, in field order.</summary>
    public IReadOnlyList<ContractViolation> Violations { get; }

    /// <summary>Where the event sits in the payload (<c>$</c>, <c>$.detail</c>), when known.</summary>
    public string? Path { get; }
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
    public static void ThrowIfInvalid<T>(T value) => ThrowIfInvalid(value, null);

    /// <summary>
    /// Throws <see cref="ContractViolationException"/> when <paramref name="value"/>, read from <paramref name="path"/> of
    /// a payload, breaks its contract; the message names each field by its path from the payload's root.
    /// </summary>
    public static void ThrowIfInvalid<T>(T value, string? path)
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
                throw new ContractViolationException(typeof(T).Name, violations, path);
            }
        }
    }
}
