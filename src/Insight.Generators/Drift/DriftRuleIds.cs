namespace Insight.Generators.Drift;

/// <summary>
/// Ids of the drift rules and the keys of the facts an analyzer hands its code fix. This file is linked into
/// Insight.CodeFixes, so analyzers and fixes share the ids without the fixes loading the analyzer assembly.
/// </summary>
internal static class DriftRuleIds
{
    public const string HardCodedAccount = "INS100";
    public const string HardCodedRegionOrName = "INS101";
    public const string TenantSpecificBehaviour = "INS102";
    public const string PayloadTenantId = "INS103";
    public const string HandBuiltClient = "INS104";
    public const string EnvironmentVariableInHandler = "INS105";
    public const string ProvisionedBilling = "INS106";
    public const string ProvisionedConcurrency = "INS107";
    public const string NatGateway = "INS108";
    public const string ScheduleWithoutJitter = "INS109";
    public const string PinnedStack = "INS110";
    public const string VersionDrift = "INS111";
}

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that tell a code fix what to write.</summary>
internal static class DriftFixProperties
{
    /// <summary>C# expression of a <c>TenantContext</c> in scope at the diagnostic (<c>tenant</c>, <c>invocation.Tenant</c>).</summary>
    public const string TenantExpression = "TenantExpression";

    /// <summary>"true" when no tenant is in scope but the code is in a handler's HandleAsync, which can take one.</summary>
    public const string AddTenantParameter = "AddTenantParameter";

    /// <summary>The <c>TenantContext</c> member that replaces the flagged expression: TenantId, AccountId or Region.</summary>
    public const string TenantMember = "TenantMember";

    /// <summary>"true" in infrastructure (CDK) code: the deploying account and region are <c>Aws.ACCOUNT_ID</c>/<c>Aws.REGION</c>.</summary>
    public const string Infrastructure = "Infrastructure";

    /// <summary>"true" when the account field of a flagged ARN is to be replaced.</summary>
    public const string ArnAccount = "ArnAccount";

    /// <summary>"true" when the region field of a flagged ARN is to be replaced.</summary>
    public const string ArnRegion = "ArnRegion";

    /// <summary>"true" when the flagged expression is a <c>RegionEndpoint</c> field, replaced by a lookup of the tenant's region.</summary>
    public const string RegionEndpoint = "RegionEndpoint";

    /// <summary>Metadata name of the service interface a hand-built AWS client implements (Amazon.DynamoDBv2.IAmazonDynamoDB).</summary>
    public const string ClientInterface = "ClientInterface";

    /// <summary>"true" when a DynamoDB table's props leave billing to CDK's provisioned default and the fix adds on-demand billing.</summary>
    public const string AddBillingMode = "AddBillingMode";

    public const string True = "true";
}
