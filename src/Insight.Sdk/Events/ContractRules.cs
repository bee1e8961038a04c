namespace Insight.Sdk.Events;

/// <summary>
/// Collects the violations of one event. The rules are the ones scanner fleets document, so each check's
/// message reads like the documentation: field name, then the rule.
/// </summary>
internal sealed class ContractRules
{
    /// <summary>Earliest accepted <c>time_created</c>: 2019-01-01T00:00:00Z in Unix ms.</summary>
    public const long MinTimeCreated = 1546300800000;

    /// <summary>Largest accepted <c>time_created</c> (14 digits of Unix ms).</summary>
    public const long MaxTimeCreated = 99999999999999;

    private List<ContractViolation>? _violations;

    public IReadOnlyList<ContractViolation> Violations => (IReadOnlyList<ContractViolation>?)_violations ?? [];

    public ContractRules Add(string field, string rule)
    {
        (_violations ??= []).Add(new ContractViolation(field, rule));
        return this;
    }

    public ContractRules OneOf(string field, string? value, params string[] allowed)
    {
        if (value is null || Array.IndexOf(allowed, value) < 0)
        {
            Add(field, $"must be one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}, got {Quote(value)}");
        }

        return this;
    }

    public ContractRules Length(string field, string? value, int min, int max, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "is required");
            }
        }
        else if (value.Length < min || value.Length > max)
        {
            Add(field, $"length must be {min}-{max}, got {value.Length}");
        }

        return this;
    }

    public ContractRules LowerCaseUuid(string field, string? value)
    {
        if (value is null)
        {
            return Add(field, "is required");
        }

        if (!IsLowerCaseUuid(value))
        {
            Add(field, $"must be a lower-case UUID (8-4-4-4-12 hex digits), got {Quote(value)}");
        }

        return this;
    }

    public ContractRules UnixMillis(string field, long value) =>
        value is < MinTimeCreated or > MaxTimeCreated
            ? Add(field, $"must be Unix milliseconds between {MinTimeCreated} and {MaxTimeCreated}, got {value}")
            : this;

    public ContractRules Finite(string field, double value) =>
        double.IsFinite(value) ? this : Add(field, "must be a finite number");

    public ContractRules Range(string field, double value, double min, double max) =>
        value >= min && value <= max ? this : Add(field, $"must be between {min} and {max}, got {value}");

    private static bool IsLowerCaseUuid(string value)
    {
        if (value.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var ok = i is 8 or 13 or 18 or 23 ? c == '-' : char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string? value) => value is null ? "nothing" : $"\"{(value.Length > 64 ? value[..64] + "…" : value)}\"";
}
