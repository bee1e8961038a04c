using System.Text.RegularExpressions;

namespace Insight.Sdk.Fleet;

/// <summary>
/// The one rule for tenant ids: lower-case letters, digits and hyphens, 2 to 63 characters, not starting with a hyphen.
/// The service templates' <c>TenantId</c> parameter, account vending and the retirement runbook all check it, so an id
/// accepted in one place is accepted everywhere (and fits names such as <c>insight-{tenant}-…</c>).
/// </summary>
public static partial class TenantId
{
    /// <summary>The rule as a regular expression (valid in .NET, CloudFormation's <c>AllowedPattern</c> and JSONata).</summary>
    public const string Pattern = "^[a-z0-9][a-z0-9-]{1,62}$";

    /// <summary>The rule in words, for error messages.</summary>
    public const string Description = "lower-case letters, digits and hyphens, 2 to 63 characters, not starting with a hyphen";

    /// <summary>Whether <paramref name="tenantId"/> is a valid tenant id.</summary>
    public static bool IsValid(string? tenantId) => tenantId is not null && Rule().IsMatch(tenantId);

    [GeneratedRegex(Pattern)]
    private static partial Regex Rule();
}
