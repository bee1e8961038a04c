// Blind corpus, INS106–INS110 near-misses in CDK code, written from the rule pages only: on-demand tables, concurrency
// from stack parameters, VPCs without NAT, schedules placed per account, environment-agnostic stacks.

// ==== case: pay-per-request-table
public sealed class ScansStack : Stack
{
    public ScansStack(Construct scope) : base(scope, "Scans")
    {
        _ = new Table(this, "Scans", new TableProps
        {
            PartitionKey = new Attribute { Name = "DeviceSerial", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
        });
    }
}

// ==== case: table-v2-default
public sealed class DevicesStack : Stack
{
    public DevicesStack(Construct scope) : base(scope, "Devices")
    {
        _ = new TableV2(this, "Devices", new TablePropsV2 { PartitionKey = new Attribute { Name = "Serial", Type = AttributeType.STRING } });
    }
}

// ==== case: table-v2-on-demand
public sealed class CountersStack : Stack
{
    public CountersStack(Construct scope) : base(scope, "Counters")
    {
        _ = new TableV2(this, "Counters", new TablePropsV2 { PartitionKey = new Attribute { Name = "Key", Type = AttributeType.STRING }, Billing = Billing.OnDemand() });
    }
}

// ==== case: cfn-table-pay-per-request
public sealed class RawStack : Stack
{
    public RawStack(Construct scope) : base(scope, "Raw")
    {
        _ = new CfnTable(this, "Raw", new CfnTableProps
        {
            KeySchema = new[] { new CfnTable.KeySchemaProperty { AttributeName = "Id", KeyType = "HASH" } },
            AttributeDefinitions = new[] { new CfnTable.AttributeDefinitionProperty { AttributeName = "Id", AttributeType = "S" } },
            BillingMode = "PAY_PER_REQUEST",
        });
    }
}

// ==== case: index-on-on-demand-table
public sealed class IndexedStack : Stack
{
    public IndexedStack(Construct scope) : base(scope, "Indexed")
    {
        var table = new Table(this, "Orders", new TableProps
        {
            PartitionKey = new Attribute { Name = "OrderId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps { IndexName = "ByCustomer", PartitionKey = new Attribute { Name = "Customer", Type = AttributeType.STRING } });
    }
}

// ==== case: alias-without-concurrency
public sealed class ApiStack : Stack
{
    public ApiStack(Construct scope) : base(scope, "Api")
    {
        var fn = new Function(this, "Api", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = Code.FromAsset("api") });
        fn.AddAlias("live");
    }
}

// ==== case: concurrency-zero
public sealed class ZeroStack : Stack
{
    public ZeroStack(Construct scope) : base(scope, "Zero")
    {
        var fn = new Function(this, "Fn", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = Code.FromAsset("fn") });
        fn.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = 0 });
    }
}

// ==== case: concurrency-from-parameter
public sealed class WarmStack : Stack
{
    public WarmStack(Construct scope) : base(scope, "Warm")
    {
        var warm = new CfnParameter(this, "WarmInstances", new CfnParameterProps { Type = "Number", Default = 0 });
        var fn = new Function(this, "Fn", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = Code.FromAsset("fn") });
        fn.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = warm.ValueAsNumber });
    }
}

// ==== case: concurrency-from-parameter-through-field
public sealed class WarmFieldStack : Stack
{
    private readonly double _warm;

    public WarmFieldStack(Construct scope) : base(scope, "WarmField")
    {
        _warm = Token.AsNumber(new CfnParameter(this, "Warm", new CfnParameterProps { Type = "Number", Default = 0 }).Value);
        var fn = new Function(this, "Fn", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = Code.FromAsset("fn") });
        _ = new Alias(this, "Live", new AliasProps { AliasName = "live", Version = fn.CurrentVersion, ProvisionedConcurrentExecutions = _warm });
    }
}

// ==== case: reserved-concurrency
public sealed class ReservedStack : Stack
{
    public ReservedStack(Construct scope) : base(scope, "Reserved")
    {
        _ = new Function(this, "Fn", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = Code.FromAsset("fn"),
            ReservedConcurrentExecutions = 10,
            Timeout = Duration.Minutes(1),
        });
    }
}

// ==== case: vpc-without-nat
public sealed class NetworkStack : Stack
{
    public NetworkStack(Construct scope) : base(scope, "Network")
    {
        var vpc = new Vpc(this, "Vpc", new VpcProps { NatGateways = 0, MaxAzs = 2 });
        vpc.AddGatewayEndpoint("Dynamo", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB });
    }
}

// ==== case: vpc-props-from-elsewhere
public sealed class SharedNetworkStack : Stack
{
    public SharedNetworkStack(Construct scope, VpcProps props) : base(scope, "SharedNetwork")
    {
        _ = new Vpc(this, "Vpc", props);
    }
}

// ==== case: interface-endpoint
public sealed class EndpointStack : Stack
{
    public EndpointStack(Construct scope, IVpc vpc) : base(scope, "Endpoints")
    {
        _ = new InterfaceVpcEndpoint(this, "Sqs", new InterfaceVpcEndpointProps { Vpc = vpc, Service = InterfaceVpcEndpointAwsService.SQS });
    }
}

// ==== case: cron-minute-from-slot-parameter
public sealed class NightlyStack : Stack
{
    public NightlyStack(Construct scope) : base(scope, "Nightly")
    {
        var slot = new CfnParameter(this, "ScheduleSlot", new CfnParameterProps { Type = "String" });
        _ = new Rule(this, "Nightly", new RuleProps { Schedule = Schedule.Cron(new CronOptions { Hour = "2", Minute = slot.ValueAsString }) });
    }
}

// ==== case: cron-minute-from-mapping
public sealed class MappedStack : Stack
{
    public MappedStack(Construct scope) : base(scope, "Mapped")
    {
        var slots = new CfnMapping(this, "Slots", new CfnMappingProps { Mapping = new Dictionary<string, IDictionary<string, object>> { ["123"] = new Dictionary<string, object> { ["Minute"] = "7" } } });
        var minute = slots.FindInMap(Aws.ACCOUNT_ID, "Minute");
        _ = new Rule(this, "Digest", new RuleProps { Schedule = Schedule.Cron(new CronOptions { Hour = "5", Minute = minute }) });
    }
}

// ==== case: expression-computed-from-parameter
public sealed class ComputedStack : Stack
{
    public ComputedStack(Construct scope) : base(scope, "Computed")
    {
        var slot = new CfnParameter(this, "ScheduleSlot", new CfnParameterProps { Type = "String" });
        _ = new Rule(this, "Compact", new RuleProps { Schedule = Schedule.Expression($"cron({slot.ValueAsString} 3 * * ? *)") });
    }
}

// ==== case: event-pattern-rule
public sealed class PatternStack : Stack
{
    public PatternStack(Construct scope) : base(scope, "Pattern")
    {
        _ = new Rule(this, "Scans", new RuleProps { EventPattern = new EventPattern { Source = ["proglove.scanner"], DetailType = ["scan"] } });
    }
}

// ==== case: stack-without-env
public static class AgnosticProgram
{
    public static void Main()
    {
        var app = new App();
        _ = new Stack(app, "Service", new StackProps { Description = "deployed to every tenant account", TerminationProtection = true });
        app.Synth();
    }
}

// ==== case: empty-environment
public static class EmptyEnvProgram
{
    public static void Main()
    {
        var app = new App();
        _ = new Stack(app, "Service", new StackProps { Env = new Amazon.CDK.Environment() });
    }
}

// ==== case: null-environment
public sealed class NullEnvStack : Stack
{
    public NullEnvStack(Construct scope) : base(scope, "NullEnv", new StackProps { Env = null, StackName = "scans" })
    {
    }
}

// ==== case: comments-and-durations
public sealed class CommentedStack : Stack
{
    // BillingMode.PROVISIONED and Schedule.Rate(...) were removed: every account paid for them.
    public CommentedStack(Construct scope) : base(scope, "Commented")
    {
        _ = new Table(this, "Ttl", new TableProps
        {
            PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            TimeToLiveAttribute = "ExpiresAt",
        });
        var retention = Duration.Days(30);
    }
}

// ==== case: concurrency-from-parameter-through-local
public sealed class WarmLocalStack : Stack
{
    public WarmLocalStack(Construct scope) : base(scope, "WarmLocal")
    {
        var warmParameter = new CfnParameter(this, "Warm", new CfnParameterProps { Type = "Number", Default = 0 });
        var warm = warmParameter.ValueAsNumber;
        var fn = new Function(this, "Fn", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = Code.FromAsset("fn") });
        fn.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = warm });
    }
}
