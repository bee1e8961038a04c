using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;

namespace Insight.Sdk.Cdk.Platform;

public partial class AccountVending
{
    /// <summary>Finish: mark the tenant active in the registry and tell the platform topic the account is ready.</summary>
    private IChainable Finish(FailureEnds failures)
    {
        var markActive = Transient(new DynamoUpdateItem(this, "MarkActive", new DynamoUpdateItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            UpdateExpression = "SET #status = :active, activatedAt = :now",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":active"] = DynamoAttributeValue.FromString("ACTIVE"),
                [":now"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.State.EnteredTime")),
            },
            ResultPath = JsonPath.DISCARD,
        }));
        OnError(markActive, failures.Registration);
        var notifyVended = Transient(new SnsPublish(this, "NotifyVended", new SnsPublishProps
        {
            Topic = _notifications,
            Subject = "Insight tenant account ready",
            Message = TaskInput.FromObject(new Dictionary<string, object>
            {
                ["event"] = "TenantVended",
                ["tenantId"] = JsonPath.StringAt("$.tenantId"),
                ["accountId"] = JsonPath.StringAt("$.account.id"),
                ["scheduleSlot"] = JsonPath.StringAt("$.scheduleSlot"),
            }),
            ResultPath = JsonPath.DISCARD,
        }));

        markActive.Next(notifyVended);
        notifyVended.Next(new Succeed(this, "Vended"));
        return markActive;
    }
}
