using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Amazon.CDK.AWS.IAM;
using CdkAws = Amazon.CDK.Aws;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>The state builders every part of the vending state machine uses.</summary>
public partial class AccountVending
{
    private CallAwsService Organizations(string id, string action, Dictionary<string, object> parameters, string resultPath) =>
        new(this, id, new CallAwsServiceProps
        {
            Service = "organizations",
            Action = action,
            Parameters = parameters,

            // Organizations account ARNs carry the management account and organization ids, and CreateAccount and
            // DescribeCreateAccountStatus take no resource at all.
            IamResources = ["*"],
            Credentials = _organizationsCredentials,
            ResultPath = resultPath,
        });

    private CallAwsService CloudFormation(string id, string action, Dictionary<string, object> parameters, string resultPath) =>
        new(this, id, new CallAwsServiceProps
        {
            Service = "cloudformation",
            Action = action,
            Parameters = parameters,
            IamResources =
            [
                $"arn:{CdkAws.PARTITION}:cloudformation:{CdkAws.REGION}:{CdkAws.ACCOUNT_ID}:stackset/{_settings.StackSetNamePrefix}*",
                $"arn:{CdkAws.PARTITION}:cloudformation:*:{CdkAws.ACCOUNT_ID}:stackset-target/{_settings.StackSetNamePrefix}*",
            ],
            ResultPath = resultPath,
        });

    private T Transient<T>(T task)
        where T : TaskStateBase
    {
        task.AddRetry(new RetryProps
        {
            Errors = TransientErrors,
            Interval = Duration.Seconds(2),
            BackoffRate = 2,
            MaxAttempts = 6,
            JitterStrategy = JitterType.FULL,
        });
        return task;
    }

    private static void OnError(TaskStateBase task, IChainable failure) =>
        task.AddCatch(failure, new CatchProps { Errors = [Errors.ALL], ResultPath = "$.error" });

    /// <summary>A failure end: notify the platform topic, then fail with <paramref name="error"/> and the cause found at <paramref name="causePath"/> (or <paramref name="cause"/>).</summary>
    private IChainable Failure(string name, string? causePath = null, string? cause = null, string? error = null)
    {
        var fail = new Fail(this, name, new FailProps { Error = error ?? name, Cause = cause, CausePath = causePath });
        var notify = Transient(new SnsPublish(this, $"Notify{name}", new SnsPublishProps
        {
            Topic = _notifications,
            Subject = $"Insight account vending failed: {error ?? name}",
            Message = TaskInput.FromObject(new Dictionary<string, object>
            {
                ["event"] = "TenantVendingFailed",
                ["error"] = error ?? name,
                ["tenantId"] = JsonPath.StringAt("$.tenantId"),
                ["cause"] = causePath is null ? cause! : JsonPath.StringAt(causePath),
                ["execution"] = JsonPath.StringAt("$$.Execution.Id"),
            }),
            ResultPath = JsonPath.DISCARD,
        }));

        // A notification that cannot be sent must not hide the failure it reports.
        notify.AddCatch(fail, new CatchProps { ResultPath = "$.notifyError" });
        return notify.Next(fail);
    }

    private Pass Count(string id, string path) => new(this, id, new PassProps
    {
        Parameters = new Dictionary<string, object> { ["count"] = JsonPath.MathAdd(JsonPath.NumberAt(path + ".count"), 1) },
        ResultPath = path,
    });

    private CustomState Jsonata(string id, string comment, string expression) => new(this, id, new CustomStateProps
    {
        StateJson = new Dictionary<string, object>
        {
            ["Type"] = "Pass",
            ["Comment"] = comment,

            // One state in JSONata: it has the hash, regular expressions and array functions JSONPath lacks.
            ["QueryLanguage"] = "JSONata",
            ["Output"] = "{% " + expression + " %}",
        },
    });

    private Dictionary<string, DynamoAttributeValue> TenantKey() => new()
    {
        ["tenantId"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.tenantId")),
    };
}
