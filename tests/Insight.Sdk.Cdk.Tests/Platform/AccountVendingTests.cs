using System.Text.Json;
using Insight.Sdk.Cdk.Platform;

namespace Insight.Sdk.Cdk.Tests.Platform;

[Collection(SynthCollection.Name)]
public sealed class AccountVendingTests
{
    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    private static Dictionary<string, JsonElement> States => Platform.States().ToDictionary(s => s.Name, s => s.State);

    [Fact]
    public void The_state_machine_creates_places_registers_and_deploys_the_account_in_order()
    {
        var states = States;
        foreach (var name in new[]
        {
            "CheckRequest", "ClaimTenant", "ReadRegistry", "CreateAccount", "WaitForAccount", "DescribeCreateAccountStatus", "AccountCreated?",
            "ComputeScheduleSlot", "FindAccountParent", "MoveAccount", "TagAccount", "RegisterTenant", "DeployStackInstances",
            "DescribeStackInstance", "UpdateStackInstances", "CreateStackInstances", "DescribeStackSetOperation", "MarkActive", "NotifyVended",
        })
        {
            Assert.True(states.ContainsKey(name), $"state {name} is missing");
        }

        Assert.Equal("arn:TOKEN:states:::aws-sdk:organizations:createAccount", states["CreateAccount"].GetProperty("Resource").GetString());
        Assert.Equal("arn:TOKEN:states:::aws-sdk:organizations:describeCreateAccountStatus", states["DescribeCreateAccountStatus"].GetProperty("Resource").GetString());
        Assert.Equal("arn:TOKEN:states:::aws-sdk:organizations:moveAccount", states["MoveAccount"].GetProperty("Resource").GetString());
        Assert.Equal("arn:TOKEN:states:::aws-sdk:organizations:tagResource", states["TagAccount"].GetProperty("Resource").GetString());
        Assert.Equal("arn:TOKEN:states:::aws-sdk:cloudformation:createStackInstances", states["CreateStackInstances"].GetProperty("Resource").GetString());
        Assert.Equal("arn:TOKEN:states:::dynamodb:putItem", states["ClaimTenant"].GetProperty("Resource").GetString());
        Assert.Equal("arn:TOKEN:states:::sns:publish", states["NotifyVended"].GetProperty("Resource").GetString());

        // Polling: a wait, a status call and a choice that loops back to the wait.
        Assert.Equal("DescribeCreateAccountStatus", states["WaitForAccount"].GetProperty("Next").GetString());
        Assert.Equal("WaitForAccount", states["AccountCreated?"].GetProperty("Default").GetString());
        Assert.Equal("WaitForStackInstances", states["StackInstancesReady?"].GetProperty("Default").GetString());
    }

    [Fact]
    public void A_repeated_request_reuses_the_registered_account()
    {
        var states = States;
        var claim = states["ClaimTenant"];
        Assert.Equal("attribute_not_exists(tenantId)", claim.GetProperty("Parameters").GetProperty("ConditionExpression").GetString());
        var alreadyClaimed = claim.GetProperty("Catch").EnumerateArray().First();
        Assert.Equal(["DynamoDB.ConditionalCheckFailedException"], alreadyClaimed.GetProperty("ErrorEquals").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ReadRegistry", alreadyClaimed.GetProperty("Next").GetString());

        var known = states["TenantKnown?"];
        var choices = known.GetProperty("Choices").EnumerateArray().ToList();
        Assert.Equal("$.registry.Item.accountId", choices[0].GetProperty("Variable").GetString());
        Assert.Equal("UseRegisteredAccount", choices[0].GetProperty("Next").GetString());
        Assert.Equal("ResumeAccountCreation", choices[1].GetProperty("Next").GetString());
        Assert.Equal("VendingInProgress", known.GetProperty("Default").GetString());

        // A registered account skips creation and joins the path that places it.
        Assert.Equal("ComputeScheduleSlot", states["UseRegisteredAccount"].GetProperty("Next").GetString());
        Assert.Equal("attribute_not_exists(accountId) OR accountId = :account", states["RegisterTenant"].GetProperty("Parameters").GetProperty("ConditionExpression").GetString());

        // An account already in the tenants unit is not moved again; an existing stack instance is updated, not created.
        var placed = states["InTenantsUnit?"].GetProperty("Choices")[0];
        Assert.Equal(Platform.Settings.TenantsOrganizationalUnitId, placed.GetProperty("StringEquals").GetString());
        Assert.Equal("TagAccount", placed.GetProperty("Next").GetString());
        Assert.Equal("UpdateStackInstances", states["DescribeStackInstance"].GetProperty("Next").GetString());
        Assert.Contains(
            states["DescribeStackInstance"].GetProperty("Catch").EnumerateArray(),
            c => c.GetProperty("ErrorEquals")[0].GetString() == "CloudFormation.StackInstanceNotFoundException" && c.GetProperty("Next").GetString() == "CreateStackInstances");
    }

    [Fact]
    public void Every_aws_call_retries_throttling_with_backoff()
    {
        var tasks = Platform.States().Where(s => s.State.GetProperty("Type").GetString() == "Task").ToList();
        Assert.True(tasks.Count >= 15);
        foreach (var (name, task) in tasks)
        {
            Assert.True(task.TryGetProperty("Retry", out var retries), $"{name} has no retry");
            var retry = Assert.Single(retries.EnumerateArray());
            var errors = retry.GetProperty("ErrorEquals").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains("Organizations.TooManyRequestsException", errors);
            Assert.Contains("DynamoDB.ThrottlingException", errors);
            Assert.Contains("CloudFormation.OperationInProgressException", errors);
            Assert.Equal(2, retry.GetProperty("BackoffRate").GetDouble());
            Assert.True(retry.GetProperty("MaxAttempts").GetInt32() >= 3);
        }
    }

    [Fact]
    public void Every_catch_ends_in_a_fail_state_with_an_error_and_a_cause()
    {
        var states = States;
        var catches = states.Where(s => s.Value.TryGetProperty("Catch", out _))
            .SelectMany(s => s.Value.GetProperty("Catch").EnumerateArray().Select(c => (From: s.Key, Errors: c.GetProperty("ErrorEquals"), Next: c.GetProperty("Next").GetString()!)))
            .ToList();
        Assert.True(catches.Count >= 15);
        foreach (var (from, errors, next) in catches)
        {
            // The two deliberate recoveries: an existing claim is read, a missing stack instance is created.
            if (errors[0].GetString() is "DynamoDB.ConditionalCheckFailedException" or "CloudFormation.StackInstanceNotFoundException")
            {
                continue;
            }

            var end = FollowToEnd(states, next);
            Assert.True(states[end].GetProperty("Type").GetString() == "Fail", $"the catch of {from} ends in {end}, not in a Fail state");
        }

        foreach (var (name, fail) in states.Where(s => s.Value.GetProperty("Type").GetString() == "Fail"))
        {
            Assert.Contains(fail.GetProperty("Error").GetString(), AccountVending.FailureErrors);
            Assert.True(fail.TryGetProperty("Cause", out _) || fail.TryGetProperty("CausePath", out _), $"{name} names no cause");
        }

        Assert.Equal(
            AccountVending.FailureErrors.Order(),
            states.Values.Where(s => s.GetProperty("Type").GetString() == "Fail").Select(s => s.GetProperty("Error").GetString()).Distinct().Order());
    }

    [Fact]
    public void Stack_instances_get_the_tenant_s_overrides_in_the_tenants_unit_account_only()
    {
        var parameters = States["CreateStackInstances"].GetProperty("Parameters");
        var targets = parameters.GetProperty("DeploymentTargets");
        Assert.Equal("INTERSECTION", targets.GetProperty("AccountFilterType").GetString());
        Assert.Equal("States.Array($.accountId)", targets.GetProperty("Accounts.$").GetString());
        Assert.Equal(Platform.Settings.TenantsOrganizationalUnitId, targets.GetProperty("OrganizationalUnitIds")[0].GetString());
        Assert.Equal("$.parameterOverrides", parameters.GetProperty("ParameterOverrides.$").GetString());
        Assert.Equal(Platform.Settings.CallAs, parameters.GetProperty("CallAs").GetString());

        var targetsList = States["ListStackInstanceTargets"].GetProperty("Result").EnumerateArray().ToList();
        Assert.Equal(
            Infra.FleetApp.Services.SelectMany(s => Platform.Settings.DeploymentRegions.Select(r => $"{Platform.Settings.StackSetName(s.Name)}@{r}")).Order(),
            targetsList.Select(t => $"{t.GetProperty("stackSetName").GetString()}@{t.GetProperty("region").GetString()}").Order());
    }

    [Fact]
    public void Organizations_calls_go_through_the_management_account_role_and_nothing_else_does()
    {
        foreach (var (name, state) in Platform.States().Where(s => s.State.TryGetProperty("Resource", out _)))
        {
            var organizations = state.GetProperty("Resource").GetString()!.Contains(":organizations:", StringComparison.Ordinal);
            Assert.Equal(organizations, state.TryGetProperty("Credentials", out var credentials));
            if (organizations)
            {
                Assert.Equal(Platform.Settings.OrganizationsRoleArn, credentials.GetProperty("RoleArn").GetString());
            }
        }

        Assert.Equal(Platform.Settings.PlatformRoleName, States["CreateAccount"].GetProperty("Parameters").GetProperty("RoleName").GetString());
    }

    [Fact]
    public void Jsonata_states_declare_their_query_language()
    {
        foreach (var name in new[] { "CheckRequest", "ComputeScheduleSlot", "BuildParameterOverrides" })
        {
            var state = States[name];
            Assert.Equal("JSONata", state.GetProperty("QueryLanguage").GetString());
            Assert.Equal("Pass", state.GetProperty("Type").GetString());
        }

        Assert.False(Platform.Definition.TryGetProperty("QueryLanguage", out _));
    }

    private static string FollowToEnd(Dictionary<string, JsonElement> states, string name)
    {
        var seen = new HashSet<string>();
        while (states[name].TryGetProperty("Next", out var next) && seen.Add(name))
        {
            Assert.NotEqual("Succeed", states[name].GetProperty("Type").GetString());
            name = next.GetString()!;
        }

        return name;
    }
}
