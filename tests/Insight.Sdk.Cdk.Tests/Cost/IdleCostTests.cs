using Amazon.CDK;
using Insight.Sdk.Cdk.Cost;
using Insight.Sdk.Cdk.Services;
using Insight.Sdk.Cdk.Stacks;
using Insight.Sdk.Cdk.Synthesis;
using Insight.Sdk.Cdk.Templates;

namespace Insight.Sdk.Cdk.Tests.Cost;

[Collection(SynthCollection.Name)]
public sealed class IdleCostTests(SynthesizedFleet fleet)
{
    private IReadOnlyList<CloudFormationTemplate> Samples => [.. fleet.Result.Templates.Select(CloudFormationTemplate.Load)];

    [Fact]
    public void The_samples_idle_account_costs_at_most_five_cents_apart_from_sqs_polling_which_has_its_own_lines()
    {
        var cost = IdleCostModel.EstimateAccount(Samples, new IdleAssumptions());

        Assert.InRange(cost.PerAccountExcludingPolling, 0.0001, IdleBudget.DefaultMonthlyUsd);
        Assert.Empty(cost.Templates.SelectMany(t => t.NotPriced));
        Assert.DoesNotContain(cost.Templates.SelectMany(t => t.Lines), l => l.Category == CostCategory.Alarms);

        // One polling line per SQS-triggered function, naming the poll rate.
        var polling = cost.Templates.SelectMany(t => t.Lines).Where(l => l.Category == CostCategory.QueuePolling).ToList();
        Assert.Equal(3, polling.Count);
        Assert.All(polling, l => Assert.Contains("5 pollers × one ReceiveMessage per 20 s = 657,000 requests a month", l.What, StringComparison.Ordinal));
        Assert.All(polling, l => Assert.Equal("AWS::Lambda::EventSourceMapping", l.ResourceType));

        // 657,000 × 6,000 accounts less the organization's free million, at $0.40 per million.
        var expected = ((657_000.0 * 6000) - 1_000_000) / 6000 / 1_000_000 * 0.40;
        Assert.All(polling, l => Assert.Equal(expected, l.MonthlyUsd, 6));
        Assert.Equal(3 * expected, cost.PerAccountPolling, 6);
    }

    [Fact]
    public void Scheduled_functions_are_what_an_idle_account_runs_and_the_central_alerts_analyze()
    {
        var productivity = IdleCostModel.Estimate(Samples.Single(t => t.Name == "Productivity"), new IdleAssumptions());

        var runs = Assert.Single(productivity.Lines, l => l.Category == CostCategory.ScheduledRuns);
        Assert.Contains("730 runs a month (cron(0 * * * ? *))", runs.What, StringComparison.Ordinal);
        var alerts = Assert.Single(productivity.Lines, l => l.Category == CostCategory.CentralAlerts);

        // Hourly runs fall into one 5-minute evaluation in twelve: 3 metrics × 1/12 × $0.10.
        Assert.Equal(3 * (1.0 / 12) * 0.10, alerts.MonthlyUsd, 6);
    }

    [Fact]
    public void The_per_function_alarm_design_prices_what_the_opt_in_synthesizes_alarm_for_alarm()
    {
        var everyFunction = new InsightServiceOptions
        {
            AlarmedFunctions = fleet.Manifest("ScanIngest").Functions.Select(f => f.Name).ToHashSet(),
            IdleBudget = new IdleBudget(10),
        };
        var app = new App(new AppProps { Outdir = Path.Combine(fleet.Directory, "every-alarm") });
        _ = new InsightServiceStack(app, "ScanIngest", fleet.Manifest("ScanIngest"), everyFunction);
        var alarmed = CloudFormationTemplate.Load(StackSetTemplates.Synthesize(app).Templates.Single());
        var central = Samples.Single(t => t.Name == "ScanIngest");

        var synthesized = IdleCostModel.Estimate(alarmed, new IdleAssumptions());
        var modelled = IdleCostModel.Estimate(central, new IdleAssumptions { Alerts = AlertDesign.PerFunctionAlarms });

        Assert.Equal(alarmed.OfType("AWS::CloudWatch::Alarm").Count(), synthesized.Lines.Count(l => l.Category == CostCategory.Alarms));
        Assert.Equal(5 * 3 + 3, alarmed.OfType("AWS::CloudWatch::Alarm").Count());
        Assert.Equal(synthesized.Lines.Where(l => l.Category == CostCategory.Alarms).Sum(l => l.MonthlyUsd), modelled.Lines.Where(l => l.Category == CostCategory.Alarms).Sum(l => l.MonthlyUsd), 6);

        // The opted-in alarms count in the central design as well; the what-if adds nothing for them.
        var alarmedWhatIf = IdleCostModel.Estimate(alarmed, new IdleAssumptions { Alerts = AlertDesign.PerFunctionAlarms });
        Assert.Equal(synthesized.Lines.Where(l => l.Category == CostCategory.Alarms).Sum(l => l.MonthlyUsd), alarmedWhatIf.Lines.Where(l => l.Category == CostCategory.Alarms).Sum(l => l.MonthlyUsd), 6);
    }

    [Fact]
    public void The_samples_with_per_function_alarms_hold_44_alarms_per_account()
    {
        var cost = IdleCostModel.EstimateAccount(Samples, new IdleAssumptions { Alerts = AlertDesign.PerFunctionAlarms });

        var alarms = cost.Templates.SelectMany(t => t.Lines).Where(l => l.Category == CostCategory.Alarms).Sum(l => l.MonthlyUsd);
        Assert.Equal(4.40, alarms, 6);
        Assert.DoesNotContain(cost.Templates.SelectMany(t => t.Lines), l => l.Category == CostCategory.CentralAlerts);
    }
}

/// <summary>The model on hand-written templates: what it prices, what it calls free, what it refuses to guess.</summary>
public sealed class IdleCostModelTests
{
    private static TemplateIdleCost Estimate(string resources, string extra = "") =>
        IdleCostModel.Estimate(CloudFormationTemplate.Parse("T", $$"""{ {{extra}} "Resources": { {{resources}} } }"""), new IdleAssumptions { Accounts = 1000 });

    [Fact]
    public void Unknown_resource_types_are_listed_as_not_priced_never_as_zero()
    {
        var cost = Estimate("""
            "Db": { "Type": "AWS::RDS::DBInstance", "Properties": { "DBInstanceClass": "db.t4g.micro" } },
            "Role": { "Type": "AWS::IAM::Role", "Properties": {} }
            """);

        var notPriced = Assert.Single(cost.NotPriced);
        Assert.Equal("Db", notPriced.LogicalId);
        Assert.Contains("AWS::RDS::DBInstance", notPriced.What, StringComparison.Ordinal);
        Assert.Equal(CostCategory.FreeAtRest, cost.Lines.Single(l => l.LogicalId == "Role").Category);
    }

    [Fact]
    public void Resources_billed_by_the_hour_or_month_are_priced_from_the_table()
    {
        var cost = Estimate("""
            "Nat": { "Type": "AWS::EC2::NatGateway", "Properties": {} },
            "Key": { "Type": "AWS::KMS::Key", "Properties": {} },
            "Endpoint": { "Type": "AWS::EC2::VPCEndpoint", "Properties": { "VpcEndpointType": "Interface", "SubnetIds": ["a", "b"] } },
            "Table": { "Type": "AWS::DynamoDB::Table", "Properties": { "BillingMode": "PROVISIONED", "ProvisionedThroughput": { "ReadCapacityUnits": 5, "WriteCapacityUnits": 5 } } },
            "Busy": { "Type": "AWS::CloudWatch::Alarm", "Properties": { "MetricName": "Errors", "Period": 10 } },
            "Math": { "Type": "AWS::CloudWatch::Alarm", "Properties": { "Metrics": [ { "Id": "a", "MetricStat": { "Metric": { "MetricName": "A" }, "Period": 300, "Stat": "Sum" } }, { "Id": "b", "MetricStat": { "Metric": { "MetricName": "B" }, "Period": 300, "Stat": "Sum" } }, { "Id": "e", "Expression": "a/b" } ] } }
            """);

        double Usd(string id) => cost.Lines.Single(l => l.LogicalId == id).MonthlyUsd;
        Assert.Equal(0.045 * 730, Usd("Nat"), 6);
        Assert.Equal(1.00, Usd("Key"), 6);
        Assert.Equal(0.01 * 2 * 730, Usd("Endpoint"), 6);
        Assert.Equal(((5 * 0.00013) + (5 * 0.00065)) * 730, Usd("Table"), 6);
        Assert.Equal(0.30, Usd("Busy"), 6);
        Assert.Equal(0.20, Usd("Math"), 6);
    }

    [Fact]
    public void A_schedule_written_with_mappings_and_parameters_is_resolved_as_an_account_would_see_it()
    {
        const string extra = """
            "Parameters": { "Slot": { "Type": "String", "Default": "S07" } },
            "Mappings": { "Minutes": { "S07": { "Every15": "7" } } },
            """;
        var cost = Estimate("""
            "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "MemorySize": 1024, "Architectures": ["arm64"] } },
            "Tick": { "Type": "AWS::Events::Rule", "Properties": { "ScheduleExpression": { "Fn::Join": ["", ["cron(", { "Fn::FindInMap": ["Minutes", { "Ref": "Slot" }, "Every15"] }, "/15 * * * ? *)"]] }, "Targets": [ { "Arn": { "Fn::GetAtt": ["Fn", "Arn"] }, "Id": "t" } ] } }
            """, extra);

        var runs = Assert.Single(cost.Lines, l => l.Category == CostCategory.ScheduledRuns);
        Assert.Contains("cron(7/15 * * * ? *)", runs.What, StringComparison.Ordinal);
        Assert.Contains("2,920 runs a month", runs.What, StringComparison.Ordinal);
        Assert.Equal(2920 * ((0.20 / 1_000_000) + (0.5 * 1 * 0.0000133334)), runs.MonthlyUsd, 8);

        // Every 15 minutes is in every 5-minute evaluation's range one time in three.
        Assert.Equal(3 * (1.0 / 3) * 0.10, cost.Lines.Single(l => l.Category == CostCategory.CentralAlerts).MonthlyUsd, 6);
    }

    [Fact]
    public void Within_the_organization_s_free_requests_polling_costs_nothing()
    {
        var queue = """
            "Q": { "Type": "AWS::SQS::Queue", "Properties": {} },
            "Esm": { "Type": "AWS::Lambda::EventSourceMapping", "Properties": { "EventSourceArn": { "Fn::GetAtt": ["Q", "Arn"] } } }
            """;

        var one = IdleCostModel.Estimate(CloudFormationTemplate.Parse("T", $$"""{ "Resources": { {{queue}} } }"""), new IdleAssumptions { Accounts = 1 });
        var provisioned = Estimate(queue.Replace("\"EventSourceArn\"", "\"ProvisionedPollerConfig\": { \"MinimumPollers\": 2 }, \"EventSourceArn\"", StringComparison.Ordinal));

        Assert.Equal(0, one.QueuePolling);
        Assert.Single(provisioned.NotPriced);
    }

    [Theory]
    [InlineData("rate(1 hour)", 730)]
    [InlineData("rate(5 minutes)", 8760)]
    [InlineData("rate(1 day)", 30.416666)]
    [InlineData("cron(0 6 * * ? *)", 30.416666)]
    [InlineData("cron(0/15 * * * ? *)", 2920)]
    [InlineData("cron(0 8 ? * MON-FRI *)", 21.726190)]
    [InlineData("cron(30 1,13 * * ? *)", 60.833333)]
    public void Schedule_expressions_count_their_runs_a_month(string expression, double runs) =>
        Assert.Equal(runs, ScheduleFrequency.RunsPerMonth(expression, 730)!.Value, 4);

    [Fact]
    public void Every_price_names_its_source_and_date()
    {
        Assert.All(PriceTable.Default.All, p =>
        {
            Assert.StartsWith("https://aws.amazon.com/", p.Source, StringComparison.Ordinal);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", p.Checked);
        });
        Assert.Equal(0.10, PriceTable.Default["cloudwatch.alarm.standard"].Usd);
    }
}
