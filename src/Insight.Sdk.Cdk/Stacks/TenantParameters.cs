using Amazon.CDK;
using Constructs;

namespace Insight.Sdk.Cdk.Stacks;

/// <summary>
/// The template parameters every tenant account's stack instance sets through StackSet parameter overrides. Nothing
/// account-specific is written into the template itself, so one template serves every account.
/// </summary>
public sealed class TenantParameters
{
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
}
