using System.Globalization;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;

namespace Insight.Sdk.Cdk.Platform;

public partial class AccountVending
{
    /// <summary>
    /// Place: compute the account's schedule slot, move it into the tenants unit unless it is there already, tag it,
    /// settle the tenant's values (<see cref="TenantValuesExpression"/>) and register them, then <paramref name="deploy"/>.
    /// </summary>
    private IChainable Place(IChainable deploy, FailureEnds failures)
    {
        var computeSlot = Jsonata(
            "ComputeScheduleSlot",
            "The account's schedule slot, as ScheduleSlots.ForAccount computes it.",
            "$merge([$states.input, {'scheduleSlot': " + ScheduleSlotExpression("$states.input.account.id") + "}])");
        var findParent = Transient(Organizations("FindAccountParent", "listParents", new Dictionary<string, object>
        {
            ["ChildId.$"] = "$.account.id",
        }, "$.parents"));
        OnError(findParent, failures.Move);
        var inTenantsUnit = new Choice(this, "InTenantsUnit?");
        var moveAccount = Transient(Organizations("MoveAccount", "moveAccount", new Dictionary<string, object>
        {
            ["AccountId.$"] = "$.account.id",
            ["SourceParentId.$"] = "$.parents.Parents[0].Id",
            ["DestinationParentId"] = _settings.TenantsOrganizationalUnitId,
        }, OrganizationsCallResult));
        OnError(moveAccount, failures.Move);
        var tagAccount = Transient(Organizations("TagAccount", "tagResource", new Dictionary<string, object>
        {
            ["ResourceId.$"] = "$.account.id",
            ["Tags"] = new object[]
            {
                new Dictionary<string, object> { ["Key"] = GuardrailPolicies.TenantTagKey, ["Value.$"] = "$.tenantId" },
                new Dictionary<string, object> { ["Key"] = "insight:schedule-slot", ["Value.$"] = "$.scheduleSlot" },
            },
        }, OrganizationsCallResult));
        OnError(tagAccount, failures.Tagging);
        var tenantValues = Jsonata(
            "ResolveTenantValues",
            "The tenant's settings and token values: the request's, else the registry's, else the platform's defaults.",
            TenantValuesExpression(_settings.Authentication));
        var values = new Dictionary<string, DynamoAttributeValue>
        {
            [":account"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.account.id")),
            [":slot"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.scheduleSlot")),
            [":settings"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.settings")),
            [":overrides"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.overrides")),
            [":registered"] = DynamoAttributeValue.FromString("REGISTERED"),
            [":now"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.State.EnteredTime")),
        };
        if (_monitoring is not null)
        {
            values[":range"] = DynamoAttributeValue.NumberFromString(JsonPath.StringAt("$.monitoringRangeText"));
        }

        var register = Transient(new DynamoUpdateItem(this, "RegisterTenant", new DynamoUpdateItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            UpdateExpression = "SET accountId = :account, scheduleSlot = :slot, settings = :settings, overrides = :overrides, #status = :registered, registeredAt = :now"
                + (_monitoring is null ? string.Empty : ", monitoringRange = :range"),

            // A tenant never moves to a different account by repeating a request.
            ConditionExpression = "attribute_not_exists(accountId) OR accountId = :account",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            ExpressionAttributeValues = values,
            ResultPath = JsonPath.DISCARD,
        }));
        OnError(register, failures.Registration);

        computeSlot.Next(findParent);
        findParent.Next(inTenantsUnit
            .When(Condition.StringEquals("$.parents.Parents[0].Id", _settings.TenantsOrganizationalUnitId), tagAccount)
            .Otherwise(moveAccount));
        moveAccount.Next(tagAccount);
        tagAccount.Next(tenantValues);
        tenantValues.Next(_monitoring is null ? register : MonitoringRange(register, failures));
        register.Next(deploy);
        return computeSlot;
    }

    /// <summary>
    /// The account's monitoring range: the one the registry holds for the tenant, else the next free place — a counter in
    /// the registry, filled range by range (<see cref="AlertPlan.AccountsPerMonitoringAccount"/> accounts each) — then
    /// <paramref name="register"/>, which stores it.
    /// </summary>
    private IChainable MonitoringRange(IChainable register, FailureEnds failures)
    {
        var plan = _monitoring!.Plan;
        var read = Jsonata(
            "ReadMonitoringRange",
            "The monitoring range registered for the tenant, or -1.",
            "$merge([$states.input, {'monitoringRange': $exists($states.input.registry.Item.monitoringRange.N) ? $number($states.input.registry.Item.monitoringRange.N) : -1}])");
        var count = Transient(new DynamoUpdateItem(this, "CountMonitoredAccount", new DynamoUpdateItemProps
        {
            Table = Registry,
            Key = new Dictionary<string, DynamoAttributeValue> { ["tenantId"] = DynamoAttributeValue.FromString(MonitoringCounterKey) },
            UpdateExpression = "ADD assigned :one",
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue> { [":one"] = DynamoAttributeValue.FromNumber(1) },
            ReturnValues = DynamoReturnValues.UPDATED_NEW,
            ResultPath = "$.monitoringCounter",
        }));
        OnError(count, failures.Registration);
        var assign = Jsonata(
            "AssignMonitoringRange",
            "The next place in the monitoring accounts: ranges fill one after another.",
            "$merge([$states.input, {'monitoringRange': $floor(($number($states.input.monitoringCounter.Attributes.assigned.N) - 1) / "
                + plan.AccountsPerMonitoringAccount.ToString(CultureInfo.InvariantCulture) + ")}])");
        var text = Jsonata("FormatMonitoringRange", "The range as the registry stores it.", "$merge([$states.input, {'monitoringRangeText': $string($states.input.monitoringRange)}])");
        var ranges = _monitoring.Settings.Accounts.Count / plan.Groups.Count;

        read.Next(new Choice(this, "MonitoringRangeKnown?")
            .When(Condition.NumberGreaterThanEquals("$.monitoringRange", 0), text)
            .Otherwise(count));
        count.Next(assign);
        assign.Next(new Choice(this, "MonitoringRangeAvailable?")
            .When(Condition.NumberLessThan("$.monitoringRange", ranges), text)
            .Otherwise(failures.MonitoringCapacity));
        text.Next(register);
        return read;
    }
}
