using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// The one topic every tenant account's alarms notify, defined once in the platform (observability) account. Its
/// policy admits the whole organization and nobody else, so a new tenant account can publish the moment it exists
/// and no per-account grant is ever written. Every alarm name carries the tenant and the account
/// (<c>insight-{tenant}-{account}-{service}-{function}-{metric}</c>), so one topic can serve 6,000 accounts.
/// </summary>
public class CentralAlarmTopic : Construct
{
    /// <summary>Creates the topic, encrypted with <paramref name="key"/>, and its organization-wide publish policy.</summary>
    public CentralAlarmTopic(Construct scope, string id, string organizationId, TopicEncryptionKey key)
        : base(scope, id)
    {
        Topic = new Topic(this, "Topic", new TopicProps { DisplayName = "Insight fleet alarms (every tenant account)", MasterKey = key.Key });

        // Principals of member accounts (functions, roles) publish under the caller's organization.
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "MemberAccountsPublish",
            Effect = Effect.ALLOW,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = organizationId } },
        }));

        // Alarm actions are published by the CloudWatch service principal, which belongs to no organization;
        // aws:SourceOrgID holds the organization of the account whose alarm fired.
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "MemberAccountAlarmsPublish",
            Effect = Effect.ALLOW,
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceOrgID"] = organizationId } },
        }));
    }

    /// <summary>The topic; its ARN is every service stack's <c>AlarmTopicArn</c> parameter.</summary>
    public Topic Topic { get; }
}
