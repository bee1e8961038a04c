// Second blind corpus, INS106–INS110 near-misses: on-demand tables, reserved or parameterised concurrency, VPCs
// without NAT, schedules placed per account, stacks without Env, durations that are not schedules — all silent.

// ==== case: table-pay-per-request-with-gsi
public sealed class Scans : Construct
{
    public Scans(Construct scope) : base(scope, "Scans")
    {
        var table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Attribute { Name = "Pk", Type = AttributeType.STRING },
            SortKey = new Attribute { Name = "Sk", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = "ByDevice",
            PartitionKey = new Attribute { Name = "DeviceSerial", Type = AttributeType.STRING },
        });
    }
}

// ==== case: table-v2-default-billing
public sealed class Devices : Construct
{
    public Devices(Construct scope) : base(scope, "Devices")
    {
        _ = new TableV2(this, "Table", new TablePropsV2 { PartitionKey = new Attribute { Name = "Serial", Type = AttributeType.STRING } });
    }
}

// ==== case: table-v2-on-demand-with-max-throughput
public sealed class Stations : Construct
{
    public Stations(Construct scope) : base(scope, "Stations")
    {
        _ = new TableV2(this, "Table", new TablePropsV2
        {
            PartitionKey = new Attribute { Name = "Pk", Type = AttributeType.STRING },
            Billing = Billing.OnDemand(new MaxThroughputProps { MaxReadRequestUnits = 100, MaxWriteRequestUnits = 50 }),
        });
    }
}

// ==== case: cfn-table-pay-per-request
public sealed class Audit : Construct
{
    public Audit(Construct scope) : base(scope, "Audit")
    {
        _ = new CfnTable(this, "Table", new CfnTableProps
        {
            BillingMode = "PAY_PER_REQUEST",
            KeySchema = new[] { new CfnTable.KeySchemaProperty { AttributeName = "Pk", KeyType = "HASH" } },
            AttributeDefinitions = new[] { new CfnTable.AttributeDefinitionProperty { AttributeName = "Pk", AttributeType = "S" } },
        });
    }
}

// ==== case: alias-with-zero-provisioned
public sealed class Api : Construct
{
    public Api(Construct scope, Function fn) : base(scope, "Api")
    {
        fn.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = 0, Description = "live traffic" });
    }
}

// ==== case: reserved-concurrency-only
public sealed class Throttled : Construct
{
    public Throttled(Construct scope) : base(scope, "Throttled")
    {
        _ = new Function(this, "Fn", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = Code.FromAsset("dist/throttled"),
            ReservedConcurrentExecutions = 5,
            Timeout = Duration.Seconds(30),
        });
    }
}

// ==== case: provisioned-from-parameter-value-as-number
public sealed class TenantWarm : Stack
{
    public TenantWarm(Construct scope, Function fn) : base(scope, "TenantWarm")
    {
        var warm = new CfnParameter(this, "WarmEnvironments", new CfnParameterProps { Type = "Number", Default = 0 });
        _ = new Alias(this, "Live", new AliasProps { AliasName = "live", Version = fn.CurrentVersion, ProvisionedConcurrentExecutions = warm.ValueAsNumber });
    }
}

// ==== case: provisioned-from-token-field
public sealed class TenantWarmField : Stack
{
    private readonly double _warm;

    public TenantWarmField(Construct scope, Function fn) : base(scope, "TenantWarmField")
    {
        var parameter = new CfnParameter(this, "Warm", new CfnParameterProps { Type = "Number", Default = 0 });
        _warm = Token.AsNumber(parameter.Value);
        fn.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = _warm });
    }
}

// ==== case: vpc-without-nat-and-endpoints
public sealed class PrivateNetwork : Construct
{
    public PrivateNetwork(Construct scope) : base(scope, "Private")
    {
        var vpc = new Vpc(this, "Vpc", new VpcProps
        {
            NatGateways = 0,
            SubnetConfiguration = [new SubnetConfiguration { Name = "isolated", SubnetType = SubnetType.PRIVATE_ISOLATED }],
        });
        vpc.AddGatewayEndpoint("Dynamo", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB });
        vpc.AddInterfaceEndpoint("Sqs", new InterfaceVpcEndpointOptions { Service = InterfaceVpcEndpointAwsService.SQS });
    }
}

// ==== case: imported-vpc
public sealed class Imported : Construct
{
    public Imported(Construct scope) : base(scope, "Imported")
    {
        var vpc = Vpc.FromVpcAttributes(this, "Vpc", new VpcAttributes { VpcId = "vpc-0abc", AvailabilityZones = ["a", "b"] });
        _ = new SecurityGroup(this, "Sg", new SecurityGroupProps { Vpc = vpc });
    }
}

// ==== case: vpc-props-passed-in
public sealed class SharedNetwork : Construct
{
    public SharedNetwork(Construct scope, IVpcProps props) : base(scope, "Shared")
    {
        _ = new Vpc(this, "Vpc", props);
    }
}

// ==== case: cron-minute-from-parameter
public sealed class SlotSchedule : Stack
{
    public SlotSchedule(Construct scope) : base(scope, "Slot")
    {
        var slot = new CfnParameter(this, "ScheduleSlot", new CfnParameterProps { Type = "String", Default = "0" });
        _ = new Rule(this, "Nightly", new RuleProps
        {
            Schedule = Schedule.Cron(new CronOptions { Minute = slot.ValueAsString, Hour = "2" }),
        });
    }
}

// ==== case: cron-minute-from-mapping
public sealed class MappedSchedule : Stack
{
    public MappedSchedule(Construct scope) : base(scope, "Mapped")
    {
        var minute = Fn.FindInMap("Slots", Aws.ACCOUNT_ID, "Minute");
        _ = new Rule(this, "Hourly", new RuleProps { Schedule = Schedule.Cron(new CronOptions { Minute = minute }) });
    }
}

// ==== case: expression-interpolated-from-parameter
public sealed class SlotExpression : Stack
{
    public SlotExpression(Construct scope) : base(scope, "SlotExpression")
    {
        var slot = new CfnParameter(this, "ScheduleSlot", new CfnParameterProps { Type = "String", Default = "0" });
        _ = new Rule(this, "Daily", new RuleProps { Schedule = Schedule.Expression($"cron({slot.ValueAsString} 4 * * ? *)") });
    }
}

// ==== case: cfn-rule-event-pattern-only
public sealed class OnScan : Construct
{
    public OnScan(Construct scope, IFunction fn) : base(scope, "OnScan")
    {
        _ = new Amazon.CDK.AWS.Events.CfnRule(this, "Scan", new Amazon.CDK.AWS.Events.CfnRuleProps
        {
            EventPattern = new Dictionary<string, object> { ["detail-type"] = new[] { "scan" } },
            Targets = new[] { new Amazon.CDK.AWS.Events.CfnRule.TargetProperty { Id = "fn", Arn = fn.FunctionArn } },
            Description = "Runs for every scan; no rate(5 minutes) polling any more",
        });
    }
}

// ==== case: stack-without-env
public static class Program
{
    public static void Main()
    {
        var app = new App();
        _ = new Stack(app, "Scans", new StackProps { Description = "scan ingest", StackName = "scans" });
        app.Synth();
    }
}

// ==== case: env-null-and-empty-environment
public static class Stacks
{
    public static void Add(App app)
    {
        _ = new Stack(app, "A", new StackProps { Env = null });
        _ = new Stack(app, "B", new StackProps { Env = new Amazon.CDK.Environment() });
    }
}

// ==== case: handler-schedule-attribute-in-service
// project: service
[EventHandler(Trigger = Trigger.Schedule, Schedule = "rate(1 hour)")]
public sealed partial class CompactScans
{
    public Task HandleAsync(ScheduledEvent tick, CancellationToken ct) => Task.CompletedTask;
}

// ==== case: durations-that-are-not-schedules
public sealed class Timeouts : Construct
{
    public Timeouts(Construct scope) : base(scope, "Timeouts")
    {
        _ = new Function(this, "Fn", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = Code.FromAsset("dist/fn"),
            Timeout = Duration.Minutes(5),
        });
        _ = new Topic(this, "Alerts", new TopicProps { DisplayName = "cron(0 2 * * ? *) failures" });
    }
}

// ==== case: stack-region-read-for-naming
public sealed class Naming : Stack
{
    public Naming(Construct scope) : base(scope, "Naming")
    {
        _ = new CfnOutput(this, "Where", new CfnOutputProps { Value = $"{Stack.Of(this).Region}/{Stack.Of(this).Account}" });
    }
}

// ==== case: nat-gateway-mentioned-in-comment
public sealed class NoNat : Construct
{
    // We removed the CfnNatGateway and the Vpc's NatGateways = 2 here: functions reach DynamoDB through endpoints.
    public NoNat(Construct scope) : base(scope, "NoNat")
    {
        _ = new Vpc(this, "Vpc", new VpcProps { NatGateways = 0, MaxAzs = 2 });
    }
}

// ==== case: cfn-alias-without-provisioned-config
public sealed class PlainAlias : Construct
{
    public PlainAlias(Construct scope, Function fn) : base(scope, "PlainAlias")
    {
        _ = new CfnAlias(this, "Alias", new CfnAliasProps { FunctionName = fn.FunctionName, FunctionVersion = "$LATEST", Name = "live" });
    }
}

// ==== case: table-props-variable-with-on-demand
public sealed class Archive : Construct
{
    public Archive(Construct scope) : base(scope, "Archive")
    {
        var props = new TableProps
        {
            PartitionKey = new Attribute { Name = "Pk", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
        };
        _ = new Table(this, "Table", props);
    }
}
