using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SNS;
using Constructs;
using Insight.Sdk.Fleet;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// The central infrastructure account's stack: the release pipeline, the artifact bucket tenant accounts read packages
/// from, one stack set per service, account vending, the guardrails and the fleet's one alarm topic. Unlike a service
/// stack it is deployed once, to one account, so it may name that account and its region.
/// </summary>
public class PlatformStack : Stack
{
    /// <summary>The stack parameter holding the release (commit) every stack set deploys; the pipeline sets it.</summary>
    public const string ReleaseParameterName = "ReleaseVersion";

    /// <summary>Creates the platform for <paramref name="services"/>.</summary>
    /// <exception cref="PlatformSettingsException">The settings are not usable.</exception>
    public PlatformStack(Construct scope, PlatformSettings settings, IReadOnlyList<PlatformService> services)
        : base(scope, settings.StackName, new StackProps
        {
            Description = "Insight platform: release pipeline, service stack sets, account vending, guardrails and fleet alarms.",
            Env = settings.Account is null && settings.Region is null ? null : new Amazon.CDK.Environment { Account = settings.Account, Region = settings.Region },
        })
    {
        settings.Validate();
        Settings = settings;
        Services = services;

        var release = new CfnParameter(this, ReleaseParameterName, new CfnParameterProps
        {
            Type = "String",
            Default = string.Empty,
            AllowedPattern = "^[A-Za-z0-9._-]{0,64}$",
            Description = "The release (commit) the service stack sets deploy; empty until the pipeline has published one.",
        });
        var hasRelease = new CfnCondition(this, "HasRelease", new CfnConditionProps
        {
            Expression = Fn.ConditionNot(Fn.ConditionEquals(release.ValueAsString, string.Empty)),
        });

        ArtifactBucket = new Bucket(this, "Artifacts", new BucketProps
        {
            Versioned = true,
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        // Tenant accounts' deployments (the StackSets execution role) fetch function packages from here.
        ArtifactBucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "OrganizationReadsReleases",
            Effect = Effect.ALLOW,
            Principals = [new AnyPrincipal()],
            Actions = ["s3:GetObject"],
            Resources = [ArtifactBucket.ArnForObjects("*")],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = settings.OrganizationId } },
        }));

        TopicKey = new TopicEncryptionKey(this, "TopicKey", settings.OrganizationId);
        Notifications = new Topic(this, "PlatformEvents", new TopicProps { DisplayName = "Insight platform events (vending, release approvals)", MasterKey = TopicKey.Key });
        Alarms = new CentralAlarmTopic(this, "FleetAlarms", settings.OrganizationId, TopicKey);
        StackSets = new ServiceStackSets(this, "ServiceStackSets", settings, services, ArtifactBucket, Alarms.Topic.TopicArn, release.ValueAsString, hasRelease);
        Vending = new AccountVending(this, "AccountVending", settings, StackSets, Notifications);
        TopicKey.GrantPublish(Vending.StateMachine);
        Guardrails = new Guardrails(this, "Guardrails", settings);
        Pipeline = new ReleasePipeline(this, "Release", settings, services, ArtifactBucket, StackSets, Notifications, TopicKey);

        _ = new CfnOutput(this, "AlarmTopicArn", new CfnOutputProps { Value = Alarms.Topic.TopicArn, Description = "Every tenant stack's AlarmTopicArn." });
        _ = new CfnOutput(this, "ArtifactBucketName", new CfnOutputProps { Value = ArtifactBucket.BucketName, Description = "Function packages and StackSet templates, by release." });
        _ = new CfnOutput(this, "VendingStateMachineArn", new CfnOutputProps { Value = Vending.StateMachine.StateMachineArn, Description = "Start an execution per tenant to vend its account." });
        _ = new CfnOutput(this, "RegistryTableName", new CfnOutputProps { Value = Vending.Registry.TableName, Description = "The tenant registry." });
    }

    /// <summary>The settings the platform was built from.</summary>
    public PlatformSettings Settings { get; }

    /// <summary>The services deployed to every tenant account.</summary>
    public IReadOnlyList<PlatformService> Services { get; }

    /// <summary>The bucket holding every release's packages and templates.</summary>
    public Bucket ArtifactBucket { get; }

    /// <summary>The key both topics are encrypted with.</summary>
    public TopicEncryptionKey TopicKey { get; }

    /// <summary>The topic for platform events: vending results and release approvals.</summary>
    public Topic Notifications { get; }

    /// <summary>The fleet's alarm topic.</summary>
    public CentralAlarmTopic Alarms { get; }

    /// <summary>The services' stack sets.</summary>
    public ServiceStackSets StackSets { get; }

    /// <summary>Account vending and the tenant registry.</summary>
    public AccountVending Vending { get; }

    /// <summary>The Organizations policies.</summary>
    public Guardrails Guardrails { get; }

    /// <summary>The release pipeline.</summary>
    public ReleasePipeline Pipeline { get; }

    /// <summary>What runbooks and <c>insight fleet</c> need to know about this platform.</summary>
    public FleetDescription Describe() => new(
        Settings.StackName,
        Settings.Region,
        Settings.TenantsOrganizationalUnitId,
        Settings.CallAs,
        [.. Services.Select(s => Settings.StackSetName(s.Name))],
        [.. StackSets.Regions.Where(r => !Token.IsUnresolved(r))],
        Settings.RegistryTableName,
        Settings.PlatformRoleName,
        Settings.Rollout);
}
