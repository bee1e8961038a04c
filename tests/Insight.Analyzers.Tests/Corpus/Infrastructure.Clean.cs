// INS106–INS110 near-misses: on-demand tables, concurrency left at zero or given by a per-tenant stack parameter,
// VPCs without NAT gateways or imported, schedules spread per account, stacks left environment-agnostic.

// ==== case: on-demand-table
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        new Table(this, "Scans", new TableProps { PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING }, BillingMode = BillingMode.PAY_PER_REQUEST });
    }
}

// ==== case: table-v2-default-on-demand
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        new TableV2(this, "Events", new TablePropsV2 { PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING } });
    }
}

// ==== case: table-v2-on-demand-explicit
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        new TableV2(this, "Events", new TablePropsV2 { PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING }, Billing = Billing.OnDemand() });
    }
}

// ==== case: cfn-table-pay-per-request
public sealed class Tables : Stack
{
    public Tables(Construct scope) : base(scope, "Tables")
    {
        new CfnTable(this, "Raw", new CfnTableProps { KeySchema = new object[0], BillingMode = "PAY_PER_REQUEST" });
    }
}

// ==== case: table-props-passed-in
public sealed class Tables : Stack
{
    public Tables(Construct scope, TableProps props) : base(scope, "Tables")
    {
        new Table(this, "Given", props);
    }
}

// ==== case: concurrency-zero
public static class Warmth
{
    public static void Keep(Function function) => function.AddAlias("cold", new AliasOptions { ProvisionedConcurrentExecutions = 0 });
}

// ==== case: concurrency-from-stack-parameter
public sealed class Api : Stack
{
    public Api(Construct scope, Function function) : base(scope, "Api")
    {
        var warm = new CfnParameter(this, "WarmInstances", new CfnParameterProps { Type = "Number", Default = 0 });
        function.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = warm.ValueAsNumber });
    }
}

// ==== case: concurrency-from-parameter-token
public sealed class Api : Stack
{
    public Api(Construct scope, Function function, CfnParameter warm) : base(scope, "Api")
    {
        new Alias(this, "Live", new AliasProps { AliasName = "live", Version = function.CurrentVersion, ProvisionedConcurrentExecutions = Token.AsNumber(warm.Value) });
    }
}

// ==== case: concurrency-parameter-through-local
public sealed class Api : Stack
{
    public Api(Construct scope, Function function) : base(scope, "Api")
    {
        var parameter = new CfnParameter(this, "Warm", new CfnParameterProps { Type = "Number", Default = 0 });
        var warm = parameter.ValueAsNumber;
        function.AddAlias("live", new AliasOptions { ProvisionedConcurrentExecutions = warm });
    }
}

// ==== case: reserved-concurrency
public sealed class Api : Stack
{
    public Api(Construct scope, Code code) : base(scope, "Api")
    {
        new Function(this, "Handler", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = code, ReservedConcurrentExecutions = 10 });
    }
}

// ==== case: alias-without-concurrency
public static class Aliases
{
    public static void Add(Function function) => function.AddAlias("plain");
}

// ==== case: vpc-without-nat
public sealed class Network : Stack
{
    public Network(Construct scope) : base(scope, "Network")
    {
        new Vpc(this, "None", new VpcProps { NatGateways = 0, MaxAzs = 2 });
    }
}

// ==== case: vpc-imported
public sealed class Network : Stack
{
    public Network(Construct scope) : base(scope, "Network")
    {
        Vpc.FromLookup(this, "Shared", new VpcLookupOptions { VpcName = "shared" });
    }
}

// ==== case: vpc-props-passed-in
public sealed class Network : Stack
{
    public Network(Construct scope, VpcProps shared) : base(scope, "Network")
    {
        new Vpc(this, "Shared", shared);
    }
}

// ==== case: nat-count-from-settings-object
public sealed class Settings
{
    public int NatGateways { get; set; }

    public static Settings Create() => new() { NatGateways = 2 };
}

// ==== case: cron-minute-from-parameter
public sealed class Jobs : Stack
{
    public Jobs(Construct scope, string slotMinute) : base(scope, "Jobs")
    {
        new Rule(this, "Spread", new RuleProps { Schedule = Schedule.Cron(new CronOptions { Minute = slotMinute, Hour = "2" }) });
    }
}

// ==== case: schedule-expression-given
public sealed class Jobs : Stack
{
    public Jobs(Construct scope, string expression) : base(scope, "Jobs")
    {
        new Rule(this, "Given", new RuleProps { Schedule = Schedule.Expression(expression) });
    }
}

// ==== case: durations-are-not-schedules
public sealed class Api : Stack
{
    public Api(Construct scope, Code code) : base(scope, "Api")
    {
        new Function(this, "Handler", new FunctionProps { Runtime = Runtime.PROVIDED_AL2023, Handler = "bootstrap", Code = code, Timeout = Duration.Minutes(5) });
    }
}

// ==== case: event-pattern-rule
public sealed class Jobs : Stack
{
    public Jobs(Construct scope) : base(scope, "Jobs")
    {
        new Rule(this, "OnScan", new RuleProps { EventPattern = new EventPattern { Source = ["insight.scans"] } });
    }
}

// ==== case: environment-agnostic-stack
public static class Stacks
{
    public static Stack Agnostic(App app) => new Stack(app, "Agnostic", new StackProps { Env = new Amazon.CDK.Environment(), Description = "every account" });

    public static Stack Plain(App app) => new Stack(app, "Plain", new StackProps());
}

// ==== case: stack-env-null
public static class Stacks
{
    public static Stack Service(App app) => new Stack(app, "Service", new StackProps { Env = null, StackName = "scan-ingest" });
}

// ==== case: service-code-with-cdk-like-names
// project: service
public sealed class RuleSettings
{
    public string ScheduleExpression { get; set; } = "rate(1 hour)";
    public int ProvisionedConcurrentExecutions { get; set; } = 2;
}
