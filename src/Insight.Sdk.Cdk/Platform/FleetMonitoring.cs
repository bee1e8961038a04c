using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.CDK;
using Constructs;
using CfnStackSet = Amazon.CDK.AWS.CloudFormation.CfnStackSet;
using CfnStackSetProps = Amazon.CDK.AWS.CloudFormation.CfnStackSetProps;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// Alerts defined once for the whole fleet. Every tenant account forwards its telemetry to a monitoring account: the
/// account-baseline stack set (<see cref="BaselineStackSetName"/>) holds one <c>AWS::Oam::Link</c> per service group,
/// to the sink vending assigned the account. Each monitoring account holds a sink and the platform's Metrics Insights
/// alarms (<see cref="AlertPlan"/>), grouped by account and function, over the accounts linked to it; they notify the
/// fleet's alarm topic.
/// </summary>
public class FleetMonitoring : Construct
{
    /// <summary>The account-baseline stack set's name after the platform's prefix.</summary>
    public const string BaselineStackSetSuffix = "account-baseline";

    /// <summary>CloudFormation's limit on a template passed inline (<c>TemplateBody</c>), in bytes.</summary>
    public const int MaxTemplateBodyBytes = 51_200;

    /// <summary>The namespaces a tenant account shares: what the alerts read.</summary>
    public static IReadOnlyList<string> SharedNamespaces { get; } = [.. FunctionAlert.All.Select(a => a.Namespace).Distinct()];

    private readonly List<CfnStackSet> _monitoringStackSets = [];

    /// <summary>Plans the alerts for the settings' fleet size and creates the baseline and monitoring stack sets.</summary>
    /// <exception cref="AlertPlanException">The plan breaks a CloudWatch limit, or the monitoring accounts listed cannot hold it.</exception>
    public FleetMonitoring(Construct scope, string id, PlatformSettings settings, IReadOnlyList<PlatformService> services, string alarmTopicArn, IReadOnlyList<string> regions)
        : base(scope, id)
    {
        var monitoring = settings.Monitoring ?? throw new ArgumentException("The settings have no monitoring section.", nameof(settings));
        Settings = monitoring;
        var missing = services.Where(s => s.Manifest is null).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            throw new AlertPlanException($"Central alerts need every service's manifest; {string.Join(", ", missing)} has none (PlatformService.Manifest).");
        }

        Plan = AlertPlan.For([.. services.Select(s => MonitoredService.From(s.Manifest!))], monitoring.PlannedAccounts);
        var problems = Plan.Problems(monitoring.Accounts.Count);
        if (problems.Count > 0)
        {
            throw new AlertPlanException(problems[0]);
        }

        Regions = regions;
        BaselineStackSetName = settings.StackSetName(BaselineStackSetSuffix);
        BaselineTemplate = BaselineTemplateFor(Plan.Groups.Count);
        Baseline = new CfnStackSet(this, "AccountBaseline", new CfnStackSetProps
        {
            StackSetName = BaselineStackSetName,
            Description = "Insight account baseline: every tenant account's telemetry links to its monitoring accounts.",
            PermissionModel = "SERVICE_MANAGED",
            CallAs = settings.CallAs,
            AutoDeployment = new CfnStackSet.AutoDeploymentProperty { Enabled = true, RetainStacksOnAccountRemoval = false },
            ManagedExecution = new Dictionary<string, object> { ["Active"] = true },
            TemplateBody = Checked(BaselineStackSetName, BaselineTemplate),
            OperationPreferences = Preferences(settings),
            StackInstancesGroup = new object[]
            {
                new CfnStackSet.StackInstancesProperty
                {
                    DeploymentTargets = new CfnStackSet.DeploymentTargetsProperty { OrganizationalUnitIds = [settings.TenantsOrganizationalUnitId] },
                    Regions = [.. regions],
                },
            },
        });

        foreach (var group in Plan.Groups)
        {
            var name = settings.StackSetName(MonitoringStackSetSuffix(group.Index));
            var accounts = Enumerable.Range(0, Plan.AccountRanges).Select(r => monitoring.Accounts[Plan.MonitoringAccountIndex(group.Index, r)]).ToArray();
            var stackSet = new CfnStackSet(this, $"Monitoring{group.Index + 1}", new CfnStackSetProps
            {
                StackSetName = name,
                Description = $"Insight monitoring, services {string.Join(", ", group.Services)}: a sink for the tenant accounts of one range and the alerts over them.",
                PermissionModel = "SERVICE_MANAGED",
                CallAs = settings.CallAs,
                AutoDeployment = new CfnStackSet.AutoDeploymentProperty { Enabled = false },
                ManagedExecution = new Dictionary<string, object> { ["Active"] = true },
                TemplateBody = Checked(name, MonitoringTemplate(group, settings.OrganizationId)),
                OperationPreferences = Preferences(settings),
                Parameters = new object[] { new CfnStackSet.ParameterProperty { ParameterKey = "AlarmTopicArn", ParameterValue = alarmTopicArn } },
                StackInstancesGroup = regions.Select(region => (object)new CfnStackSet.StackInstancesProperty
                {
                    DeploymentTargets = new CfnStackSet.DeploymentTargetsProperty
                    {
                        OrganizationalUnitIds = [monitoring.OrganizationalUnitId],
                        Accounts = accounts,
                        AccountFilterType = "INTERSECTION",
                    },
                    Regions = [region],
                    ParameterOverrides = settings.OtherRegions.TryGetValue(region, out var regional)
                        ? new object[] { new CfnStackSet.ParameterProperty { ParameterKey = "AlarmTopicArn", ParameterValue = regional.AlarmTopicArn } }
                        : null,
                }).ToArray(),
            });

            // Deleting a monitoring stack set must not drop the fleet's alerts by accident.
            stackSet.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
            _monitoringStackSets.Add(stackSet);
        }
    }

    /// <summary>The monitoring settings.</summary>
    public MonitoringSettings Settings { get; }

    /// <summary>The alert plan for the planned fleet size.</summary>
    public AlertPlan Plan { get; }

    /// <summary>The regions telemetry is linked in (sinks are regional).</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>The account-baseline stack set.</summary>
    public CfnStackSet Baseline { get; }

    /// <summary>The account-baseline stack set's name (within the platform's prefix, so vending's grants cover it).</summary>
    public string BaselineStackSetName { get; }

    /// <summary>The account-baseline template: one telemetry link per service group.</summary>
    public string BaselineTemplate { get; }

    /// <summary>One monitoring stack set per service group.</summary>
    public IReadOnlyList<CfnStackSet> MonitoringStackSets => _monitoringStackSets;

    /// <summary>The name of the baseline parameter holding the sink of service group <paramref name="group"/> (0-based).</summary>
    public static string SinkParameter(int group) => string.Create(CultureInfo.InvariantCulture, $"MonitoringSink{group + 1}");

    /// <summary>A service group's monitoring stack set's name after the platform's prefix.</summary>
    public static string MonitoringStackSetSuffix(int group) => string.Create(CultureInfo.InvariantCulture, $"monitoring-{group + 1}");

    /// <summary>
    /// For vending, per region with sinks configured: the sinks of each service group by account range, so that the
    /// account's range picks one sink per group.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> SinksByGroup() =>
        Settings.Sinks.Where(s => Regions.Contains(s.Key)).ToDictionary(
            s => s.Key,
            s => (IReadOnlyList<IReadOnlyList<string>>)[.. Plan.Groups.Select(g => (IReadOnlyList<string>)[.. Enumerable.Range(0, Plan.AccountRanges).Select(r => s.Value[Plan.MonitoringAccountIndex(g.Index, r)])])]);

    private static CfnStackSet.OperationPreferencesProperty Preferences(PlatformSettings settings) => new()
    {
        MaxConcurrentPercentage = settings.Rollout.MaxConcurrentPercentage,
        FailureTolerancePercentage = settings.Rollout.FailureTolerancePercentage,
        ConcurrencyMode = settings.Rollout.ConcurrencyMode,
        RegionConcurrencyType = settings.Rollout.RegionConcurrency,
    };

    private static string Checked(string name, string template)
    {
        var bytes = Encoding.UTF8.GetByteCount(template);
        return bytes > MaxTemplateBodyBytes
            ? throw new AlertPlanException($"{name}: the template is {bytes:N0} bytes; CloudFormation takes at most {MaxTemplateBodyBytes:N0} inline (TemplateBody). Group fewer services per monitoring account.")
            : template;
    }

    /// <summary>The baseline: a parameter, a condition and a link per service group; an empty sink links nothing.</summary>
    private static string BaselineTemplateFor(int groups)
    {
        var parameters = new Dictionary<string, object>();
        var conditions = new Dictionary<string, object>();
        var resources = new Dictionary<string, object>();
        for (var group = 0; group < groups; group++)
        {
            var parameter = SinkParameter(group);
            parameters[parameter] = new Dictionary<string, object>
            {
                ["Type"] = "String",
                ["Default"] = string.Empty,
                ["Description"] = $"The sink of service group {group + 1}'s monitoring account for this account's range; set by account vending.",
            };
            conditions[$"Links{group + 1}"] = new Dictionary<string, object>
            {
                ["Fn::Not"] = new object[] { new Dictionary<string, object> { ["Fn::Equals"] = new object[] { new Dictionary<string, object> { ["Ref"] = parameter }, string.Empty } } },
            };
            resources[string.Create(CultureInfo.InvariantCulture, $"TelemetryLink{group + 1}")] = new Dictionary<string, object>
            {
                ["Type"] = "AWS::Oam::Link",
                ["Condition"] = $"Links{group + 1}",
                ["Properties"] = new Dictionary<string, object>
                {
                    ["LabelTemplate"] = "$AccountName",
                    ["ResourceTypes"] = new[] { "AWS::CloudWatch::Metric" },
                    ["SinkIdentifier"] = new Dictionary<string, object> { ["Ref"] = parameter },

                    // Only what the alerts read travels: the monitoring account's metrics stay the fleet's alert inputs.
                    ["LinkConfiguration"] = new Dictionary<string, object>
                    {
                        ["MetricConfiguration"] = new Dictionary<string, object> { ["Filter"] = $"Namespace IN ({string.Join(", ", SharedNamespaces.Select(n => $"'{n}'"))})" },
                    },
                },
            };
        }

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = "Insight account baseline: telemetry links to the monitoring accounts (links have no charge).",
            ["Parameters"] = parameters,
            ["Conditions"] = conditions,
            ["Resources"] = resources,
        });
    }

    /// <summary>A monitoring account's template: the sink the organization's accounts may link to, and the group's alarms.</summary>
    private static string MonitoringTemplate(MonitoringGroup group, string organizationId)
    {
        var resources = new Dictionary<string, object>
        {
            ["Sink"] = new Dictionary<string, object>
            {
                ["Type"] = "AWS::Oam::Sink",
                ["Properties"] = new Dictionary<string, object>
                {
                    ["Name"] = "insight-tenants",
                    ["Policy"] = new Dictionary<string, object>
                    {
                        ["Version"] = "2012-10-17",
                        ["Statement"] = new object[]
                        {
                            new Dictionary<string, object>
                            {
                                ["Effect"] = "Allow",
                                ["Principal"] = "*",
                                ["Action"] = new[] { "oam:CreateLink", "oam:UpdateLink" },
                                ["Resource"] = "*",
                                ["Condition"] = new Dictionary<string, object>
                                {
                                    ["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = organizationId },
                                    ["ForAllValues:StringEquals"] = new Dictionary<string, object> { ["oam:ResourceTypes"] = new[] { "AWS::CloudWatch::Metric" } },
                                },
                            },
                        },
                    },
                },
            },
        };
        foreach (var (query, index) in group.Queries.Select((q, i) => (q, i)))
        {
            var subject = query.Alert.Subject == AlertSubject.Function ? "function (FunctionName, {service}-{function})" : "failure queue (QueueName, {service}-{function}-failures)";
            resources[string.Create(CultureInfo.InvariantCulture, $"Alert{index + 1:000}")] = new Dictionary<string, object>
            {
                ["Type"] = "AWS::CloudWatch::Alarm",
                ["Properties"] = new Dictionary<string, object>
                {
                    ["AlarmName"] = query.AlarmName,
                    ["AlarmDescription"] = $"{query.Service} {query.Alert.Name} in any linked tenant account. Each contributor names the account (AWS.AccountId) and the {subject}; the tenant registry's ByAccount index names the tenant.",
                    ["Metrics"] = new object[]
                    {
                        new Dictionary<string, object> { ["Id"] = "alert", ["Expression"] = query.Sql(), ["Period"] = FunctionAlert.PeriodMinutes * 60, ["ReturnData"] = true },
                    },
                    ["Threshold"] = query.Threshold,
                    ["ComparisonOperator"] = "GreaterThanOrEqualToThreshold",
                    ["EvaluationPeriods"] = 1,
                    ["DatapointsToAlarm"] = 1,
                    ["TreatMissingData"] = "notBreaching",
                    ["AlarmActions"] = new object[] { new Dictionary<string, object> { ["Ref"] = "AlarmTopicArn" } },
                    ["OKActions"] = new object[] { new Dictionary<string, object> { ["Ref"] = "AlarmTopicArn" } },
                },
            };
        }

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = $"Insight monitoring account: a sink for tenant accounts and the alerts of {string.Join(", ", group.Services)} over them.",
            ["Parameters"] = new Dictionary<string, object>
            {
                ["AlarmTopicArn"] = new Dictionary<string, object> { ["Type"] = "String", ["Description"] = "The platform's fleet alarm topic in this region." },
            },
            ["Resources"] = resources,
            ["Outputs"] = new Dictionary<string, object>
            {
                ["SinkArn"] = new Dictionary<string, object>
                {
                    ["Value"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new[] { "Sink", "Arn" } },
                    ["Description"] = "List it under monitoring.sinks in platform.json, in the order of monitoring.accounts.",
                },
            },
        });
    }
}
