// INS106–INS110 drift, in CDK code: what costs money in every idle tenant account (provisioned capacity and
// concurrency, NAT gateways), schedules that fire at one moment fleet-wide, stacks pinned to an account or region.

// ==== case: billing-mode-provisioned
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        new Table(this, "Scans", new TableProps
        {
            PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING },
            BillingMode = BillingMode.PROVISIONED, // expect: INS106
            ReadCapacity = 5,
            WriteCapacity = 5,
        });
    }
}

// ==== case: table-props-default-billing
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        new Table(this, "Devices", new TableProps { PartitionKey = new Attribute { Name = "Serial", Type = AttributeType.STRING } }); // expect: INS106
    }
}

// ==== case: capacities-only
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        new Table(this, "Counts", new TableProps { PartitionKey = new Attribute { Name = "Key", Type = AttributeType.STRING }, ReadCapacity = 10, WriteCapacity = 10 }); // expect: INS106
    }
}

// ==== case: cfn-table-provisioned-string
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        new CfnTable(this, "Raw", new CfnTableProps { KeySchema = new object[0], BillingMode = "PROVISIONED" }); // expect: INS106
    }
}

// ==== case: table-v2-provisioned
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        new TableV2(this, "Events", new TablePropsV2
        {
            PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING },
            Billing = Billing.Provisioned(new ThroughputProps { ReadCapacity = Capacity.Fixed(5), WriteCapacity = Capacity.Autoscaled(new AutoscaledCapacityOptions { MaxCapacity = 10 }) }), // expect: INS106
        });
    }
}

// ==== case: props-switched-after-creation
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        var props = new TableProps { PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING }, BillingMode = BillingMode.PAY_PER_REQUEST };
        props.BillingMode = BillingMode.PROVISIONED; // expect: INS106
        new Table(this, "Late", props);
    }
}

// ==== case: alias-options-concurrency
public static class Warmth
{
    public static void Keep(Function function) =>
        function.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = 5 }); // expect: INS107
}

// ==== case: alias-props-concurrency
public sealed class Api : Stack
{
    public Api(Construct scope, Function function) : base(scope, "Api")
    {
        new Alias(this, "Live", new AliasProps { AliasName = "live", Version = function.CurrentVersion, ProvisionedConcurrentExecutions = 2 }); // expect: INS107
    }
}

// ==== case: current-version-options-concurrency
public sealed class Api : Stack
{
    public Api(Construct scope, Code code) : base(scope, "Api")
    {
        new Function(this, "Handler", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = code,
            CurrentVersionOptions = new VersionOptions { ProvisionedConcurrentExecutions = 3 }, // expect: INS107
        });
    }
}

// ==== case: cfn-alias-concurrency-config
public sealed class Api : Stack
{
    public Api(Construct scope) : base(scope, "Api")
    {
        new CfnAlias(this, "Live", new CfnAliasProps
        {
            FunctionName = "handler",
            FunctionVersion = "1",
            Name = "live",
            ProvisionedConcurrencyConfig = new CfnAlias.ProvisionedConcurrencyConfigurationProperty { ProvisionedConcurrentExecutions = 1 }, // expect: INS107
        });
    }
}

// ==== case: concurrency-from-a-constant
public static class Warmth
{
    private const int WarmInstances = 4;

    public static void Keep(Function function) =>
        function.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = WarmInstances }); // expect: INS107
}

// ==== case: vpc-default-nat
public sealed class Network : Stack
{
    public Network(Construct scope) : base(scope, "Network")
    {
        new Vpc(this, "Default"); // expect: INS108
    }
}

// ==== case: vpc-props-without-nat-count
public sealed class Network : Stack
{
    public Network(Construct scope) : base(scope, "Network")
    {
        new Vpc(this, "TwoZones", new VpcProps { MaxAzs = 2 }); // expect: INS108
    }
}

// ==== case: vpc-nat-gateways
public sealed class Network : Stack
{
    public Network(Construct scope) : base(scope, "Network")
    {
        new Vpc(this, "Two", new VpcProps { NatGateways = 2 }); // expect: INS108
    }
}

// ==== case: cfn-nat-gateway
public sealed class Network : Stack
{
    public Network(Construct scope) : base(scope, "Network")
    {
        new CfnNatGateway(this, "Nat", new CfnNatGatewayProps { SubnetId = "subnet-1" }); // expect: INS108
    }
}

// ==== case: schedule-rate
public sealed class Jobs : Stack
{
    public Jobs(Construct scope) : base(scope, "Jobs")
    {
        new Rule(this, "Hourly", new RuleProps { Schedule = Schedule.Rate(Duration.Hours(1)) }); // expect: INS109
    }
}

// ==== case: schedule-cron-fixed-minute
public sealed class Jobs : Stack
{
    public Jobs(Construct scope) : base(scope, "Jobs")
    {
        new Rule(this, "Nightly", new RuleProps { Schedule = Schedule.Cron(new CronOptions { Minute = "0", Hour = "2" }) }); // expect: INS109
    }
}

// ==== case: schedule-expression-literal
public sealed class Jobs : Stack
{
    public Jobs(Construct scope) : base(scope, "Jobs")
    {
        new Rule(this, "Raw", new RuleProps { Schedule = Schedule.Expression("cron(0 2 * * ? *)") }); // expect: INS109
    }
}

// ==== case: cfn-rule-schedule-expression
public sealed class Jobs : Stack
{
    public Jobs(Construct scope) : base(scope, "Jobs")
    {
        new Amazon.CDK.AWS.Events.CfnRule(this, "L1", new Amazon.CDK.AWS.Events.CfnRuleProps { ScheduleExpression = "rate(1 hour)" }); // expect: INS109
    }
}

// ==== case: stack-pinned-account-and-region
public static class Stacks
{
    public static Stack Pinned(App app) => new Stack(app, "Pinned", new StackProps
    {
        Env = new Amazon.CDK.Environment { Account = "123456789012", Region = "eu-central-1" }, // expect: INS110, INS100, INS101
    });
}

// ==== case: stack-pinned-region
public static class Stacks
{
    public static Stack Regional(App app) => new Stack(app, "Regional", new StackProps { Env = new Amazon.CDK.Environment { Region = "eu-west-1" } }); // expect: INS110, INS101
}

// ==== case: stack-pinned-by-variable-environment
public static class Stacks
{
    private static readonly Amazon.CDK.Environment Frankfurt = new() { Region = "eu-central-1" }; // expect: INS101

    public static Stack Create(App app) => new Stack(app, "Service", new StackProps { Env = Frankfurt }); // expect: INS110
}
