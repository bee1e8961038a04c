// Second blind corpus, INS106–INS110 drift: infrastructure that costs per hour in every account or pins the stack,
// from the rule pages only — GSI props, L1 tables, TableV2 billing, aliases and versions, VPC props, Scheduler L1,
// constants, derived props classes, Env set after construction.

// ==== case: gsi-props-with-read-capacity
public sealed class ScansTable : Construct
{
    public ScansTable(Construct scope) : base(scope, "Scans")
    {
        var table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Attribute { Name = "Pk", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = "ByDevice",
            PartitionKey = new Attribute { Name = "DeviceSerial", Type = AttributeType.STRING },
            ReadCapacity = 5, // expect: INS106
        });
    }
}

// ==== case: cfn-table-provisioned-string-and-throughput
public sealed class LegacyTable : Construct
{
    public LegacyTable(Construct scope) : base(scope, "Legacy")
    {
        _ = new CfnTable(this, "Table", new CfnTableProps
        {
            BillingMode = "PROVISIONED", // expect: INS106
            KeySchema = new[] { new CfnTable.KeySchemaProperty { AttributeName = "Pk", KeyType = "HASH" } },
            AttributeDefinitions = new[] { new CfnTable.AttributeDefinitionProperty { AttributeName = "Pk", AttributeType = "S" } },
            ProvisionedThroughput = new CfnTable.ProvisionedThroughputProperty { ReadCapacityUnits = 2, WriteCapacityUnits = 2 },
        });
    }
}

// ==== case: cfn-table-throughput-without-billing-mode
public sealed class CounterTable : Construct
{
    public CounterTable(Construct scope) : base(scope, "Counters")
    {
        _ = new CfnTable(this, "Table", new CfnTableProps
        {
            KeySchema = new[] { new CfnTable.KeySchemaProperty { AttributeName = "Pk", KeyType = "HASH" } },
            AttributeDefinitions = new[] { new CfnTable.AttributeDefinitionProperty { AttributeName = "Pk", AttributeType = "S" } },
            ProvisionedThroughput = new CfnTable.ProvisionedThroughputProperty { ReadCapacityUnits = 1, WriteCapacityUnits = 1 }, // expect: INS106
        });
    }
}

// ==== case: table-v2-provisioned-autoscaled
public sealed class Events2 : Construct
{
    public Events2(Construct scope) : base(scope, "Events")
    {
        _ = new TableV2(this, "Table", new TablePropsV2
        {
            PartitionKey = new Attribute { Name = "Pk", Type = AttributeType.STRING },
            Billing = Billing.Provisioned(new ThroughputProps // expect: INS106
            {
                ReadCapacity = Capacity.Fixed(3),
                WriteCapacity = Capacity.Autoscaled(new AutoscaledCapacityOptions { MaxCapacity = 20 }),
            }),
        });
    }
}

// ==== case: table-props-without-billing-mode-ttl
public sealed class SessionStack : Stack
{
    public SessionStack(Construct scope) : base(scope, "Sessions")
    {
        _ = new Table(this, "Sessions", new TableProps // expect: INS106
        {
            PartitionKey = new Attribute { Name = "SessionId", Type = AttributeType.STRING },
            TimeToLiveAttribute = "ExpiresAt",
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
    }
}

// ==== case: write-capacity-only-on-table
public sealed class Outbox : Construct
{
    public Outbox(Construct scope) : base(scope, "Outbox")
    {
        _ = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Attribute { Name = "Pk", Type = AttributeType.STRING },
            WriteCapacity = 10, // expect: INS106
        });
    }
}

// ==== case: add-alias-options-provisioned
public sealed class ApiFunction : Construct
{
    public ApiFunction(Construct scope) : base(scope, "Api")
    {
        var fn = new Function(this, "Fn", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = Code.FromAsset("dist/api"),
        });
        fn.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = 2 }); // expect: INS107
    }
}

// ==== case: alias-props-from-constant
public sealed class Warm : Construct
{
    private const int WarmEnvironments = 3;

    public Warm(Construct scope, Function fn) : base(scope, "Warm")
    {
        _ = new Alias(this, "Live", new AliasProps
        {
            AliasName = "live",
            Version = fn.CurrentVersion,
            ProvisionedConcurrentExecutions = WarmEnvironments, // expect: INS107
        });
    }
}

// ==== case: cfn-alias-provisioned-config
public sealed class L1Alias : Construct
{
    public L1Alias(Construct scope, Function fn) : base(scope, "L1Alias")
    {
        _ = new CfnAlias(this, "Alias", new CfnAliasProps
        {
            FunctionName = fn.FunctionName,
            FunctionVersion = "$LATEST",
            Name = "live",
            ProvisionedConcurrencyConfig = new CfnAlias.ProvisionedConcurrencyConfigurationProperty { ProvisionedConcurrentExecutions = 5 }, // expect: INS107
        });
    }
}

// ==== case: version-props-provisioned
public sealed class Pinned : Construct
{
    public Pinned(Construct scope, Function fn) : base(scope, "Pinned")
    {
        _ = new Version_(this, "V1", new VersionProps
        {
            Lambda = fn,
            ProvisionedConcurrentExecutions = 1, // expect: INS107
        });
    }
}

// ==== case: current-version-options-on-function-props
public sealed class Ingest : Construct
{
    public Ingest(Construct scope) : base(scope, "Ingest")
    {
        _ = new Function(this, "Fn", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = Code.FromAsset("dist/ingest"),
            CurrentVersionOptions = new VersionOptions { ProvisionedConcurrentExecutions = 4 }, // expect: INS107
        });
    }
}

// ==== case: vpc-props-without-nat-setting
public sealed class Network : Construct
{
    public Network(Construct scope) : base(scope, "Network")
    {
        _ = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2, IpAddresses = IpAddresses.Cidr("10.20.0.0/16") }); // expect: INS108
    }
}

// ==== case: vpc-one-nat-gateway
public sealed class SingleNat : Construct
{
    public SingleNat(Construct scope) : base(scope, "SingleNat")
    {
        _ = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 3,
            NatGateways = 1, // expect: INS108
        });
    }
}

// ==== case: vpc-nat-from-constant
public static class NetworkDefaults
{
    public const int NatPerZone = 2;
}

public sealed class Egress : Construct
{
    public Egress(Construct scope) : base(scope, "Egress")
    {
        _ = new Vpc(this, "Vpc", new VpcProps
        {
            NatGateways = NetworkDefaults.NatPerZone, // expect: INS108
        });
    }
}

// ==== case: cfn-nat-gateway
public sealed class ManualNat : Construct
{
    public ManualNat(Construct scope, ISubnet subnet, CfnEIP ip) : base(scope, "ManualNat")
    {
        _ = new CfnNatGateway(this, "Nat", new CfnNatGatewayProps { SubnetId = subnet.SubnetId, AllocationId = ip.AttrAllocationId }); // expect: INS108
    }
}

// ==== case: rule-rate-hours
public sealed class Compaction : Construct
{
    public Compaction(Construct scope, IFunction fn) : base(scope, "Compaction")
    {
        var rule = new Rule(this, "Every6h", new RuleProps
        {
            Schedule = Schedule.Rate(Duration.Hours(6)), // expect: INS109
        });
        rule.AddTarget(new Amazon.CDK.AWS.Events.Targets.LambdaFunction(fn));
    }
}

// ==== case: cron-without-minute
public sealed class Nightly : Construct
{
    public Nightly(Construct scope) : base(scope, "Nightly")
    {
        _ = new Rule(this, "Nightly", new RuleProps
        {
            Schedule = Schedule.Cron(new CronOptions { Hour = "3", WeekDay = "MON-FRI" }), // expect: INS109
        });
    }
}

// ==== case: cron-with-literal-minute
public sealed class Quarterly : Construct
{
    public Quarterly(Construct scope) : base(scope, "Quarterly")
    {
        _ = new Rule(this, "Q", new RuleProps
        {
            Schedule = Schedule.Cron(new CronOptions { Minute = "15", Hour = "*/4" }), // expect: INS109
        });
    }
}

// ==== case: expression-from-constant
public sealed class Purge : Construct
{
    private const string Midnight = "cron(0 0 * * ? *)";

    public Purge(Construct scope) : base(scope, "Purge")
    {
        _ = new Rule(this, "Purge", new RuleProps { Schedule = Schedule.Expression(Midnight) }); // expect: INS109
    }
}

// ==== case: cfn-rule-schedule-expression
public sealed class Heartbeat : Construct
{
    public Heartbeat(Construct scope, IFunction fn) : base(scope, "Heartbeat")
    {
        _ = new Amazon.CDK.AWS.Events.CfnRule(this, "Beat", new Amazon.CDK.AWS.Events.CfnRuleProps
        {
            ScheduleExpression = "rate(5 minutes)", // expect: INS109
            Targets = new[] { new Amazon.CDK.AWS.Events.CfnRule.TargetProperty { Id = "fn", Arn = fn.FunctionArn } },
        });
    }
}

// ==== case: scheduler-cfn-schedule
using Amazon.CDK.AWS.Scheduler;

public sealed class Reminder : Construct
{
    public Reminder(Construct scope, IFunction fn, IRole role) : base(scope, "Reminder")
    {
        _ = new CfnSchedule(this, "Daily", new CfnScheduleProps
        {
            ScheduleExpression = "cron(30 1 * * ? *)", // expect: INS109
            FlexibleTimeWindow = new CfnSchedule.FlexibleTimeWindowProperty { Mode = "OFF" },
            Target = new CfnSchedule.TargetProperty { Arn = fn.FunctionArn, RoleArn = role.RoleArn },
        });
    }
}

// ==== case: env-region-from-pseudo-parameter
public static class Program
{
    public static void Main()
    {
        var app = new App();
        _ = new Stack(app, "Scans", new StackProps
        {
            Env = new Amazon.CDK.Environment { Region = Aws.REGION }, // expect: INS110
        });
    }
}

// ==== case: env-from-helper-method
public static class Deploy
{
    private static Amazon.CDK.Environment Target() => new() { Account = "123456789012" }; // expect: INS100

    public static Stack Create(App app) => new(app, "Ingest", new StackProps
    {
        Env = Target(), // expect: INS110
    });
}

// ==== case: derived-props-class-with-context-account
public sealed class ServiceStackProps : StackProps
{
    public string? ServiceName { get; init; }
}

public static class Entry
{
    public static void Run(App app) => _ = new Stack(app, "Svc", new ServiceStackProps
    {
        ServiceName = "scans",
        Env = new Amazon.CDK.Environment { Account = app.Node.TryGetContext("account") as string }, // expect: INS110
    });
}

// ==== case: env-assigned-after-construction
public static class Late
{
    public static Stack Create(App app)
    {
        var props = new StackProps { Description = "scans" };
        props.Env = new Amazon.CDK.Environment { Region = "eu-west-1" }; // expect: INS110, INS101
        return new Stack(app, "Late", props);
    }
}

// ==== case: stage-props-env
public static class Pipeline
{
    public static Stage Prod(App app) => new(app, "Prod", new StageProps
    {
        Env = new Amazon.CDK.Environment { Account = Aws.ACCOUNT_ID, Region = Aws.REGION }, // expect: INS110
    });
}
