using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Insight.Sdk.Fleet;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// What the platform stack needs to know about the organization it runs: every value that differs between
/// organizations is here, so the constructs hold no literal account, organization or unit. Read from a JSON file with
/// <see cref="Load"/> or built in code.
/// </summary>
public sealed partial record PlatformSettings
{
    /// <summary>The platform stack's name.</summary>
    [JsonPropertyName("stackName")]
    public string StackName { get; init; } = "InsightPlatform";

    /// <summary>
    /// The central infrastructure account the platform stack is deployed to: the delegated administrator for
    /// CloudFormation StackSets and for Organizations policies (or the management account). Null leaves the stack
    /// environment-agnostic.
    /// </summary>
    [JsonPropertyName("account")]
    public string? Account { get; init; }

    /// <summary>The platform's home region: stack sets, the pipeline, vending and the alarm topic live there.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary>The organization id (<c>o-…</c>); resource policies admit its member accounts.</summary>
    [JsonPropertyName("organizationId")]
    public required string OrganizationId { get; init; }

    /// <summary>The organizational unit (<c>ou-…</c>) that holds every tenant account: the stack sets' deployment target.</summary>
    [JsonPropertyName("tenantsOrganizationalUnitId")]
    public required string TenantsOrganizationalUnitId { get; init; }

    /// <summary>
    /// <c>SELF</c> when the platform account is the management account, <c>DELEGATED_ADMIN</c> when it is a delegated
    /// administrator for StackSets.
    /// </summary>
    [JsonPropertyName("callAs")]
    public string CallAs { get; init; } = "DELEGATED_ADMIN";

    /// <summary>Where the pipeline takes the monorepo from.</summary>
    [JsonPropertyName("source")]
    public required PipelineSource Source { get; init; }

    /// <summary>The infrastructure project (relative to the repository root) whose run synthesizes every template.</summary>
    [JsonPropertyName("infraProject")]
    public string InfraProject { get; init; } = "samples/Infra";

    /// <summary>The regions tenant stacks are deployed to, in rollout order; the first is normally the home region.</summary>
    [JsonPropertyName("deploymentRegions")]
    public IReadOnlyList<string> DeploymentRegions { get; init; } = [];

    /// <summary>
    /// For each deployment region other than the home region: the bucket holding function packages there (Lambda
    /// reads code from its own region) and the alarm topic there (alarm actions publish within their region).
    /// </summary>
    [JsonPropertyName("otherRegions")]
    public IReadOnlyDictionary<string, RegionalResources> OtherRegions { get; init; } = new Dictionary<string, RegionalResources>();

    /// <summary>How a release rolls out across the fleet.</summary>
    [JsonPropertyName("rollout")]
    public RolloutPreferences Rollout { get; init; } = new();

    /// <summary>
    /// Who may call the services' HTTP routes in every tenant account unless vending sets the tenant's own: the token
    /// issuer, the audience and the claim that carries the tenant.
    /// </summary>
    [JsonPropertyName("authentication")]
    public required TenantAuthentication Authentication { get; init; }

    /// <summary>The regions the guardrails allow in tenant accounts; everything else is denied except global services.</summary>
    [JsonPropertyName("allowedRegions")]
    public IReadOnlyList<string> AllowedRegions { get; init; } = [];

    /// <summary>
    /// The service control policies attached to the tenants unit outside the platform stack. Organizations attaches
    /// <c>FullAWSAccess</c> to every unit unless it is replaced; these count toward the five a unit may carry.
    /// </summary>
    [JsonPropertyName("existingServiceControlPolicies")]
    public IReadOnlyList<string> ExistingServiceControlPolicies { get; init; } = [GuardrailPolicies.FullAwsAccess];

    /// <summary>
    /// The role the platform team works through in every tenant account. Account vending creates it (as the role
    /// Organizations sets up in a new account), and the guardrails let only it change platform roles.
    /// </summary>
    [JsonPropertyName("platformRoleName")]
    public string PlatformRoleName { get; init; } = "insight-platform-admin";

    /// <summary>Roles whose name starts with this are platform roles, protected by the guardrails.</summary>
    [JsonPropertyName("platformRolePrefix")]
    public string PlatformRolePrefix { get; init; } = "insight-platform-";

    /// <summary>
    /// A role in the management account that account vending assumes for Organizations calls (CreateAccount is a
    /// management-account API). Null when the platform stack itself is deployed to the management account.
    /// </summary>
    [JsonPropertyName("organizationsRoleArn")]
    public string? OrganizationsRoleArn { get; init; }

    /// <summary>The tenant registry table's name (one per platform account, so a fixed name is safe and lets runbooks name it).</summary>
    [JsonPropertyName("registryTableName")]
    public string RegistryTableName { get; init; } = "insight-tenant-registry";

    /// <summary>Stack set names are this prefix followed by the service name.</summary>
    [JsonPropertyName("stackSetNamePrefix")]
    public string StackSetNamePrefix { get; init; } = "insight-";

    /// <summary>
    /// A CodeBuild image that already has the .NET 10 SDK; null uses CodeBuild's standard image and installs the SDK
    /// in the install phase.
    /// </summary>
    [JsonPropertyName("buildImage")]
    public string? BuildImage { get; init; }

    /// <summary>Whether a person approves each release before it rolls out to the fleet.</summary>
    [JsonPropertyName("requireApproval")]
    public bool RequireApproval { get; init; } = true;

    /// <summary>Reads settings from a JSON file.</summary>
    /// <exception cref="PlatformSettingsException">The file does not describe a usable platform.</exception>
    public static PlatformSettings Load(string path)
    {
        var settings = JsonSerializer.Deserialize<PlatformSettings>(File.ReadAllText(path))
            ?? throw new PlatformSettingsException([$"{path} is empty."]);
        settings.Validate();
        return settings;
    }

    /// <summary>The name of a service's stack set.</summary>
    public string StackSetName(string service) => StackSetNamePrefix + service;

    /// <summary>The regions stack instances are deployed to, home region first when none are listed.</summary>
    public IReadOnlyList<string> RolloutRegions(string homeRegion) => DeploymentRegions.Count > 0 ? DeploymentRegions : [homeRegion];

    /// <summary>Checks the settings and throws one exception naming every problem.</summary>
    /// <exception cref="PlatformSettingsException">Something is missing or malformed.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (!OrganizationIdPattern().IsMatch(OrganizationId))
        {
            problems.Add($"organizationId {OrganizationId} is not an organization id (o-…).");
        }

        if (!OrganizationalUnitPattern().IsMatch(TenantsOrganizationalUnitId))
        {
            problems.Add($"tenantsOrganizationalUnitId {TenantsOrganizationalUnitId} is not an organizational unit id (ou-…).");
        }

        if (CallAs is not ("SELF" or "DELEGATED_ADMIN"))
        {
            problems.Add($"callAs is {CallAs}; it must be SELF or DELEGATED_ADMIN.");
        }

        if (Account is not null && !AccountPattern().IsMatch(Account))
        {
            problems.Add($"account {Account} is not a 12-digit account id.");
        }

        problems.AddRange(Source.Problems());
        problems.AddRange(Authentication.Problems());
        problems.AddRange(Rollout.Problems());
        if (AllowedRegions.Count == 0)
        {
            problems.Add("allowedRegions is empty; the region guardrail needs at least the deployment regions.");
        }

        var home = Region;
        if (DeploymentRegions.Count > 0 && home is null)
        {
            problems.Add("deploymentRegions needs region (the home region) to tell which regions need otherRegions entries.");
        }

        foreach (var region in DeploymentRegions)
        {
            if (!AllowedRegions.Contains(region))
            {
                problems.Add($"deployment region {region} is not in allowedRegions; the guardrails would deny the stack sets there.");
            }

            if (region != home && !OtherRegions.ContainsKey(region))
            {
                problems.Add($"deployment region {region} is not the home region, so otherRegions must name its artifact bucket and alarm topic.");
            }
        }

        if (!PlatformRoleName.StartsWith(PlatformRolePrefix, StringComparison.Ordinal))
        {
            problems.Add($"platformRoleName {PlatformRoleName} does not start with platformRolePrefix {PlatformRolePrefix}, so the guardrails would not protect it.");
        }

        if (problems.Count > 0)
        {
            throw new PlatformSettingsException(problems);
        }
    }

    [GeneratedRegex("^o-[a-z0-9]{10,32}$")]
    private static partial Regex OrganizationIdPattern();

    [GeneratedRegex("^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$")]
    private static partial Regex OrganizationalUnitPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();
}

/// <summary>
/// The repository the pipeline builds: a CodeStar connection (GitHub, GitLab, Bitbucket) or a CodeCommit repository.
/// Exactly one of the two is set.
/// </summary>
public sealed record PipelineSource
{
    /// <summary>The CodeStar (CodeConnections) connection's ARN.</summary>
    [JsonPropertyName("connectionArn")]
    public string? ConnectionArn { get; init; }

    /// <summary>With a connection: the repository as <c>owner/name</c>.</summary>
    [JsonPropertyName("repository")]
    public string? Repository { get; init; }

    /// <summary>The CodeCommit repository's name.</summary>
    [JsonPropertyName("codeCommitRepository")]
    public string? CodeCommitRepository { get; init; }

    /// <summary>The branch every release is cut from.</summary>
    [JsonPropertyName("branch")]
    public string Branch { get; init; } = "main";

    internal IEnumerable<string> Problems()
    {
        if ((ConnectionArn is null) == (CodeCommitRepository is null))
        {
            yield return "source needs exactly one of connectionArn (with repository) or codeCommitRepository.";
        }

        if (ConnectionArn is not null && Repository?.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            yield return "source.repository must be owner/name when a connection is used.";
        }
    }
}

/// <summary>The platform-wide defaults of the tokens HTTP routes accept; vending may set a tenant's own.</summary>
public sealed partial record TenantAuthentication
{
    /// <summary>The token issuer (an https URL, as in the tokens' <c>iss</c> claim).</summary>
    [JsonPropertyName("issuer")]
    public required string Issuer { get; init; }

    /// <summary>The audience tokens must be issued for (the <c>aud</c> claim).</summary>
    [JsonPropertyName("audience")]
    public required string Audience { get; init; }

    /// <summary>The claim that carries the tenant id; the runtime refuses a token whose tenant is not the account's.</summary>
    [JsonPropertyName("tenantClaim")]
    public string TenantClaim { get; init; } = "tenant_id";

    internal IEnumerable<string> Problems()
    {
        if (!IssuerPattern().IsMatch(Issuer))
        {
            yield return $"authentication.issuer {Issuer} is not an https URL.";
        }

        if (Audience.Length == 0)
        {
            yield return "authentication.audience is empty.";
        }

        if (!ClaimPattern().IsMatch(TenantClaim))
        {
            yield return $"authentication.tenantClaim {TenantClaim} is not a claim name (letters, digits and _ : . / -).";
        }
    }

    [GeneratedRegex(@"^https://\S+$")]
    private static partial Regex IssuerPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_:./-]{1,128}$")]
    private static partial Regex ClaimPattern();
}

/// <summary>The deployment of one region that is not the home region.</summary>
public sealed record RegionalResources(
    [property: JsonPropertyName("artifactBucket")] string ArtifactBucket,
    [property: JsonPropertyName("alarmTopicArn")] string AlarmTopicArn);

/// <summary>The platform settings cannot build a platform.</summary>
public sealed class PlatformSettingsException(IReadOnlyList<string> problems)
    : Exception("The platform settings are not usable:\n  " + string.Join("\n  ", problems))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
