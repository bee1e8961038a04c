using Insight.Analyzers.Tests.Infrastructure;
using Insight.CodeFixes;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Insight.Analyzers.Tests;

/// <summary>INS106–INS110: what costs money in every idle tenant account, or cannot be deployed to every account.</summary>
public sealed class InfrastructureDriftTests
{
    [Fact]
    public async Task Provisioned_billing_becomes_on_demand_and_the_capacities_go()
    {
        await DriftVerifier.FixAsync<InfrastructureDriftAnalyzer, OnDemandBillingCodeFixProvider>(
            Sources.Infrastructure + """
            public sealed class Tables : Stack
            {
                public Tables(Construct scope) : base(scope, "Tables")
                {
                    new Table(this, "Scans", new TableProps
                    {
                        PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING },
                        {|INS106:BillingMode = BillingMode.PROVISIONED|},
                        ReadCapacity = 5,
                        WriteCapacity = 5,
                    });
                }
            }
            """,
            Sources.Infrastructure + """
            public sealed class Tables : Stack
            {
                public Tables(Construct scope) : base(scope, "Tables")
                {
                    new Table(this, "Scans", new TableProps
                    {
                        PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING },
                        BillingMode = BillingMode.PAY_PER_REQUEST,
                    });
                }
            }
            """,
            TestProject.Infrastructure);
    }

    [Fact]
    public async Task Fix_all_switches_every_table_including_those_left_to_the_provisioned_default()
    {
        await DriftVerifier.FixAsync<InfrastructureDriftAnalyzer, OnDemandBillingCodeFixProvider>(
            Sources.Infrastructure + """
            public sealed class Tables : Stack
            {
                public Tables(Construct scope) : base(scope, "Tables")
                {
                    new Table(this, "Devices", {|INS106:new TableProps
                    {
                        PartitionKey = new Attribute { Name = "Serial", Type = AttributeType.STRING }
                    }|});
                    new Table(this, "Stations", {|INS106:new TableProps { PartitionKey = new Attribute { Name = "Name", Type = AttributeType.STRING } }|});
                    new Table(this, "Counts", new TableProps { PartitionKey = new Attribute { Name = "Key", Type = AttributeType.STRING }, {|INS106:ReadCapacity = 10|}, WriteCapacity = 10 });
                    new CfnTable(this, "Raw", new CfnTableProps { KeySchema = new object[0], {|INS106:BillingMode = "PROVISIONED"|} });
                }
            }
            """,
            Sources.Infrastructure + """
            public sealed class Tables : Stack
            {
                public Tables(Construct scope) : base(scope, "Tables")
                {
                    new Table(this, "Devices", new TableProps
                    {
                        PartitionKey = new Attribute { Name = "Serial", Type = AttributeType.STRING },
                        BillingMode = BillingMode.PAY_PER_REQUEST
                    });
                    new Table(this, "Stations", new TableProps { PartitionKey = new Attribute { Name = "Name", Type = AttributeType.STRING }, BillingMode = BillingMode.PAY_PER_REQUEST });
                    new Table(this, "Counts", new TableProps { PartitionKey = new Attribute { Name = "Key", Type = AttributeType.STRING }, BillingMode = BillingMode.PAY_PER_REQUEST });
                    new CfnTable(this, "Raw", new CfnTableProps { KeySchema = new object[0], BillingMode = "PAY_PER_REQUEST" });
                }
            }
            """,
            TestProject.Infrastructure);
    }

    [Fact]
    public async Task TableV2_provisioned_billing_and_settings_assigned_after_creation_are_fixed_too()
    {
        await DriftVerifier.FixAsync<InfrastructureDriftAnalyzer, OnDemandBillingCodeFixProvider>(
            Sources.Infrastructure + """
            public sealed class Tables : Stack
            {
                public Tables(Construct scope) : base(scope, "Tables")
                {
                    new TableV2(this, "Events", new TablePropsV2
                    {
                        PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING },
                        {|INS106:Billing = Billing.Provisioned(new ThroughputProps { ReadCapacity = Capacity.Fixed(5), WriteCapacity = Capacity.Autoscaled(new AutoscaledCapacityOptions { MaxCapacity = 10 }) })|},
                    });

                    var props = new TableProps { PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING }, BillingMode = BillingMode.PAY_PER_REQUEST };
                    {|INS106:props.BillingMode = BillingMode.PROVISIONED|};
                    {|INS106:props.ReadCapacity = 5|};
                    new Table(this, "Late", props);
                }
            }
            """,
            Sources.Infrastructure + """
            public sealed class Tables : Stack
            {
                public Tables(Construct scope) : base(scope, "Tables")
                {
                    new TableV2(this, "Events", new TablePropsV2
                    {
                        PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING },
                        Billing = Billing.OnDemand(),
                    });

                    var props = new TableProps { PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING }, BillingMode = BillingMode.PAY_PER_REQUEST };
                    props.BillingMode = BillingMode.PAY_PER_REQUEST;
                    new Table(this, "Late", props);
                }
            }
            """,
            TestProject.Infrastructure);
    }

    [Fact]
    public async Task On_demand_tables_are_left_alone()
    {
        await DriftVerifier.AnalyzeAsync<InfrastructureDriftAnalyzer>(Sources.Infrastructure + """
            public sealed class Tables : Stack
            {
                public Tables(Construct scope) : base(scope, "Tables")
                {
                    new Table(this, "Scans", new TableProps
                    {
                        PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING },
                        BillingMode = BillingMode.PAY_PER_REQUEST,
                    });
                    new TableV2(this, "Events", new TablePropsV2 { PartitionKey = new Attribute { Name = "Id", Type = AttributeType.STRING } });
                }
            }
            """, TestProject.Infrastructure);
    }

    [Fact]
    public async Task Provisioned_concurrency_is_reported()
    {
        await DriftVerifier.AnalyzeAsync<InfrastructureDriftAnalyzer>(Sources.Infrastructure + """
            public static class Warmth
            {
                public static void Keep(Function function)
                {
                    function.AddAlias("live", new AliasOptions { {|INS107:ProvisionedConcurrentExecutions = 5|} });
                    function.AddAlias("cold", new AliasOptions { ProvisionedConcurrentExecutions = 0 });
                    function.AddAlias("plain");
                }
            }
            """, TestProject.Infrastructure);
    }

    [Fact]
    public async Task NAT_gateways_are_reported_including_a_Vpcs_default_one_per_zone()
    {
        await DriftVerifier.AnalyzeAsync<InfrastructureDriftAnalyzer>(Sources.Infrastructure + """
            public sealed class Network : Stack
            {
                public Network(Construct scope, VpcProps shared) : base(scope, "Network")
                {
                    {|INS108:new Vpc(this, "Default")|};
                    new Vpc(this, "Two", new VpcProps { {|INS108:NatGateways = 2|} });
                    new Vpc(this, "None", new VpcProps { NatGateways = 0 });
                    new Vpc(this, "Shared", shared);
                    {|INS108:new CfnNatGateway(this, "Nat", new CfnNatGatewayProps { SubnetId = "subnet-1" })|};
                }
            }
            """, TestProject.Infrastructure);
    }

    [Fact]
    public async Task Schedules_at_a_fixed_time_are_reported_and_per_account_minutes_are_not()
    {
        await DriftVerifier.AnalyzeAsync<InfrastructureDriftAnalyzer>(Sources.Infrastructure + """
            public sealed class Schedules : Stack
            {
                public Schedules(Construct scope, string slotMinute, string expression) : base(scope, "Schedules")
                {
                    new Rule(this, "Hourly", new RuleProps { Schedule = {|INS109:Schedule.Rate(Duration.Hours(1))|} });
                    new Rule(this, "Nightly", new RuleProps { Schedule = {|INS109:Schedule.Cron(new CronOptions { Minute = "0", Hour = "2" })|} });
                    new Rule(this, "Raw", new RuleProps { Schedule = {|INS109:Schedule.Expression("cron(0 2 * * ? *)")|} });
                    new Amazon.CDK.AWS.Events.CfnRule(this, "L1", new Amazon.CDK.AWS.Events.CfnRuleProps { {|INS109:ScheduleExpression = "rate(1 hour)"|} });
                    new Rule(this, "Spread", new RuleProps { Schedule = Schedule.Cron(new CronOptions { Minute = slotMinute, Hour = "2" }) });
                    new Rule(this, "Given", new RuleProps { Schedule = Schedule.Expression(expression) });
                }
            }
            """, TestProject.Infrastructure);
    }

    [Fact]
    public async Task A_stack_pinned_to_an_account_or_region_is_reported()
    {
        await DriftVerifier.AnalyzeAsync<InfrastructureDriftAnalyzer>(Sources.Infrastructure + """
            public static class Stacks
            {
                public static Stack Pinned(App app) => new Stack(app, "Pinned", new StackProps
                {
                    {|#0:Env = new Amazon.CDK.Environment { Account = "123456789012", Region = "eu-central-1" }|},
                });

                public static Stack Regional(App app) => new Stack(app, "Regional", new StackProps { {|#1:Env = new Amazon.CDK.Environment { Region = "eu-west-1" }|} });

                public static Stack Agnostic(App app) => new Stack(app, "Agnostic", new StackProps { Env = new Amazon.CDK.Environment(), Description = "every account" });

                public static Stack Plain(App app) => new Stack(app, "Plain", new StackProps());
            }
            """,
            TestProject.Infrastructure,
            expected:
            [
                new DiagnosticResult(DriftRuleIds.PinnedStack, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("account '123456789012' and region 'eu-central-1'"),
                new DiagnosticResult(DriftRuleIds.PinnedStack, DiagnosticSeverity.Warning).WithLocation(1).WithArguments("region 'eu-west-1'"),
            ]);
    }

    [Fact]
    public async Task Service_code_is_not_infrastructure_code()
    {
        await DriftVerifier.AnalyzeAsync<InfrastructureDriftAnalyzer>(Sources.Service + """
            public sealed class Settings
            {
                public int NatGateways { get; set; }

                public static Settings Create() => new() { NatGateways = 2 };
            }
            """);
    }
}
