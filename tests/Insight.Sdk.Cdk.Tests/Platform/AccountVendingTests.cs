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
            "ResolveTenantValues", "BuildParameterOverrides", "DescribeStackInstance", "UpdateStackInstances", "CreateStackInstances", "DescribeStackSetOperation",
            "MarkActive", "NotifyVended", "LetAccountRequestSettle", "ListAccountRequests", "MatchAccountRequest",
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
        foreach (var (name, task) in tasks.Where(t => t.Name != "CreateAccount"))
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
    public void CreateAccount_is_retried_only_when_rejected_and_looked_up_after_an_ambiguous_failure()
    {
        var createAccount = States["CreateAccount"];
        var retry = Assert.Single(createAccount.GetProperty("Retry").EnumerateArray());
        Assert.Equal(
            ["Organizations.TooManyRequestsException", "Organizations.ConcurrentModificationException"],
            retry.GetProperty("ErrorEquals").EnumerateArray().Select(e => e.GetString()));

        var catches = createAccount.GetProperty("Catch").EnumerateArray().ToList();
        Assert.Equal(2, catches.Count);
        Assert.Equal(AccountVending.CreateAccountRejections, catches[0].GetProperty("ErrorEquals").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("Organizations.ServiceException", AccountVending.CreateAccountRejections);
        Assert.Equal("ReleaseClaim", catches[0].GetProperty("Next").GetString());
        Assert.Equal(["States.ALL"], catches[1].GetProperty("ErrorEquals").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("LetAccountRequestSettle", catches[1].GetProperty("Next").GetString());

        // The look-up pages through requests in progress or succeeded; found, it joins the normal path.
        Assert.Equal("arn:TOKEN:states:::aws-sdk:organizations:listCreateAccountStatus", States["ListMoreAccountRequests"].GetProperty("Resource").GetString());
        Assert.Equal("$.accountLookup.nextToken", States["ListMoreAccountRequests"].GetProperty("Parameters").GetProperty("NextToken.$").GetString());
        var found = States["AccountRequestFound?"];
        var choices = found.GetProperty("Choices").EnumerateArray().ToList();
        Assert.Equal("AccountRequestFound", choices[0].GetProperty("Next").GetString());
        Assert.Equal("RecordAccountRequest", States["AccountRequestFound"].GetProperty("Next").GetString());
        Assert.Equal("ListMoreAccountRequests", choices[1].GetProperty("Next").GetString());
        Assert.Equal(AccountVending.AccountRequestLookupPages, choices[1].GetProperty("And")[1].GetProperty("NumericLessThan").GetInt32());
        Assert.Equal("NotifyCreateAccountUnresolved", choices[2].GetProperty("Next").GetString());
        Assert.Equal("ReleaseClaim", found.GetProperty("Default").GetString());
    }

    [Fact]
    public void Stack_instances_are_deployed_in_child_executions_that_poll_with_a_growing_interval()
    {
        var map = States["DeployStackInstances"];
        var config = map.GetProperty("ItemProcessor").GetProperty("ProcessorConfig");
        Assert.Equal("DISTRIBUTED", config.GetProperty("Mode").GetString());
        Assert.Equal("STANDARD", config.GetProperty("ExecutionType").GetString());
        Assert.Equal("$.deployments", map.GetProperty("ItemsPath").GetString());
        // No tolerated failures (the default when absent): one failed child fails the map run, and vending.
        Assert.Equal(0, map.TryGetProperty("ToleratedFailurePercentage", out var tolerated) ? tolerated.GetInt32() : 0);
        Assert.Equal("$.operationPolls.waitSeconds", States["WaitForStackInstances"].GetProperty("SecondsPath").GetString());
        Assert.Equal(AccountVending.FirstOperationPollSeconds, States["StartPollingOperation"].GetProperty("Result").GetProperty("waitSeconds").GetInt32());
        var bound = States["StackInstancesReady?"].GetProperty("Choices")[2];
        Assert.Equal(AccountVending.StackInstancePolls, bound.GetProperty("NumericGreaterThanEquals").GetInt32());

        // The outer timeout leaves room for both polling windows.
        var timeout = Platform.Definition.GetProperty("TimeoutSeconds").GetInt32();
        Assert.True(timeout > AccountVending.StackInstancePollWindow.TotalSeconds + (AccountVending.AccountCreationPolls * AccountVending.AccountPollSeconds));
        Assert.InRange(AccountVending.StackInstancePollWindow.TotalHours, 24, 30);
    }

    [Fact]
    public void Execution_names_carry_the_tenant_and_the_attempt()
    {
        Assert.Equal("vend-acme-logistics-1", AccountVending.ExecutionName("acme-logistics", 1));
        Assert.Equal("vend-acme-logistics-2", AccountVending.ExecutionName("acme-logistics", 2));
        Assert.True(AccountVending.ExecutionName(new string('a', 63), int.MaxValue).Length <= 80);
        Assert.Throws<ArgumentException>(() => AccountVending.ExecutionName("Acme", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AccountVending.ExecutionName("acme", 0));
    }

    [Fact]
    public void Organizations_grants_on_star_are_gone_when_a_management_account_role_is_used()
    {
        var vendingPolicies = Platform.Template.Resources("AWS::IAM::Policy")
            .Where(p => p.Id.StartsWith("AccountVending", StringComparison.Ordinal))
            .SelectMany(p => p.Properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            .ToList();
        var actions = vendingPolicies.SelectMany(s => s.GetProperty("Action").Items().Select(a => a.GetString()!)).ToList();

        Assert.NotNull(Platform.Settings.OrganizationsRoleArn);
        Assert.Equal(["organizations:ListDelegatedAdministrators"], actions.Where(a => a.StartsWith("organizations:", StringComparison.OrdinalIgnoreCase)));
        var assume = Assert.Single(vendingPolicies, s => s.GetProperty("Action").Items().Any(a => a.GetString() == "sts:AssumeRole"));
        Assert.Equal(Platform.Settings.OrganizationsRoleArn, assume.GetProperty("Resource").GetString());
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
            // The deliberate recoveries: an existing claim is read, a missing stack instance is created, and an account
            // request whose answer was lost is looked up.
            if (errors[0].GetString() is "DynamoDB.ConditionalCheckFailedException" or "CloudFormation.StackInstanceNotFoundException"
                || (from == "CreateAccount" && next == "LetAccountRequestSettle"))
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
        Assert.Equal("$.deployment.parameterOverrides", parameters.GetProperty("ParameterOverrides.$").GetString());
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
        foreach (var name in new[] { "CheckRequest", "ComputeScheduleSlot", "ResolveTenantValues", "BuildParameterOverrides", "CountOperationPoll", "MatchAccountRequest" })
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
