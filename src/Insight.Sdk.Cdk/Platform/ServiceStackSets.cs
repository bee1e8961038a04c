using Amazon.CDK;
using CfnStackSet = Amazon.CDK.AWS.CloudFormation.CfnStackSet;
using CfnStackSetProps = Amazon.CDK.AWS.CloudFormation.CfnStackSetProps;
using Amazon.CDK.AWS.S3;
using Constructs;
using CdkAws = Amazon.CDK.Aws;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>A service of the monorepo: the name of its stack (and manifest) and the project that builds its functions.</summary>
public sealed record PlatformService(string Name, string Project);

/// <summary>
/// One service-managed StackSet per service, targeting the tenants organizational unit, so every tenant account gets
/// one stack instance of every service. A release is a new template URL: CloudFormation turns the change into one
/// StackSet update operation per service, run with the rollout's operation preferences.
/// </summary>
/// <remarks>
/// Automatic deployment creates the instances of an account that joins the tenants unit with the stack set's own
/// parameter values — StackSets does not apply per-account overrides to automatically deployed instances — so the
/// stack set carries <see cref="UnassignedTenant"/> as its tenant, and account vending pins each account's tenant
/// values with per-account overrides right after the account joins the unit.
/// </remarks>
public class ServiceStackSets : Construct
{
    /// <summary>The tenant id automatically deployed instances carry until vending sets the account's own.</summary>
    public const string UnassignedTenant = "unassigned";

    private readonly Dictionary<string, CfnStackSet> _stackSets = new(StringComparer.Ordinal);

    /// <summary>Creates a stack set per service; they exist only once a release has been published (<paramref name="hasRelease"/>).</summary>
    public ServiceStackSets(
        Construct scope,
        string id,
        PlatformSettings settings,
        IReadOnlyList<PlatformService> services,
        IBucket artifactBucket,
        string alarmTopicArn,
        string release,
        CfnCondition hasRelease)
        : base(scope, id)
    {
        Settings = settings;
        Regions = settings.RolloutRegions(Stack.Of(this).Region);
        var rollout = settings.Rollout;
        foreach (var service in services)
        {
            var stackSet = new CfnStackSet(this, service.Name, new CfnStackSetProps
            {
                StackSetName = settings.StackSetName(service.Name),
                Description = $"Insight service {service.Name}: one stack instance per tenant account.",
                PermissionModel = "SERVICE_MANAGED",
                CallAs = settings.CallAs,
                AutoDeployment = new CfnStackSet.AutoDeploymentProperty { Enabled = true, RetainStacksOnAccountRemoval = true },

                // Vending adds one account while a release rolls out; managed execution queues it instead of failing.
                // The property is untyped in the CDK, so its key is written as CloudFormation spells it.
                ManagedExecution = new Dictionary<string, object> { ["Active"] = true },
                Capabilities = ["CAPABILITY_IAM"],
                TemplateUrl = artifactBucket.UrlForObject(ReleaseArtifacts.TemplateKey(service.Name, release)),
                OperationPreferences = new CfnStackSet.OperationPreferencesProperty
                {
                    MaxConcurrentPercentage = rollout.MaxConcurrentPercentage,
                    FailureTolerancePercentage = rollout.FailureTolerancePercentage,
                    ConcurrencyMode = rollout.ConcurrencyMode,
                    RegionConcurrencyType = rollout.RegionConcurrency,
                    RegionOrder = [.. Regions],
                },
                Parameters = StackSetParameters(artifactBucket.BucketName, alarmTopicArn, settings.Authentication).Select(Parameter).ToArray(),
                StackInstancesGroup = InstanceGroups().ToArray(),
            });
            stackSet.CfnOptions.Condition = hasRelease;

            // Removing a stack set from the template must never delete every tenant's stacks.
            stackSet.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
            _stackSets[service.Name] = stackSet;
        }
    }

    /// <summary>The settings the stack sets follow.</summary>
    public PlatformSettings Settings { get; }

    /// <summary>The regions stack instances are deployed to, in rollout order.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>The stack sets by service name.</summary>
    public IReadOnlyDictionary<string, CfnStackSet> StackSets => _stackSets;

    /// <summary>The service template parameter with the issuer HTTP routes accept tokens from.</summary>
    public const string JwtIssuerParameter = "JwtIssuer";

    /// <summary>The service template parameter with the audience HTTP routes accept tokens for.</summary>
    public const string JwtAudienceParameter = "JwtAudience";

    /// <summary>The service template parameter naming the token claim that carries the tenant.</summary>
    public const string TenantClaimParameter = "TenantClaim";

    /// <summary>
    /// The names of the template parameters every service stack declares (see <see cref="Stacks.TenantParameters"/>);
    /// a retry re-uses each one's previous value.
    /// </summary>
    public static IReadOnlyList<string> ParameterNames { get; } =
    [
        "TenantId", "TenantSettings", "ArtifactBucket", "AlarmTopicArn", "EventBusName", "ScheduleSlot",
        JwtIssuerParameter, JwtAudienceParameter, TenantClaimParameter, "ApiRateLimit", "ApiBurstLimit",
    ];

    /// <summary>
    /// The per-account values vending sets: the tenant, its settings, its schedule slot and who may call its HTTP
    /// routes (the token issuer, audience and tenant claim: the platform's defaults unless the tenant has its own).
    /// </summary>
    public static IReadOnlyList<string> TenantParameterNames { get; } =
        ["TenantId", "TenantSettings", "ScheduleSlot", JwtIssuerParameter, JwtAudienceParameter, TenantClaimParameter];

    /// <summary>
    /// The resources the StackSet actions are granted on, as IAM's service authorization reference lists them: the
    /// <c>stackset</c> (<c>stackset/{name}:{id}</c>, the platform's prefix), the <c>stackset-target</c>
    /// (<c>stackset-target/{name}:{id}/{target}</c>, in every region) and the <c>type</c>
    /// (<c>type/resource/{type}</c>, AWS's own resource types only; public types have no account in their ARN). The
    /// instance actions (Create/Update/DeleteStackInstances, UpdateStackSet) require all three.
    /// </summary>
    public static IReadOnlyList<string> IamResources(PlatformSettings settings) =>
    [
        $"arn:{CdkAws.PARTITION}:cloudformation:{CdkAws.REGION}:{CdkAws.ACCOUNT_ID}:stackset/{settings.StackSetNamePrefix}*",
        $"arn:{CdkAws.PARTITION}:cloudformation:*:{CdkAws.ACCOUNT_ID}:stackset-target/{settings.StackSetNamePrefix}*",
        $"arn:{CdkAws.PARTITION}:cloudformation:*:*:type/resource/AWS-*",
    ];

    /// <summary>The overrides a region other than the home region needs: its own package bucket and alarm topic.</summary>
    public IReadOnlyDictionary<string, string> RegionalOverrides(string region) =>
        Settings.OtherRegions.TryGetValue(region, out var resources)
            ? new Dictionary<string, string> { ["ArtifactBucket"] = resources.ArtifactBucket, ["AlarmTopicArn"] = resources.AlarmTopicArn }
            : new Dictionary<string, string>();

    private static IEnumerable<(string Key, string Value)> StackSetParameters(string artifactBucket, string alarmTopicArn, TenantAuthentication authentication) =>
    [
        ("TenantId", UnassignedTenant),
        ("TenantSettings", "{}"),
        ("ArtifactBucket", artifactBucket),
        ("AlarmTopicArn", alarmTopicArn),
        ("EventBusName", "default"),
        ("ScheduleSlot", "S00"),
        (JwtIssuerParameter, authentication.Issuer),
        (JwtAudienceParameter, authentication.Audience),
        (TenantClaimParameter, authentication.TenantClaim),
        ("ApiRateLimit", Stacks.TenantParameters.DefaultApiRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("ApiBurstLimit", Stacks.TenantParameters.DefaultApiBurstLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private IEnumerable<CfnStackSet.StackInstancesProperty> InstanceGroups()
    {
        var target = new CfnStackSet.DeploymentTargetsProperty { OrganizationalUnitIds = [Settings.TenantsOrganizationalUnitId] };
        var home = Regions.Where(r => RegionalOverrides(r).Count == 0).ToArray();
        if (home.Length > 0)
        {
            yield return new CfnStackSet.StackInstancesProperty { DeploymentTargets = target, Regions = home };
        }

        foreach (var region in Regions.Where(r => RegionalOverrides(r).Count > 0))
        {
            yield return new CfnStackSet.StackInstancesProperty
            {
                DeploymentTargets = target,
                Regions = [region],
                ParameterOverrides = RegionalOverrides(region).Select(o => Parameter((o.Key, o.Value))).ToArray(),
            };
        }
    }

    private static CfnStackSet.ParameterProperty Parameter((string Key, string Value) parameter) =>
        new() { ParameterKey = parameter.Key, ParameterValue = parameter.Value };
}
