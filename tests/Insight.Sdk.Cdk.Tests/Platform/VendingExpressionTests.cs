using System.Globalization;
using System.Text.Json;
using Insight.Sdk.Cdk.Platform;
using Insight.Sdk.Cdk.Stacks;

namespace Insight.Sdk.Cdk.Tests.Platform;

/// <summary>The state machine's JSONata states, evaluated as Step Functions evaluates them.</summary>
[Collection(SynthCollection.Name)]
public sealed class VendingExpressionTests
{
    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    [Fact]
    public void The_state_machine_computes_the_same_schedule_slot_as_ScheduleSlots_ForAccount()
    {
        var random = new Random(7);
        var accounts = Enumerable.Range(0, 600).Select(_ => random.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture))
            .Concat(["345678901234", "456789012345", "567890123456", "000000000001"])
            .ToList();

        var outputs = Jsonata.Evaluate(
            Platform.JsonataExpression("ComputeScheduleSlot"),
            accounts.Select(a => (object)new { tenantId = "t", account = new { id = a } }));

        Assert.Equal(accounts.Select(ScheduleSlots.ForAccount), outputs.Select(o => o.GetProperty("scheduleSlot").GetString()));

        // The state adds the slot and keeps everything else.
        Assert.Equal("t", outputs[0].GetProperty("tenantId").GetString());
        Assert.Equal(accounts[0], outputs[0].GetProperty("account").GetProperty("id").GetString());
        Assert.True(outputs.Select(o => o.GetProperty("scheduleSlot").GetString()).Distinct().Count() > 50);
    }

    [Fact]
    public void Requests_are_checked_before_any_account_is_created()
    {
        object Request(string? tenant = "acme-logistics", string? email = "aws+acme@example.com", object? settings = null, string? issuer = null, string? claim = null)
        {
            var request = new Dictionary<string, object?> { ["accountName"] = "insight-acme" };
            if (tenant is not null)
            {
                request["tenantId"] = tenant;
            }

            if (email is not null)
            {
                request["accountEmail"] = email;
            }

            if (settings is not null)
            {
                request["settings"] = settings;
            }

            if (issuer is not null)
            {
                request["jwtIssuer"] = issuer;
            }

            if (claim is not null)
            {
                request["tenantClaim"] = claim;
            }

            return request;
        }

        var outputs = Jsonata.Evaluate(Platform.JsonataExpression("CheckRequest"),
        [
            Request(),
            Request(settings: """{"shiftStart":"06:00"}""", issuer: "https://login.acme.example/", claim: "custom:tenant"),
            Request(tenant: "Acme_Logistics"),
            Request(tenant: "a"),
            Request(tenant: null),
            Request(email: null),
            Request(email: "not-an-address"),
            Request(settings: new { shiftStart = "06:00" }),
            Request(issuer: "http://login.acme.example/"),
            Request(claim: "tenant id"),
        ]);

        Assert.Equal([true, true, false, false, false, false, false, false, false, false], outputs.Select(o => o.GetProperty("requestValid").GetBoolean()));

        // Nothing is defaulted here: a value left out must not replace what the registry has for the tenant.
        Assert.False(outputs[0].TryGetProperty("settings", out _));
        Assert.Equal("""{"shiftStart":"06:00"}""", outputs[1].GetProperty("settings").GetString());
    }

    [Fact]
    public void Tenant_values_come_from_the_request_else_the_registry_else_the_platform()
    {
        var defaults = Platform.Settings.Authentication;
        object Registry(string settings, string overrides) => new { Item = new { settings = new { S = settings }, overrides = new { S = overrides } } };
        var outputs = Jsonata.Evaluate(Platform.JsonataExpression("ResolveTenantValues"),
        [
            // A new tenant: nothing given, nothing stored.
            new Dictionary<string, object> { ["tenantId"] = "acme" },

            // Re-vending without settings or token values keeps what is stored.
            new Dictionary<string, object> { ["tenantId"] = "acme", ["registry"] = Registry("""{"shift":"06:00"}""", """{"jwtIssuer":"https://login.acme.example/"}""") },

            // New values replace the stored ones, one by one.
            new Dictionary<string, object>
            {
                ["tenantId"] = "acme", ["settings"] = """{"shift":"07:00"}""", ["jwtAudience"] = "acme-api",
                ["registry"] = Registry("""{"shift":"06:00"}""", """{"jwtIssuer":"https://login.acme.example/"}"""),
            },
        ]);

        static string Value(JsonElement output, string name) => output.GetProperty(name).GetString()!;
        Assert.Equal("{}", Value(outputs[0], "settings"));
        Assert.Equal(defaults.Issuer, Value(outputs[0], "jwtIssuer"));
        Assert.Equal(defaults.Audience, Value(outputs[0], "jwtAudience"));
        Assert.Equal(defaults.TenantClaim, Value(outputs[0], "tenantClaim"));
        Assert.Equal("{}", Value(outputs[0], "overrides"));

        Assert.Equal("""{"shift":"06:00"}""", Value(outputs[1], "settings"));
        Assert.Equal("https://login.acme.example/", Value(outputs[1], "jwtIssuer"));
        Assert.Equal(defaults.Audience, Value(outputs[1], "jwtAudience"));
        Assert.Equal("""{"jwtIssuer":"https://login.acme.example/"}""", Value(outputs[1], "overrides"));

        Assert.Equal("""{"shift":"07:00"}""", Value(outputs[2], "settings"));
        Assert.Equal("https://login.acme.example/", Value(outputs[2], "jwtIssuer"));
        Assert.Equal("acme-api", Value(outputs[2], "jwtAudience"));
        Assert.Equal(
            new Dictionary<string, string> { ["jwtIssuer"] = "https://login.acme.example/", ["jwtAudience"] = "acme-api" },
            JsonSerializer.Deserialize<Dictionary<string, string>>(Value(outputs[2], "overrides")));
    }

    [Fact]
    public void One_step_writes_every_stack_instance_s_overrides_the_tenant_s_and_the_region_s()
    {
        var regional = new[] { new { ParameterKey = "ArtifactBucket", ParameterValue = "artifacts-eu-west-1" } };
        var output = Assert.Single(Jsonata.Evaluate(Platform.JsonataExpression("BuildParameterOverrides"),
        [
            new
            {
                tenantId = "acme-logistics", settings = "{}", scheduleSlot = "S07",
                jwtIssuer = "https://login.acme.example/", jwtAudience = "acme-api", tenantClaim = "tenant_id",
                targets = new object[]
                {
                    new { stackSetName = "insight-A", region = "eu-central-1", regionalOverrides = Array.Empty<object>() },
                    new { stackSetName = "insight-A", region = "eu-west-1", regionalOverrides = regional },
                },
            },
        ]));

        static string[] Pairs(JsonElement deployment) =>
            [.. deployment.GetProperty("parameterOverrides").EnumerateArray().Select(p => $"{p.GetProperty("ParameterKey").GetString()}={p.GetProperty("ParameterValue").GetString()}")];

        var deployments = output.GetProperty("deployments").EnumerateArray().ToList();
        string[] tenant =
        [
            "TenantId=acme-logistics", "TenantSettings={}", "ScheduleSlot=S07", "JwtIssuer=https://login.acme.example/", "JwtAudience=acme-api", "TenantClaim=tenant_id",
        ];
        Assert.Equal(tenant, Pairs(deployments[0]));
        Assert.Equal([.. tenant, "ArtifactBucket=artifacts-eu-west-1"], Pairs(deployments[1]));
        Assert.Equal("eu-west-1", deployments[1].GetProperty("region").GetString());

        // Every per-account parameter the stack sets know is written.
        Assert.Equal(ServiceStackSets.TenantParameterNames.Order(), Pairs(deployments[0]).Select(p => p.Split('=')[0]).Order());
    }

    [Fact]
    public void Operation_polls_wait_longer_each_time_up_to_the_limit()
    {
        var waits = new List<int>();
        object state = new { operationPolls = new { count = 0, waitSeconds = AccountVending.FirstOperationPollSeconds } };
        for (var poll = 0; poll < 10; poll++)
        {
            var output = Assert.Single(Jsonata.Evaluate(Platform.JsonataExpression("CountOperationPoll"), [state]));
            waits.Add(output.GetProperty("operationPolls").GetProperty("waitSeconds").GetInt32());
            Assert.Equal(poll + 1, output.GetProperty("operationPolls").GetProperty("count").GetInt32());
            state = JsonSerializer.Deserialize<JsonElement>(output.GetRawText());
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(AccountVending.OperationPollSeconds), waits);
        Assert.Equal(AccountVending.MaxOperationPollSeconds, waits[^1]);
    }

    [Fact]
    public void A_lost_account_request_is_found_by_name_and_time()
    {
        object Page(string? nextToken, params object[] statuses) => nextToken is null
            ? new { CreateAccountStatuses = statuses }
            : new { CreateAccountStatuses = statuses, NextToken = nextToken };
        object Status(string id, string name, string requested) => new { Id = id, AccountName = name, State = "IN_PROGRESS", RequestedTimestamp = requested };
        object Input(object page, int? pages = null) => pages is null
            ? new { accountName = "insight-acme", receivedAt = "2025-03-01T10:00:00.000Z", accountRequests = page }
            : new { accountName = "insight-acme", receivedAt = "2025-03-01T10:00:00.000Z", accountRequests = page, accountLookup = new { pages } };

        var outputs = Jsonata.Evaluate(Platform.JsonataExpression("MatchAccountRequest"),
        [
            Input(Page(null, Status("car-other", "insight-other", "2025-03-01T10:00:01.000Z"), Status("car-acme", "insight-acme", "2025-03-01T10:00:02.000Z"))),
            Input(Page("page-2", Status("car-old", "insight-acme", "2025-01-01T10:00:00.000Z")), pages: 3),
            Input(Page(null)),
        ]);

        Assert.True(outputs[0].GetProperty("accountLookup").GetProperty("found").GetBoolean());
        Assert.Equal("car-acme", outputs[0].GetProperty("createAccount").GetProperty("CreateAccountStatus").GetProperty("Id").GetString());

        // An older request for the same name is another account; the next page is searched.
        Assert.False(outputs[1].GetProperty("accountLookup").GetProperty("found").GetBoolean());
        Assert.Equal("page-2", outputs[1].GetProperty("accountLookup").GetProperty("nextToken").GetString());
        Assert.Equal(4, outputs[1].GetProperty("accountLookup").GetProperty("pages").GetInt32());
        Assert.False(outputs[1].TryGetProperty("createAccount", out _));

        Assert.False(outputs[2].GetProperty("accountLookup").GetProperty("found").GetBoolean());
        Assert.False(outputs[2].GetProperty("accountLookup").TryGetProperty("nextToken", out _));
    }
}
