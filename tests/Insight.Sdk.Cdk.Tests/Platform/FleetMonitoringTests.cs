using System.Text.Json;
using Amazon.CDK;
using Insight.Sdk.Cdk.Platform;
using Insight.Sdk.Manifest;

namespace Insight.Sdk.Cdk.Tests.Platform;

/// <summary>Telemetry links in the account baseline, the alerts in the monitoring accounts, and vending's part in both.</summary>
[Collection(SynthCollection.Name)]
public sealed class FleetMonitoringTests(SynthesizedFleet fleet)
{
    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    private static (string Id, JsonElement Properties) StackSet(string name) =>
        Platform.Template.Resources("AWS::CloudFormation::StackSet").Single(s => s.Properties.GetProperty("StackSetName").GetString() == name);

    private static JsonElement Body((string Id, JsonElement Properties) stackSet) =>
        JsonDocument.Parse(stackSet.Properties.GetProperty("TemplateBody").GetString()!).RootElement.Clone();

    [Fact]
    public void The_account_baseline_holds_one_telemetry_link_per_account_deployed_to_every_tenant_account()
    {
        var baseline = StackSet("insight-account-baseline");
        var template = Body(baseline);

        var link = Assert.Single(template.Resources("AWS::Oam::Link"));
        Assert.Single(template.GetProperty("Resources").EnumerateObject());
        Assert.Equal("MonitoringSink1", link.Properties.GetProperty("SinkIdentifier").GetProperty("Ref").GetString());
        Assert.Equal(["AWS::CloudWatch::Metric"], link.Properties.GetProperty("ResourceTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Namespace IN ('AWS/Lambda', 'AWS/SQS')", link.Properties.GetProperty("LinkConfiguration").GetProperty("MetricConfiguration").GetProperty("Filter").GetString());

        var properties = baseline.Properties;
        Assert.Equal("SERVICE_MANAGED", properties.GetProperty("PermissionModel").GetString());
        Assert.True(properties.GetProperty("AutoDeployment").GetProperty("Enabled").GetBoolean());
        var group = Assert.Single(properties.GetProperty("StackInstancesGroup").EnumerateArray());
        Assert.Equal([Platform.Settings.TenantsOrganizationalUnitId], group.GetProperty("DeploymentTargets").GetProperty("OrganizationalUnitIds").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public void Each_monitoring_account_holds_a_sink_for_the_organization_and_each_alert_once_grouped_by_account_and_function()
    {
        var monitoring = StackSet("insight-monitoring-1");
        var template = Body(monitoring);

        var sink = Assert.Single(template.Resources("AWS::Oam::Sink")).Properties;
        var statement = sink.GetProperty("Policy").GetProperty("Statement")[0];
        Assert.Equal(["oam:CreateLink", "oam:UpdateLink"], statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(Platform.Settings.OrganizationId, statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:PrincipalOrgID").GetString());

        var alarms = template.Resources("AWS::CloudWatch::Alarm").Select(a => a.Properties).ToList();
        var names = alarms.Select(a => a.GetProperty("AlarmName").GetString()!).ToList();
        Assert.Contains("insight-ScanIngest-Errors", names);
        Assert.Contains("insight-ScanIngest-FailedDeliveries", names);
        Assert.Equal(names.Count, names.Distinct().Count());
        foreach (var alarm in alarms)
        {
            var query = alarm.GetProperty("Metrics")[0].GetProperty("Expression").GetString()!;
            Assert.StartsWith("SELECT ", query, StringComparison.Ordinal);
            Assert.Matches(@"GROUP BY AWS\.AccountId, (FunctionName|QueueName) ORDER BY (SUM|MAX)\(\) DESC LIMIT 500$", query);
            Assert.Equal("AlarmTopicArn", alarm.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString());
        }

        var errors = alarms.Single(a => a.GetProperty("AlarmName").GetString() == "insight-ScanIngest-Errors");
        Assert.Equal("SELECT SUM(Errors) FROM SCHEMA(\"AWS/Lambda\", FunctionName) WHERE FunctionName LIKE 'ScanIngest-%' GROUP BY AWS.AccountId, FunctionName ORDER BY SUM() DESC LIMIT 500",
            errors.GetProperty("Metrics")[0].GetProperty("Expression").GetString());

        // Deployed to the planned monitoring accounts of the monitoring unit, with the fleet's alarm topic.
        var group = Assert.Single(monitoring.Properties.GetProperty("StackInstancesGroup").EnumerateArray());
        var targets = group.GetProperty("DeploymentTargets");
        Assert.Equal("INTERSECTION", targets.GetProperty("AccountFilterType").GetString());
        Assert.Equal(Platform.Settings.Monitoring!.Accounts, targets.GetProperty("Accounts").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("FleetAlarms", monitoring.Properties.GetProperty("Parameters")[0].GetProperty("ParameterValue").Target(), StringComparison.Ordinal);
    }

    [Fact]
    public void Vending_assigns_each_account_a_monitoring_range_and_links_it_to_that_range_s_sink()
    {
        var plan = AlertPlan.For([.. Infra.FleetApp.Services.Select(s => MonitoredService.From(s.Manifest!))], Platform.Settings.Monitoring!.PlannedAccounts);
        var assigned = Jsonata.Evaluate(Platform.JsonataExpression("AssignMonitoringRange"),
        [
            new { monitoringCounter = new { Attributes = new { assigned = new { N = "1" } } } },
            new { monitoringCounter = new { Attributes = new { assigned = new { N = plan.AccountsPerMonitoringAccount.ToString(System.Globalization.CultureInfo.InvariantCulture) } } } },
            new { monitoringCounter = new { Attributes = new { assigned = new { N = (plan.AccountsPerMonitoringAccount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) } } } },
        ]);
        Assert.Equal([0, 0, 1], assigned.Select(a => a.GetProperty("monitoringRange").GetInt32()));

        var output = Assert.Single(Jsonata.Evaluate(Platform.JsonataExpression("BuildParameterOverrides"),
        [
            new
            {
                tenantId = "acme-logistics", settings = "{}", scheduleSlot = "S07", jwtIssuer = "https://login.acme.example/", jwtAudience = "acme-api", tenantClaim = "tenant_id",
                monitoringRange = 1,
                targets = new object[]
                {
                    new { kind = "service", stackSetName = "insight-A", region = "eu-central-1", regionalOverrides = Array.Empty<object>() },
                    new { kind = "baseline", stackSetName = "insight-account-baseline", region = "eu-central-1", sinkGroups = new[] { new[] { "sink-0", "sink-1", "sink-2" } } },
                },
            },
        ]));
        var deployments = output.GetProperty("deployments").EnumerateArray().ToList();
        Assert.Equal(6, deployments[0].GetProperty("parameterOverrides").GetArrayLength());
        var link = Assert.Single(deployments[1].GetProperty("parameterOverrides").EnumerateArray());
        Assert.Equal("MonitoringSink1", link.GetProperty("ParameterKey").GetString());
        Assert.Equal("sink-1", link.GetProperty("ParameterValue").GetString());

        // The state machine deploys the baseline with the configured sinks, range by range, and stores the range.
        var targets = Platform.States().Single(s => s.Name == "ListStackInstanceTargets").State.GetProperty("Result").EnumerateArray().ToList();
        var baseline = Assert.Single(targets, t => t.GetProperty("kind").GetString() == "baseline");
        Assert.Equal(Platform.Settings.Monitoring.Sinks["eu-central-1"], baseline.GetProperty("sinkGroups")[0].EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("monitoringRange = :range", Platform.States().Single(s => s.Name == "RegisterTenant").State.GetProperty("Parameters").GetProperty("UpdateExpression").GetString(), StringComparison.Ordinal);
        Assert.Contains(AccountVending.FailureErrors, e => e == "MonitoringCapacityExceeded");
    }

    [Fact]
    public void A_fleet_too_big_for_the_monitoring_accounts_listed_fails_synthesis_naming_the_quota()
    {
        var settings = Platform.Settings with { Monitoring = Platform.Settings.Monitoring! with { PlannedAccounts = 100_000 } };
        var app = new App(new AppProps { Outdir = Path.Combine(fleet.Directory, "too-big") });

        var error = Assert.Throws<AlertPlanException>(() => new PlatformStack(app, settings, Infra.FleetApp.Services));

        Assert.Contains("Central alerts for 100,000 tenant accounts need 50 monitoring accounts", error.Message, StringComparison.Ordinal);
        Assert.Contains("Metrics processed per Metrics Insights query is 10,000", error.Message, StringComparison.Ordinal);
        Assert.Contains("monitoring.accounts lists 3", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The alert plan against CloudWatch's documented limits.</summary>
public sealed class AlertPlanTests
{
    /// <summary><paramref name="count"/> services of <paramref name="functions"/> functions with three different timeouts, most with failure queues.</summary>
    private static List<MonitoredService> Services(int count, int functions) =>
        [.. Enumerable.Range(1, count).Select(s => new MonitoredService($"Service{s:00}", [.. Enumerable.Range(1, functions)
            .Select(f => new MonitoredFunction($"Handler{f:00}", f % 3 == 0 ? 60 : f % 3 == 1 ? 10 : 30, f % 4 != 0))]))];

    [Fact]
    public void Ten_thousand_accounts_with_thirty_services_fit_within_every_documented_limit()
    {
        var plan = AlertPlan.For(Services(30, 15), 10_000);

        Assert.True(plan.MetricsPerQuery <= ObservabilityQuotas.MetricsPerQuery.Value, $"{plan.MetricsPerQuery} metrics per query");
        Assert.True(plan.AlarmsPerMonitoringAccount <= ObservabilityQuotas.InsightsAlarmsPerRegion.Value, $"{plan.AlarmsPerMonitoringAccount} alarms per monitoring account");
        Assert.True(plan.LinksPerSourceAccount <= ObservabilityQuotas.LinksPerSourceAccount.Value, $"{plan.LinksPerSourceAccount} links per account");
        Assert.True(plan.AccountsPerMonitoringAccount <= ObservabilityQuotas.SourceAccountsPerSink.Value);

        // Every account and every service is covered: the ranges hold the fleet, every service is in a group.
        Assert.True((long)plan.AccountRanges * plan.AccountsPerMonitoringAccount >= 10_000);
        Assert.Equal(30, plan.Groups.SelectMany(g => g.Services).Distinct().Count());
        Assert.All(plan.Groups.SelectMany(g => g.Queries), q => Assert.EndsWith($"LIMIT {ObservabilityQuotas.TimeSeriesPerQuery.Value}", q.Sql(), StringComparison.Ordinal));

        // 15 functions per query: 666 accounts per monitoring account, 16 ranges; 30 services × 6 alerts = 180 alarms in one group.
        Assert.Equal(666, plan.AccountsPerMonitoringAccount);
        Assert.Equal(16, plan.AccountRanges);
        Assert.Single(plan.Groups);
        Assert.Equal(180, plan.AlarmsPerMonitoringAccount);
        Assert.Equal(16, plan.MonitoringAccounts);
        Assert.Equal(16 * 180, plan.Alarms);
    }

    [Fact]
    public void More_services_than_one_monitoring_account_holds_are_split_into_groups_each_account_links_to()
    {
        var plan = AlertPlan.For(Services(100, 15), 10_000);

        // 33 services of 6 alerts fill a monitoring account's 200 alarms: 33, 33, 33 and 1.
        Assert.Equal(4, plan.Groups.Count);
        Assert.Equal(4, plan.LinksPerSourceAccount);
        Assert.All(plan.Groups, g => Assert.True(g.Queries.Count <= 200));
        Assert.Equal(4 * 16, plan.MonitoringAccounts);
    }

    [Fact]
    public void A_plan_that_would_need_more_links_than_an_account_may_have_names_the_quota()
    {
        var error = Assert.Throws<AlertPlanException>(() => AlertPlan.For(Services(200, 15), 10_000));

        Assert.Contains("Monitoring accounts (links) per source account", error.Message, StringComparison.Ordinal);
        Assert.Contains("may link to 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Durations_with_different_timeouts_are_separate_alarms_with_their_own_threshold()
    {
        var plan = AlertPlan.For(Services(1, 6), 100);

        var durations = plan.Groups[0].Queries.Where(q => q.Alert.Name == "Duration").ToList();
        Assert.Equal([8000, 24000, 48000], durations.Select(d => d.Threshold));
        Assert.Equal("insight-Service01-Duration-10s", durations[0].AlarmName);
        Assert.Contains("WHERE FunctionName IN ('Service01-Handler01', 'Service01-Handler04')", durations[0].Sql(), StringComparison.Ordinal);
    }
}
