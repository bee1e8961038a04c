using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Amazon.CDK.AWS.IAM;
using CdkAws = Amazon.CDK.Aws;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>The state builders every part of the vending state machine uses.</summary>
public partial class AccountVending
{
    // Where an Organizations call's answer goes when nothing reads it (each call overwrites the last).
    private const string OrganizationsCallResult = "$.organizationsCall";

    /// <summary>The Organizations actions vending calls, each granted once in <see cref="GrantOrganizations"/>.</summary>
    public static IReadOnlyList<string> OrganizationsActions { get; } =
    [
        "createAccount", "describeCreateAccountStatus", "listCreateAccountStatus", "listParents", "moveAccount", "tagResource",
    ];

    /// <summary>
    /// An Organizations call as a task state written out, so the state machine's role gets no grant for it: through the
    /// management account's role (<see cref="PlatformSettings.OrganizationsRoleArn"/>) when there is one, whose own
    /// policy governs the call; otherwise with the grants of <see cref="GrantOrganizations"/>.
    /// Path-valued parameters are written with keys ending in <c>.$</c>, as in the state language.
    /// </summary>
    private CustomState Organizations(string id, string action, Dictionary<string, object> parameters, string resultPath)
    {
        if (!OrganizationsActions.Contains(action))
        {
            throw new ArgumentException($"organizations:{action} is not among the granted OrganizationsActions.", nameof(action));
        }

        var state = new Dictionary<string, object>
        {
            ["Type"] = "Task",
            ["Resource"] = $"arn:{CdkAws.PARTITION}:states:::aws-sdk:organizations:{action}",
            ["Parameters"] = parameters,
            ["ResultPath"] = resultPath,
        };
        if (_settings.OrganizationsRoleArn is { } role)
        {
            state["Credentials"] = new Dictionary<string, object> { ["RoleArn"] = role };
        }

        return new CustomState(this, id, new CustomStateProps { StateJson = state });
    }

    /// <summary>
    /// Lets the state machine make its Organizations calls: assume the management account's role when one is set (and
    /// nothing else), or else the calls themselves — the account requests on <c>*</c> (they take no resource) and the
    /// account, unit and root actions on the organization's ARNs.
    /// </summary>
    private void GrantOrganizations()
    {
        if (_settings.OrganizationsRoleArn is { } role)
        {
            StateMachine.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["sts:AssumeRole"], Resources = [role] }));
            return;
        }

        StateMachine.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["organizations:CreateAccount", "organizations:DescribeCreateAccountStatus", "organizations:ListCreateAccountStatus"],
            Resources = ["*"],
        }));
        var organization = _settings.OrganizationId;
        StateMachine.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["organizations:ListParents", "organizations:MoveAccount", "organizations:TagResource"],
            Resources =
            [
                $"arn:{CdkAws.PARTITION}:organizations::{CdkAws.ACCOUNT_ID}:account/{organization}/*",
                $"arn:{CdkAws.PARTITION}:organizations::{CdkAws.ACCOUNT_ID}:ou/{organization}/*",
                $"arn:{CdkAws.PARTITION}:organizations::{CdkAws.ACCOUNT_ID}:root/{organization}/*",
            ],
        }));
    }

    private CallAwsService CloudFormation(string id, string action, Dictionary<string, object> parameters, string resultPath) =>
        new(this, id, new CallAwsServiceProps
        {
            Service = "cloudformation",
            Action = action,
            Parameters = parameters,
            IamResources = [.. ServiceStackSets.IamResources(_settings)],
            ResultPath = resultPath,
        });

    private T Transient<T>(T task)
        where T : TaskStateBase
    {
        task.AddRetry(TransientRetry(TransientErrors));
        return task;
    }

    private CustomState Transient(CustomState task, IReadOnlyList<string>? errors = null)
    {
        task.AddRetry(TransientRetry(errors ?? TransientErrors));
        return task;
    }

    private static RetryProps TransientRetry(IReadOnlyList<string> errors) => new()
    {
        Errors = [.. errors],
        Interval = Duration.Seconds(2),
        BackoffRate = 2,
        MaxAttempts = 6,
        JitterStrategy = JitterType.FULL,
    };

    private static void OnError(TaskStateBase task, IChainable failure) =>
        task.AddCatch(failure, new CatchProps { Errors = [Errors.ALL], ResultPath = "$.error" });

    private static void OnError(CustomState task, IChainable failure) =>
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
