using Amazon.CDK.AWS.StepFunctions;

namespace Insight.Sdk.Cdk.Platform;

public partial class AccountVending
{
    /// <summary>
    /// Deploy: write every stack instance's parameter overrides in one step (<see cref="ParameterOverridesExpression"/>),
    /// then deploy each service's instance in each region in a child execution of its own — update the account's instance
    /// when automatic deployment already created it, create it when not, and wait for the operation — then
    /// <paramref name="finish"/>. Each child keeps its own execution history, so the number of services and regions
    /// never adds up in this one.
    /// </summary>
    private IChainable Deploy(ServiceStackSets stackSets, IChainable finish, FailureEnds failures)
    {
        var targets = new Pass(this, "ListStackInstanceTargets", new PassProps
        {
            Result = Result.FromArray([.. stackSets.StackSets.Keys.SelectMany(service => stackSets.Regions.Select(region => (object)new Dictionary<string, object>
            {
                ["stackSetName"] = _settings.StackSetName(service),
                ["region"] = region,
                ["regionalOverrides"] = stackSets.RegionalOverrides(region)
                    .Select(o => (object)new Dictionary<string, object> { ["ParameterKey"] = o.Key, ["ParameterValue"] = o.Value })
                    .ToArray(),
            }))]),
            ResultPath = "$.targets",
        });
        var overrides = Jsonata("BuildParameterOverrides", "Every stack instance's parameter overrides: the tenant's values and the region's.", ParameterOverridesExpression);
        var deploy = new DistributedMap(this, "DeployStackInstances", new DistributedMapProps
        {
            ItemsPath = "$.deployments",
            ItemSelector = new Dictionary<string, object>
            {
                ["deployment"] = JsonPath.StringAt("$$.Map.Item.Value"),
                ["accountId"] = JsonPath.StringAt("$.account.id"),
            },

            // Few at a time: each is its own StackSets operation, and the CloudFormation API throttles.
            MaxConcurrency = 5,
            MapExecutionType = StateMachineType.STANDARD,
            ToleratedFailurePercentage = 0,
            ResultPath = JsonPath.DISCARD,
        });
        deploy.ItemProcessor(StackInstanceUpsert());
        deploy.AddCatch(failures.StackInstances, new CatchProps { ResultPath = "$.error" });
        targets.Next(overrides);
        overrides.Next(deploy);
        deploy.Next(finish);
        return targets;
    }

    /// <summary>
    /// One child execution: for one stack set and region, update the account's instance when it exists (automatic
    /// deployment may have created it with the stack set's values), create it when not, then poll the operation with a
    /// doubling interval (<see cref="OperationPollExpression"/>) at most <see cref="StackInstancePolls"/> times.
    /// </summary>
    private IChainable StackInstanceUpsert()
    {
        var failed = new Fail(this, "StackInstanceOperationFailed", new FailProps
        {
            Error = "StackInstancesFailed",
            CausePath = "$.error.Cause",
        });
        var operationFailed = new Fail(this, "StackInstanceOperationEndedBadly", new FailProps
        {
            Error = "StackInstancesFailed",
            Cause = "The stack set operation for this account failed or was stopped; ListStackInstances with the account shows each instance's status reason.",
        });
        var timedOut = new Fail(this, "StackInstanceOperationTimedOut", new FailProps
        {
            Error = "StackInstancesFailed",
            Cause = $"The stack set operation for this account did not finish within {StackInstancePollWindow.TotalHours:0} hours of polling (it may be queued behind a rollout); repeat the request once it has.",
        });

        var describe = Transient(CloudFormation("DescribeStackInstance", "describeStackInstance", new Dictionary<string, object>
        {
            ["StackSetName"] = JsonPath.StringAt("$.deployment.stackSetName"),
            ["StackInstanceAccount"] = JsonPath.StringAt("$.accountId"),
            ["StackInstanceRegion"] = JsonPath.StringAt("$.deployment.region"),
            ["CallAs"] = _settings.CallAs,
        }, JsonPath.DISCARD));
        var update = Transient(CloudFormation("UpdateStackInstances", "updateStackInstances", InstanceOperation(), "$.operation"));
        var create = Transient(CloudFormation("CreateStackInstances", "createStackInstances", InstanceOperation(), "$.operation"));
        describe.AddCatch(create, new CatchProps { Errors = ["CloudFormation.StackInstanceNotFoundException"], ResultPath = "$.lookup" });
        OnError(describe, failed);
        OnError(update, failed);
        OnError(create, failed);

        var startPolling = new Pass(this, "StartPollingOperation", new PassProps
        {
            Result = Result.FromObject(new Dictionary<string, object> { ["count"] = 0, ["waitSeconds"] = FirstOperationPollSeconds }),
            ResultPath = "$.operationPolls",
        });
        var wait = new Wait(this, "WaitForStackInstances", new WaitProps { Time = WaitTime.SecondsPath("$.operationPolls.waitSeconds") });
        var status = Transient(CloudFormation("DescribeStackSetOperation", "describeStackSetOperation", new Dictionary<string, object>
        {
            ["StackSetName"] = JsonPath.StringAt("$.deployment.stackSetName"),
            ["OperationId"] = JsonPath.StringAt("$.operation.OperationId"),
            ["CallAs"] = _settings.CallAs,
        }, "$.operationStatus"));
        OnError(status, failed);
        var count = Jsonata("CountOperationPoll", "Counts the poll and doubles the wait before the next, up to its limit.", OperationPollExpression);
        var statusPath = "$.operationStatus.StackSetOperation.Status";

        describe.Next(update);
        update.Next(startPolling);
        create.Next(startPolling);
        startPolling.Next(wait);
        wait.Next(status);
        status.Next(count);
        count.Next(new Choice(this, "StackInstancesReady?")
            .When(Condition.StringEquals(statusPath, "SUCCEEDED"), new Succeed(this, "StackInstanceReady"))
            .When(Condition.Or(Condition.StringEquals(statusPath, "FAILED"), Condition.StringEquals(statusPath, "STOPPED")), operationFailed)
            .When(Condition.NumberGreaterThanEquals("$.operationPolls.count", StackInstancePolls), timedOut)
            .Otherwise(wait));
        return describe;
    }

    private Dictionary<string, object> InstanceOperation() => new()
    {
        ["StackSetName"] = JsonPath.StringAt("$.deployment.stackSetName"),
        ["DeploymentTargets"] = new Dictionary<string, object>
        {
            ["OrganizationalUnitIds"] = new[] { _settings.TenantsOrganizationalUnitId },
            ["Accounts"] = JsonPath.Array(JsonPath.StringAt("$.accountId")),
            ["AccountFilterType"] = "INTERSECTION",
        },
        ["Regions"] = JsonPath.Array(JsonPath.StringAt("$.deployment.region")),
        ["ParameterOverrides"] = JsonPath.ListAt("$.deployment.parameterOverrides"),
        ["OperationPreferences"] = new Dictionary<string, object> { ["FailureToleranceCount"] = 0, ["MaxConcurrentCount"] = 1 },
        ["CallAs"] = _settings.CallAs,
    };
}
