using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Lambda;
using Constructs;

var app = new App();
_ = new DriftingStack(app, new StackProps
{
    Env = new Amazon.CDK.Environment { Account = "123456789012", Region = "eu-central-1" }, // expect: warning INS110, warning INS100, warning INS101
});
app.Synth();

/// <summary>A stack that costs money in every idle tenant account, and cannot be deployed to every account.</summary>
internal sealed class DriftingStack : Stack
{
    public DriftingStack(Construct scope, IStackProps props)
        : base(scope, "Drifting", props)
    {
        _ = new Table(this, "Scans", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "EventId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PROVISIONED, // expect: warning INS106
            ReadCapacity = 5,
            WriteCapacity = 5,
        });

        var function = Function.FromFunctionArn(this, "Ingest", "arn:aws:lambda:eu-central-1:123456789012:function:ingest"); // expect: warning INS100
        _ = new Vpc(this, "Network"); // expect: warning INS108
        _ = new Rule(this, "Hourly", new RuleProps { Schedule = Schedule.Rate(Duration.Hours(1)) }); // expect: warning INS109
        _ = new Alias(this, "Live", new AliasProps
        {
            AliasName = "live",
            Version = function.LatestVersion,
            ProvisionedConcurrentExecutions = 10, // expect: warning INS107
        });
    }
}
