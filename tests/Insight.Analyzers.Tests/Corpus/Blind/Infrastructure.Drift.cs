// Blind corpus, INS106–INS110 drift in CDK code, written from the rule pages only: capacity and concurrency billed
// in every idle account, NAT gateways, schedules firing at one moment fleet-wide, stacks pinned to an environment.

// ==== case: provisioned-billing-mode
public sealed class ScansStack : Stack
{
    public ScansStack(Construct scope) : base(scope, "Scans")
    {
        _ = new Table(this, "Scans", new TableProps
        {
            PartitionKey = new Attribute { Name = "DeviceSerial", Type = AttributeType.STRING },
            SortKey = new Attribute { Name = "ScannedAt", Type = AttributeType.NUMBER },
            BillingMode = BillingMode.PROVISIONED, // expect: INS106
            ReadCapacity = 2,
            WriteCapacity = 2,
        });
    }
}

// ==== case: table-props-from-helper-without-billing
public sealed class DevicesStack : Stack
{
    public DevicesStack(Construct scope) : base(scope, "Devices")
    {
        _ = new Table(this, "Devices", new TableProps { PartitionKey = Keys.Serial(), TimeToLiveAttribute = "ExpiresAt" }); // expect: INS106
    }
}
// ---- file: Keys.cs
public static class Keys
{
    public static Attribute Serial() => new() { Name = "Serial", Type = AttributeType.STRING };
}

// ==== case: table-v2-provisioned-billing
public sealed class CountersStack : Stack
{
    public CountersStack(Construct scope) : base(scope, "Counters")
    {
        _ = new TableV2(this, "Counters", new TablePropsV2
        {
            PartitionKey = new Attribute { Name = "Key", Type = AttributeType.STRING },
            Billing = Billing.Provisioned(new ThroughputProps { ReadCapacity = Capacity.Fixed(5), WriteCapacity = Capacity.Autoscaled(new AutoscaledCapacityOptions { MaxCapacity = 20 }) }), // expect: INS106
        });
    }
}

// ==== case: cfn-table-provisioned-string
public sealed class RawStack : Stack
{
    public RawStack(Construct scope) : base(scope, "Raw")
    {
        _ = new CfnTable(this, "Raw", new CfnTableProps
        {
            KeySchema = new[] { new CfnTable.KeySchemaProperty { AttributeName = "Id", KeyType = "HASH" } },
            AttributeDefinitions = new[] { new CfnTable.AttributeDefinitionProperty { AttributeName = "Id", AttributeType = "S" } },
            BillingMode = "PROVISIONED", // expect: INS106
            ProvisionedThroughput = new CfnTable.ProvisionedThroughputProperty { ReadCapacityUnits = 1, WriteCapacityUnits = 1 },
        });
    }
}

// ==== case: cfn-table-throughput-only
public sealed class LegacyStack : Stack
{
    public LegacyStack(Construct scope) : base(scope, "Legacy")
    {
        _ = new CfnTable(this, "Legacy", new CfnTableProps
        {
            KeySchema = new[] { new CfnTable.KeySchemaProperty { AttributeName = "Pk", KeyType = "HASH" } },
            AttributeDefinitions = new[] { new CfnTable.AttributeDefinitionProperty { AttributeName = "Pk", AttributeType = "S" } },
            ProvisionedThroughput = new CfnTable.ProvisionedThroughputProperty { ReadCapacityUnits = 5, WriteCapacityUnits = 5 }, // expect: INS106
        });
    }
}

// ==== case: index-with-capacity
public sealed class IndexedStack : Stack
{
    public IndexedStack(Construct scope) : base(scope, "Indexed")
    {
        var table = new Table(this, "Orders", new TableProps
        {
            PartitionKey = new Attribute { Name = "OrderId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = "ByCustomer",
            PartitionKey = new Attribute { Name = "Customer", Type = AttributeType.STRING },
            ReadCapacity = 5, // expect: INS106
            WriteCapacity = 5,
        });
    }
}

// ==== case: alias-props-provisioned-concurrency
public sealed class ApiStack : Stack
{
    public ApiStack(Construct scope) : base(scope, "Api")
    {
        var fn = new Function(this, "Api", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = Code.FromAsset("api") });
        _ = new Alias(this, "Live", new AliasProps
        {
            AliasName = "live",
            Version = fn.CurrentVersion,
            ProvisionedConcurrentExecutions = 5, // expect: INS107
        });
    }
}

// ==== case: add-alias-options
public sealed class IngestStack : Stack
{
    public IngestStack(Construct scope) : base(scope, "Ingest")
    {
        var fn = new Function(this, "Ingest", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = Code.FromAsset("ingest") });
        fn.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = 2 }); // expect: INS107
    }
}

// ==== case: concurrency-constant-in-another-file
public sealed class WarmStack : Stack
{
    public WarmStack(Construct scope) : base(scope, "Warm")
    {
        var fn = new Function(this, "Reports", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = Code.FromAsset("reports") });
        fn.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = Warmth.Instances }); // expect: INS107
    }
}
// ---- file: Warmth.cs
public static class Warmth
{
    public const int Instances = 3;
}

// ==== case: cfn-alias-concurrency-config
public sealed class CfnAliasStack : Stack
{
    public CfnAliasStack(Construct scope) : base(scope, "CfnAlias")
    {
        _ = new CfnAlias(this, "Live", new CfnAliasProps
        {
            FunctionName = "ingest",
            FunctionVersion = "1",
            Name = "live",
            ProvisionedConcurrencyConfig = new CfnAlias.ProvisionedConcurrencyConfigurationProperty { ProvisionedConcurrentExecutions = 4 }, // expect: INS107
        });
    }
}

// ==== case: current-version-options
public sealed class VersionedStack : Stack
{
    public VersionedStack(Construct scope) : base(scope, "Versioned")
    {
        _ = new Function(this, "Export", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = Code.FromAsset("export"),
            CurrentVersionOptions = new VersionOptions { ProvisionedConcurrentExecutions = 1 }, // expect: INS107
        });
    }
}

// ==== case: vpc-without-props
public sealed class NetworkStack : Stack
{
    public NetworkStack(Construct scope) : base(scope, "Network")
    {
        var vpc = new Vpc(this, "Vpc"); // expect: INS108
    }
}

// ==== case: vpc-props-without-nat-setting
public sealed class PrivateStack : Stack
{
    public PrivateStack(Construct scope) : base(scope, "Private")
    {
        _ = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2, IpAddresses = IpAddresses.Cidr("10.10.0.0/16") }); // expect: INS108
    }
}

// ==== case: one-nat-gateway
public sealed class CheapNatStack : Stack
{
    public CheapNatStack(Construct scope) : base(scope, "CheapNat")
    {
        _ = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 1,
            NatGateways = 1, // expect: INS108
        });
    }
}

// ==== case: cfn-nat-gateway
public sealed class RawNatStack : Stack
{
    public RawNatStack(Construct scope) : base(scope, "RawNat")
    {
        _ = new CfnNatGateway(this, "Nat", new CfnNatGatewayProps { SubnetId = "subnet-1", AllocationId = "eipalloc-1" }); // expect: INS108
    }
}

// ==== case: rule-with-rate
public sealed class CompactionStack : Stack
{
    public CompactionStack(Construct scope) : base(scope, "Compaction")
    {
        _ = new Rule(this, "Hourly", new RuleProps { Schedule = Schedule.Rate(Duration.Hours(1)) }); // expect: INS109
    }
}

// ==== case: cron-fixed-minute
public sealed class NightlyStack : Stack
{
    public NightlyStack(Construct scope) : base(scope, "Nightly")
    {
        _ = new Rule(this, "Nightly", new RuleProps
        {
            Schedule = Schedule.Cron(new CronOptions { Hour = "2", Minute = "0" }), // expect: INS109
        });
    }
}

// ==== case: cron-minute-absent
public sealed class MorningStack : Stack
{
    public MorningStack(Construct scope) : base(scope, "Morning")
    {
        _ = new Rule(this, "Report", new RuleProps { Schedule = Schedule.Cron(new CronOptions { Hour = "6", WeekDay = "MON-FRI" }) }); // expect: INS109
    }
}

// ==== case: expression-from-constant
public sealed class ExpressionStack : Stack
{
    private const string Nightly = "cron(30 1 * * ? *)";

    public ExpressionStack(Construct scope) : base(scope, "Expression")
    {
        _ = new Rule(this, "Nightly", new RuleProps { Schedule = Schedule.Expression(Nightly) }); // expect: INS109
    }
}

// ==== case: cfn-rule-rate
public sealed class CfnRuleStack : Stack
{
    public CfnRuleStack(Construct scope) : base(scope, "CfnRule")
    {
        _ = new Amazon.CDK.AWS.Events.CfnRule(this, "Poll", new Amazon.CDK.AWS.Events.CfnRuleProps
        {
            ScheduleExpression = "rate(5 minutes)", // expect: INS109
            State = "ENABLED",
        });
    }
}

// ==== case: scheduler-cfn-schedule
public sealed class SchedulerStack : Stack
{
    public SchedulerStack(Construct scope) : base(scope, "Scheduler")
    {
        var target = new CfnParameter(this, "DigestTarget");
        var role = new CfnParameter(this, "DigestRole");
        _ = new Amazon.CDK.AWS.Scheduler.CfnSchedule(this, "Digest", new Amazon.CDK.AWS.Scheduler.CfnScheduleProps
        {
            ScheduleExpression = "cron(0 7 * * ? *)", // expect: INS109
            FlexibleTimeWindow = new Amazon.CDK.AWS.Scheduler.CfnSchedule.FlexibleTimeWindowProperty { Mode = "OFF" },
            Target = new Amazon.CDK.AWS.Scheduler.CfnSchedule.TargetProperty { Arn = target.ValueAsString, RoleArn = role.ValueAsString },
        });
    }
}

// ==== case: env-from-cdk-default-variables
public static class PinnedProgram
{
    public static void Main()
    {
        var app = new App();
        _ = new Stack(app, "Service", new StackProps
        {
            Env = new Amazon.CDK.Environment { Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"), Region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION") }, // expect: INS110
        });
    }
}

// ==== case: env-from-helper-in-another-file
public static class ServiceProgram
{
    public static void Main()
    {
        var app = new App();
        _ = new Stack(app, "Service", new StackProps { Env = Environments.Production() }); // expect: INS110
    }
}
// ---- file: Environments.cs
public static class Environments
{
    public static Amazon.CDK.Environment Production() => new() { Region = Aws.REGION };
}

// ==== case: env-region-only-in-stack-subclass
public sealed class RegionalStack : Stack
{
    public RegionalStack(Construct scope, string region) : base(scope, "Regional", new StackProps { Env = new Amazon.CDK.Environment { Region = region } }) // expect: INS110
    {
    }
}
