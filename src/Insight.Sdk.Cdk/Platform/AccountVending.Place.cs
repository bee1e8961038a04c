using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;

namespace Insight.Sdk.Cdk.Platform;

public partial class AccountVending
{
    /// <summary>
    /// Place: compute the account's schedule slot, move it into the tenants unit unless it is there already, tag it and
    /// register it, then <paramref name="deploy"/>.
    /// </summary>
    private IChainable Place(IChainable deploy, FailureEnds failures)
    {
        var computeSlot = Jsonata(
            "ComputeScheduleSlot",
            "The account's schedule slot, as ScheduleSlots.ForAccount computes it.",
            "$merge([$states.input, {'scheduleSlot': " + ScheduleSlotExpression("$states.input.account.id") + "}])");
        var findParent = Transient(Organizations("FindAccountParent", "listParents", new Dictionary<string, object>
        {
            ["ChildId"] = JsonPath.StringAt("$.account.id"),
        }, "$.parents"));
        OnError(findParent, failures.Move);
        var inTenantsUnit = new Choice(this, "InTenantsUnit?");
        var moveAccount = Transient(Organizations("MoveAccount", "moveAccount", new Dictionary<string, object>
        {
            ["AccountId"] = JsonPath.StringAt("$.account.id"),
            ["SourceParentId"] = JsonPath.StringAt("$.parents.Parents[0].Id"),
            ["DestinationParentId"] = _settings.TenantsOrganizationalUnitId,
        }, JsonPath.DISCARD));
        OnError(moveAccount, failures.Move);
        var tagAccount = Transient(Organizations("TagAccount", "tagResource", new Dictionary<string, object>
        {
            ["ResourceId"] = JsonPath.StringAt("$.account.id"),
            ["Tags"] = new object[]
            {
                new Dictionary<string, object> { ["Key"] = GuardrailPolicies.TenantTagKey, ["Value"] = JsonPath.StringAt("$.tenantId") },
                new Dictionary<string, object> { ["Key"] = "insight:schedule-slot", ["Value"] = JsonPath.StringAt("$.scheduleSlot") },
            },
        }, JsonPath.DISCARD));
        OnError(tagAccount, failures.Tagging);
        var register = Transient(new DynamoUpdateItem(this, "RegisterTenant", new DynamoUpdateItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            UpdateExpression = "SET accountId = :account, scheduleSlot = :slot, settings = :settings, #status = :registered, registeredAt = :now",

            // A tenant never moves to a different account by repeating a request.
            ConditionExpression = "attribute_not_exists(accountId) OR accountId = :account",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":account"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.account.id")),
                [":slot"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.scheduleSlot")),
                [":settings"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.settings")),
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
        tagAccount.Next(register);
        register.Next(deploy);
        return computeSlot;
    }
}
