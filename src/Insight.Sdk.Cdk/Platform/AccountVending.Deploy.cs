using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;

namespace Insight.Sdk.Cdk.Platform;

public partial class AccountVending
{
    /// <summary>
    /// Deploy: pin the tenant's values on every service's stack instance in every region — update the account's
    /// instance when automatic deployment already created it, create it when not — and wait for each operation, then
    /// <paramref name="finish"/>.
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
        var deploy = new Map(this, "DeployStackInstances", new MapProps
        {
            ItemsPath = "$.targets",
            ItemSelector = new Dictionary<string, object>
            {
                ["target"] = JsonPath.StringAt("$$.Map.Item.Value"),
                ["accountId"] = JsonPath.StringAt("$.account.id"),
                ["tenantId"] = JsonPath.StringAt("$.tenantId"),
                ["settings"] = JsonPath.StringAt("$.settings"),
                ["scheduleSlot"] = JsonPath.StringAt("$.scheduleSlot"),
            },

            // Few at a time: each is its own StackSets operation, and the CloudFormation API throttles.
            MaxConcurrency = 5,
            ResultPath = JsonPath.DISCARD,
        });
        deploy.ItemProcessor(StackInstanceUpsert());
        deploy.AddCatch(failures.StackInstances, new CatchProps { ResultPath = "$.error" });
        targets.Next(deploy);
        deploy.Next(finish);
        return targets;
    }

    /// <summary>
    /// For one stack set and region: update the account's instance when it exists (automatic deployment may have created
    /// it with the stack set's values), create it when not, then wait for the operation.
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
            Cause = "The stack set operation for this account did not finish within the polling window (it may be queued behind a rollout); repeat the request once it has.",
        });

        var buildOverrides = Jsonata("BuildParameterOverrides", "The tenant's values and the region's for this stack instance.", ParameterOverridesExpression);
        var describe = Transient(CloudFormation("DescribeStackInstance", "describeStackInstance", new Dictionary<string, object>
        {
            ["StackSetName"] = JsonPath.StringAt("$.target.stackSetName"),
            ["StackInstanceAccount"] = JsonPath.StringAt("$.accountId"),
            ["StackInstanceRegion"] = JsonPath.StringAt("$.target.region"),
            ["CallAs"] = _settings.CallAs,
        }, JsonPath.DISCARD));
        var update = Transient(CloudFormation("UpdateStackInstances", "updateStackInstances", InstanceOperation(), "$.operation"));
        var create = Transient(CloudFormation("CreateStackInstances", "createStackInstances", InstanceOperation(), "$.operation"));
        describe.AddCatch(create, new CatchProps { Errors = ["CloudFormation.StackInstanceNotFoundException"], ResultPath = "$.lookup" });
        OnError(describe, failed);
        OnError(update, failed);
        OnError(create, failed);

        var startPolling = new Pass(this, "StartPollingOperation", new PassProps { Result = Result.FromObject(new Dictionary<string, object> { ["count"] = 0 }), ResultPath = "$.operationPolls" });
        var wait = new Wait(this, "WaitForStackInstances", new WaitProps { Time = WaitTime.Duration(Duration.Seconds(60)) });
        var status = Transient(CloudFormation("DescribeStackSetOperation", "describeStackSetOperation", new Dictionary<string, object>
        {
            ["StackSetName"] = JsonPath.StringAt("$.target.stackSetName"),
            ["OperationId"] = JsonPath.StringAt("$.operation.OperationId"),
            ["CallAs"] = _settings.CallAs,
        }, "$.operationStatus"));
        OnError(status, failed);
        var count = Count("CountOperationPoll", "$.operationPolls");
        var statusPath = "$.operationStatus.StackSetOperation.Status";

        buildOverrides.Next(describe);
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
        return buildOverrides;
    }

    private Dictionary<string, object> InstanceOperation() => new()
    {
        ["StackSetName"] = JsonPath.StringAt("$.target.stackSetName"),
        ["DeploymentTargets"] = new Dictionary<string, object>
        {
            ["OrganizationalUnitIds"] = new[] { _settings.TenantsOrganizationalUnitId },
            ["Accounts"] = JsonPath.Array(JsonPath.StringAt("$.accountId")),
            ["AccountFilterType"] = "INTERSECTION",
        },
        ["Regions"] = JsonPath.Array(JsonPath.StringAt("$.target.region")),
        ["ParameterOverrides"] = JsonPath.ListAt("$.parameterOverrides"),
        ["OperationPreferences"] = new Dictionary<string, object> { ["FailureToleranceCount"] = 0, ["MaxConcurrentCount"] = 1 },
        ["CallAs"] = _settings.CallAs,
    };
}
