using Amazon.CDK;
using Constructs;

namespace Insight.Sdk.Cdk.Stacks;

/// <summary>
/// The template parameters every tenant account's stack instance sets through StackSet parameter overrides. Nothing
/// account-specific is written into the template itself, so one template serves every account.
/// </summary>
public sealed class TenantParameters
{
    /// <summary>The HTTP API's steady request rate per second, unless an account's overrides say otherwise.</summary>
    public const int DefaultApiRateLimit = 50;

    /// <summary>The HTTP API's burst, unless an account's overrides say otherwise.</summary>
    public const int DefaultApiBurstLimit = 100;

    internal TenantParameters(Construct scope)
    {
        TenantId = new CfnParameter(scope, "TenantId", new CfnParameterProps
        {
            Type = "String",
            AllowedPattern = Insight.Sdk.Fleet.TenantId.Pattern,
            Description = "The tenant this account serves (lower-case letters, digits and hyphens).",
        });
        TenantSettings = new CfnParameter(scope, "TenantSettings", new CfnParameterProps
        {
            Type = "String",
            Default = "{}",
            Description = "Tenant settings as JSON, passed to every function as INSIGHT_TENANT_SETTINGS.",
        });
        ArtifactBucket = new CfnParameter(scope, "ArtifactBucket", new CfnParameterProps
        {
            Type = "String",
            Description = "The organization-shared bucket (in the deployment region) that holds the functions' packages.",
        });
        AlarmTopicArn = new CfnParameter(scope, "AlarmTopicArn", new CfnParameterProps
        {
            Type = "String",
            Description = "The platform's topic that alarms notify (in the central observability account).",
        });
        EventBusName = new CfnParameter(scope, "EventBusName", new CfnParameterProps
        {
            Type = "String",
            Default = "default",
            Description = "The tenant's event bus the rules listen on.",
        });
        ScheduleSlot = new CfnParameter(scope, "ScheduleSlot", new CfnParameterProps
        {
            Type = "String",
            Default = "S00",
            AllowedValues = ScheduleSlots.All,
            Description = "The account's minute slot for schedules (S00-S59), so scheduled work is spread across the fleet; see ScheduleSlots.ForAccount.",
        });
        JwtIssuer = new CfnParameter(scope, "JwtIssuer", new CfnParameterProps
        {
            Type = "String",
            AllowedPattern = "^https://\\S+$",
            Description = "The issuer (iss) of the tokens this tenant's HTTP routes accept: the platform default, or the tenant's own identity provider, set at vending.",
        });
        JwtAudience = new CfnParameter(scope, "JwtAudience", new CfnParameterProps
        {
            Type = "String",
            MinLength = 1,
            Description = "The audience (aud) the tokens must be issued for.",
        });
        TenantClaim = new CfnParameter(scope, "TenantClaim", new CfnParameterProps
        {
            Type = "String",
            Default = TenantContext.DefaultTenantClaim,
            AllowedPattern = "^[A-Za-z0-9_:./-]{1,128}$",
            Description = "The token claim that names the caller's tenant; the runtime answers 403 when it is not this account's tenant.",
        });
        ApiRateLimit = new CfnParameter(scope, "ApiRateLimit", new CfnParameterProps
        {
            Type = "Number",
            Default = DefaultApiRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MinValue = 1,
            Description = "Steady requests per second the tenant's HTTP API accepts across its routes (API Gateway stage throttling).",
        });
        ApiBurstLimit = new CfnParameter(scope, "ApiBurstLimit", new CfnParameterProps
        {
            Type = "Number",
            Default = DefaultApiBurstLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MinValue = 1,
            Description = "Requests the tenant's HTTP API accepts in a burst.",
        });
    }

    /// <summary>The tenant id.</summary>
    public CfnParameter TenantId { get; }

    /// <summary>Tenant settings as JSON.</summary>
    public CfnParameter TenantSettings { get; }

    /// <summary>The bucket with the functions' packages.</summary>
    public CfnParameter ArtifactBucket { get; }

    /// <summary>The topic alarms notify.</summary>
    public CfnParameter AlarmTopicArn { get; }

    /// <summary>The tenant's event bus.</summary>
    public CfnParameter EventBusName { get; }

    /// <summary>The account's schedule slot.</summary>
    public CfnParameter ScheduleSlot { get; }

    /// <summary>The issuer of the tokens the HTTP routes accept.</summary>
    public CfnParameter JwtIssuer { get; }

    /// <summary>The audience the tokens must carry.</summary>
    public CfnParameter JwtAudience { get; }

    /// <summary>The claim that names the caller's tenant.</summary>
    public CfnParameter TenantClaim { get; }

    /// <summary>The HTTP API's steady request rate.</summary>
    public CfnParameter ApiRateLimit { get; }

    /// <summary>The HTTP API's burst.</summary>
    public CfnParameter ApiBurstLimit { get; }
}
