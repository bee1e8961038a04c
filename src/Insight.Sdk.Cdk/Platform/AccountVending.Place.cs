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
        var register = Transient(new DynamoUpdateItem(this, "RegisterTenant", new DynamoUpdateItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            UpdateExpression = "SET accountId = :account, scheduleSlot = :slot, settings = :settings, overrides = :overrides, #status = :registered, registeredAt = :now",

            // A tenant never moves to a different account by repeating a request.
            ConditionExpression = "attribute_not_exists(accountId) OR accountId = :account",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":account"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.account.id")),
                [":slot"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.scheduleSlot")),
                [":settings"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.settings")),
                [":overrides"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.overrides")),
                [":registered"] = DynamoAttributeValue.FromString("REGISTERED"),
                [":now"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.State.EnteredTime")),
            },
            ResultPath = JsonPath.DISCARD,
        }));
        OnError(register, failures.Registration);

        computeSlot.Next(findParent);
        findParent.Next(inTenantsUnit
            .When(Condition.StringEquals("$.parents.Parents[0].Id", _settings.TenantsOrganizationalUnitId), tagAccount)
            .Otherwise(moveAccount));
        moveAccount.Next(tagAccount);
        tagAccount.Next(tenantValues);
        tenantValues.Next(register);
        register.Next(deploy);
        return computeSlot;
    }
}
