using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;
using CdkAws = Amazon.CDK.Aws;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// The customer managed key the platform's topics are encrypted with. AWS's own <c>aws/sns</c> key cannot be shared,
/// so alarms could not publish to a topic encrypted with it; this key's policy lets CloudWatch publish on behalf of
/// alarms in every member account and in this (monitoring) account, and lets principals of the organization encrypt
/// through SNS only.
/// </summary>
public class TopicEncryptionKey : Construct
{
    private static readonly string[] PublishActions = ["kms:Decrypt", "kms:GenerateDataKey*"];

    /// <summary>Creates the key (rotated yearly, retained when the stack goes) and its policy.</summary>
    public TopicEncryptionKey(Construct scope, string id, string organizationId)
        : base(scope, id)
    {
        Key = new Key(this, "Key", new KeyProps
        {
            Description = "Insight platform topics (fleet alarms, platform events)",
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        // Alarm actions are published by the CloudWatch service principal: aws:SourceOrgID is the organization of the
        // account whose alarm fired, aws:SourceAccount the account itself.
        Key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "MemberAccountAlarmsPublish",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = PublishActions,
            Resources = ["*"],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceOrgID"] = organizationId } },
        }));
        Key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "MonitoringAccountAlarmsPublish",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = PublishActions,
            Resources = ["*"],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = CdkAws.ACCOUNT_ID } },
        }));

        // Functions and roles of member accounts that publish to the alarm topic, through SNS and nothing else.
        Key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "OrganizationPublishesThroughSns",
            Principals = [new AnyPrincipal()],
            Actions = PublishActions,
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["aws:PrincipalOrgID"] = organizationId,
                    ["kms:ViaService"] = $"sns.{CdkAws.REGION}.amazonaws.com",
                },
            },
        }));
    }

    /// <summary>The key.</summary>
    public Key Key { get; }

    /// <summary>Lets <paramref name="publisher"/> publish to topics encrypted with the key.</summary>
    public void GrantPublish(IGrantable publisher) => Key.Grant(publisher, PublishActions);
}
