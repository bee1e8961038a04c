using System.Globalization;
using System.Text.Json;
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
        object Request(string? tenant = "acme-logistics", string? email = "aws+acme@example.com", object? settings = null)
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

            return request;
        }

        var outputs = Jsonata.Evaluate(Platform.JsonataExpression("CheckRequest"),
        [
            Request(),
            Request(settings: """{"shiftStart":"06:00"}"""),
            Request(tenant: "Acme_Logistics"),
            Request(tenant: "a"),
            Request(tenant: null),
            Request(email: null),
            Request(email: "not-an-address"),
            Request(settings: new { shiftStart = "06:00" }),
        ]);

        Assert.Equal([true, true, false, false, false, false, false, false], outputs.Select(o => o.GetProperty("requestValid").GetBoolean()));
        Assert.Equal("{}", outputs[0].GetProperty("settings").GetString());
        Assert.Equal("""{"shiftStart":"06:00"}""", outputs[1].GetProperty("settings").GetString());
    }

    [Fact]
    public void Parameter_overrides_carry_the_tenant_values_and_the_region_s()
    {
        var regional = new[] { new { ParameterKey = "ArtifactBucket", ParameterValue = "artifacts-eu-west-1" } };
        var outputs = Jsonata.Evaluate(Platform.JsonataExpression("BuildParameterOverrides"),
        [
            new { tenantId = "acme-logistics", settings = "{}", scheduleSlot = "S07", target = new { stackSetName = "insight-ScanIngest", region = "eu-central-1", regionalOverrides = Array.Empty<object>() } },
            new { tenantId = "acme-logistics", settings = "{}", scheduleSlot = "S07", target = new { stackSetName = "insight-ScanIngest", region = "eu-west-1", regionalOverrides = regional } },
        ]);

        static string[] Pairs(JsonElement output) =>
            [.. output.GetProperty("parameterOverrides").EnumerateArray().Select(p => $"{p.GetProperty("ParameterKey").GetString()}={p.GetProperty("ParameterValue").GetString()}")];

        Assert.Equal(["TenantId=acme-logistics", "TenantSettings={}", "ScheduleSlot=S07"], Pairs(outputs[0]));
        Assert.Equal(["TenantId=acme-logistics", "TenantSettings={}", "ScheduleSlot=S07", "ArtifactBucket=artifacts-eu-west-1"], Pairs(outputs[1]));
    }
}
