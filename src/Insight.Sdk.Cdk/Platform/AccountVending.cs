using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Insight.Sdk.Cdk.Stacks;
using CdkAws = Amazon.CDK.Aws;
using LogGroupProps = Amazon.CDK.AWS.Logs.LogGroupProps;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// Creates a tenant's account and deploys every service into it: a Step Functions state machine that claims the tenant
/// in the registry, creates the account, waits for it, moves it into the tenants unit, tags it, registers it and pins its
/// stack instances' tenant values in every service's stack set, then notifies the platform topic.
/// </summary>
/// <remarks>
/// <para>Input: <c>{"tenantId": "acme-logistics", "accountName": "insight-acme-logistics", "accountEmail": "…", "settings": "{…}"}</c>
/// (<c>settings</c> optional, a JSON string).</para>
/// <para>Repeating a request is safe: the registry claim is conditional, a tenant that already has an account reuses it,
/// an interrupted account creation is resumed from its request id, and every later step converges (the move only
/// when the account is elsewhere, stack instances are updated when they exist and created when not).</para>
/// <para>Every failure ends in a <see cref="Fail"/> state whose error names the step (<see cref="FailureErrors"/>) and
/// whose cause explains it; failures after the claim also notify the platform topic.</para>
/// </remarks>
public class AccountVending : Construct
{
    /// <summary>
    /// The tenant id rule of the service stacks' <c>TenantId</c> parameter, checked before an account is created so a
    /// bad id never costs an account.
    /// </summary>
    public const string TenantIdPattern = "^[a-z0-9][a-z0-9-]{1,62}$";

    /// <summary>How many times account creation is polled (every 20 s) before vending gives up waiting.</summary>
    public const int AccountCreationPolls = 90;

    /// <summary>How many times one stack-instance operation is polled (every 60 s); queued behind a fleet rollout it may wait hours.</summary>
    public const int StackInstancePolls = 720;

    // Throttling and concurrent-change errors, as Step Functions names them for these integrations. The generic
    // CloudFormation error is where the API's Throttling code lands; the attempts are bounded, so a real error still fails.
    private static readonly string[] TransientErrors =
    [
        "Organizations.TooManyRequestsException", "Organizations.ConcurrentModificationException", "Organizations.ServiceException",
        "CloudFormation.OperationInProgressException", "CloudFormation.CloudFormationException",
        "DynamoDB.ProvisionedThroughputExceededException", "DynamoDB.ThrottlingException", "DynamoDB.RequestLimitExceeded",
        "DynamoDB.InternalServerErrorException", "SNS.ThrottledException",
    ];

    private readonly PlatformSettings _settings;
    private readonly ITopic _notifications;
    private readonly Credentials? _organizationsCredentials;

    /// <summary>Creates the registry table and the state machine.</summary>
    public AccountVending(Construct scope, string id, PlatformSettings settings, ServiceStackSets stackSets, ITopic notifications)
        : base(scope, id)
    {
        _settings = settings;
        _notifications = notifications;
        _organizationsCredentials = settings.OrganizationsRoleArn is null
            ? null
            : new Credentials { Role = TaskRole.FromRole(Role.FromRoleArn(this, "OrganizationsRole", settings.OrganizationsRoleArn)) };

        Registry = new Table(this, "Registry", new TableProps
        {
            TableName = settings.RegistryTableName,
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "tenantId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        var definition = Definition(stackSets);
        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            StateMachineType = StateMachineType.STANDARD,
            DefinitionBody = DefinitionBody.FromChainable(definition),
            Comment = "Insight account vending: one tenant, one account, every service.",

            // The stack-instance polls are bounded by their own count; this is the outer limit.
            Timeout = Duration.Hours(24),
            Logs = new LogOptions
            {
                Destination = new LogGroup(this, "Logs", new LogGroupProps { Retention = RetentionDays.THREE_MONTHS, RemovalPolicy = RemovalPolicy.RETAIN }),
                Level = LogLevel.ERROR,
            },
        });
        if (settings.CallAs == "DELEGATED_ADMIN")
        {
            // StackSets checks that a delegated administrator really is one.
            StateMachine.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["organizations:ListDelegatedAdministrators"],
                Resources = ["*"],
            }));
        }
    }

    /// <summary>The errors vending can end with, one per failing step.</summary>
    public static IReadOnlyList<string> FailureErrors { get; } =
    [
        "InvalidRequest", "VendingInProgress", "CreateAccountFailed", "CreateAccountTimedOut", "MoveFailed", "TaggingFailed",
        "RegistrationFailed", "StackInstancesFailed",
    ];

    /// <summary>The tenant registry: one item per tenant (<c>tenantId</c>, <c>accountId</c>, <c>scheduleSlot</c>, <c>settings</c>, <c>status</c>).</summary>
    public Table Registry { get; }

    /// <summary>The vending state machine.</summary>
    public StateMachine StateMachine { get; }

    /// <summary>
    /// A JSONata expression for the schedule slot of the account whose id is at <paramref name="accountId"/>: the same
    /// slot as <see cref="ScheduleSlots.ForAccount"/> (the first two bytes of the id's SHA-256 as a little-endian number,
    /// modulo 60), computed in the state machine with Step Functions' <c>$hash</c>, so no function has to be deployed.
    /// </summary>
    public static string ScheduleSlotExpression(string accountId) =>
        "($hex := $lowercase($hash(" + accountId + ", 'SHA-256')); "
        + "$digits := '0123456789abcdef'; "
        + "$byte := function($at) { $length($substringBefore($digits, $substring($hex, $at, 1))) * 16 + $length($substringBefore($digits, $substring($hex, $at + 1, 1))) }; "
        + "'S' & $pad($string(($byte(0) + 256 * $byte(2)) % 60), -2, '0'))";

    /// <summary>The JSONata expression that checks a request and fills in its optional settings.</summary>
    public static string RequestCheckExpression { get; } =
        "$merge([$states.input, {"
        + "'settings': $exists($states.input.settings) ? $states.input.settings : '{}', "
        + "'requestValid': $type($states.input.tenantId) = 'string' and $contains($states.input.tenantId, /" + TenantIdPattern + "/) "
        + "and $type($states.input.accountName) = 'string' and $type($states.input.accountEmail) = 'string' "
        + "and $contains($states.input.accountEmail, '@') "
        + "and (($exists($states.input.settings) = false) or $type($states.input.settings) = 'string')}])";

    /// <summary>The JSONata expression that builds one stack instance's parameter overrides: the tenant's values and the region's.</summary>
    public static string ParameterOverridesExpression { get; } =
        "$merge([$states.input, {'parameterOverrides': $append(["
        + "{'ParameterKey': 'TenantId', 'ParameterValue': $states.input.tenantId}, "
        + "{'ParameterKey': 'TenantSettings', 'ParameterValue': $states.input.settings}, "
        + "{'ParameterKey': 'ScheduleSlot', 'ParameterValue': $states.input.scheduleSlot}], "
        + "$states.input.target.regionalOverrides)}])";

    private IChainable Definition(ServiceStackSets stackSets)
    {
        // Failure ends: each notifies (when the tenant is claimed) and fails with its own error.
        var invalidRequest = new Fail(this, "InvalidRequest", new FailProps
        {
            Error = "InvalidRequest",
            Cause = $"A vending request needs tenantId (matching {TenantIdPattern}), accountName, accountEmail and optionally settings as a JSON string.",
        });
        var vendingInProgress = new Fail(this, "VendingInProgress", new FailProps
        {
            Error = "VendingInProgress",
            Cause = "Another execution has claimed this tenant and not yet requested its account; let it finish, or remove its registry item if it died.",
        });
        var createAccountFailed = Failure("CreateAccountFailed", "$.error.Cause");
        var createAccountRejected = Failure("CreateAccountRejected", "$.createAccount.CreateAccountStatus.FailureReason", error: "CreateAccountFailed");
        var createAccountTimedOut = Failure("CreateAccountTimedOut", cause: "The account was not created within the polling window; repeat the request to resume waiting (the registry keeps its request id).");
        var moveFailed = Failure("MoveFailed", "$.error.Cause");
        var taggingFailed = Failure("TaggingFailed", "$.error.Cause");
        var registrationFailed = Failure("RegistrationFailed", "$.error.Cause");
        var stackInstancesFailed = Failure("StackInstancesFailed", "$.error.Cause");

        // Claim the tenant, or find what an earlier request left.
        var checkRequest = Jsonata("CheckRequest", "Checks the request and defaults its settings.", RequestCheckExpression);
        var claim = Transient(new DynamoPutItem(this, "ClaimTenant", new DynamoPutItemProps
        {
            Table = Registry,
            Item = new Dictionary<string, DynamoAttributeValue>
            {
                ["tenantId"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.tenantId")),
                ["status"] = DynamoAttributeValue.FromString("VENDING"),
                ["accountName"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.accountName")),
                ["accountEmail"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.accountEmail")),
                ["requestedAt"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.State.EnteredTime")),
                ["execution"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
            },
            ConditionExpression = "attribute_not_exists(tenantId)",
            ResultPath = JsonPath.DISCARD,
        }));
        var readRegistry = Transient(new DynamoGetItem(this, "ReadRegistry", new DynamoGetItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            ConsistentRead = true,
            ResultPath = "$.registry",
        }));
        claim.AddCatch(readRegistry, new CatchProps { Errors = ["DynamoDB.ConditionalCheckFailedException"], ResultPath = "$.claimError" });
        OnError(claim, registrationFailed);
        OnError(readRegistry, registrationFailed);

        var useRegisteredAccount = new Pass(this, "UseRegisteredAccount", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["id"] = JsonPath.StringAt("$.registry.Item.accountId.S") },
            ResultPath = "$.account",
        });
        var resumeAccountCreation = new Pass(this, "ResumeAccountCreation", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["CreateAccountStatus"] = new Dictionary<string, object> { ["Id"] = JsonPath.StringAt("$.registry.Item.createAccountRequestId.S") },
            },
            ResultPath = "$.createAccount",
        });

        // Create the account and wait for it.
        var createAccount = Transient(Organizations("CreateAccount", "createAccount", new Dictionary<string, object>
        {
            ["Email"] = JsonPath.StringAt("$.accountEmail"),
            ["AccountName"] = JsonPath.StringAt("$.accountName"),

            // Organizations creates this role in the new account, trusted by the management account.
            ["RoleName"] = _settings.PlatformRoleName,
            ["Tags"] = new object[] { new Dictionary<string, object> { ["Key"] = GuardrailPolicies.TenantTagKey, ["Value"] = JsonPath.StringAt("$.tenantId") } },
        }, "$.createAccount"));
        var releaseClaim = Transient(new DynamoDeleteItem(this, "ReleaseClaim", new DynamoDeleteItemProps
        {
            Table = Registry,
            Key = TenantKey(),

            // Only a claim that never got an account is released; the request can then be corrected and repeated.
            ConditionExpression = "attribute_not_exists(accountId)",
            ResultPath = JsonPath.DISCARD,
        }));
        releaseClaim.Next(createAccountFailed);
        releaseClaim.AddCatch(createAccountFailed, new CatchProps { ResultPath = "$.releaseError" });
        createAccount.AddCatch(releaseClaim, new CatchProps { ResultPath = "$.error" });

        var recordRequest = Transient(new DynamoUpdateItem(this, "RecordAccountRequest", new DynamoUpdateItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            UpdateExpression = "SET createAccountRequestId = :request",
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":request"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.createAccount.CreateAccountStatus.Id")),
            },
            ResultPath = JsonPath.DISCARD,
        }));
        OnError(recordRequest, registrationFailed);

        var startPolling = new Pass(this, "StartPollingAccount", new PassProps { Result = Result.FromObject(new Dictionary<string, object> { ["count"] = 0 }), ResultPath = "$.accountPolls" });
        var waitForAccount = new Wait(this, "WaitForAccount", new WaitProps { Time = WaitTime.Duration(Duration.Seconds(20)) });
        var describeAccount = Transient(Organizations("DescribeCreateAccountStatus", "describeCreateAccountStatus", new Dictionary<string, object>
        {
            ["CreateAccountRequestId"] = JsonPath.StringAt("$.createAccount.CreateAccountStatus.Id"),
        }, "$.createAccount"));
        OnError(describeAccount, createAccountFailed);
        var countAccountPoll = Count("CountAccountPoll", "$.accountPolls");
        var releaseRejectedClaim = Transient(new DynamoDeleteItem(this, "ReleaseRejectedClaim", new DynamoDeleteItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            ConditionExpression = "attribute_not_exists(accountId)",
            ResultPath = JsonPath.DISCARD,
        }));
        releaseRejectedClaim.Next(createAccountRejected);
        releaseRejectedClaim.AddCatch(createAccountRejected, new CatchProps { ResultPath = "$.releaseError" });
        var accountState = "$.createAccount.CreateAccountStatus.State";
        var accountCreated = new Choice(this, "AccountCreated?");

        var recordAccount = Transient(new DynamoUpdateItem(this, "RecordAccount", new DynamoUpdateItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            UpdateExpression = "SET accountId = :account, #status = :created",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":account"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.createAccount.CreateAccountStatus.AccountId")),
                [":created"] = DynamoAttributeValue.FromString("ACCOUNT_CREATED"),
            },
            ResultPath = JsonPath.DISCARD,
        }));
        OnError(recordAccount, registrationFailed);
        var useCreatedAccount = new Pass(this, "UseCreatedAccount", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["id"] = JsonPath.StringAt("$.createAccount.CreateAccountStatus.AccountId") },
            ResultPath = "$.account",
        });

        // Place the account: schedule slot, tenants unit, tags, registry.
        var computeSlot = Jsonata(
            "ComputeScheduleSlot",
            "The account's schedule slot, as ScheduleSlots.ForAccount computes it.",
            "$merge([$states.input, {'scheduleSlot': " + ScheduleSlotExpression("$states.input.account.id") + "}])");
        var findParent = Transient(Organizations("FindAccountParent", "listParents", new Dictionary<string, object>
        {
            ["ChildId"] = JsonPath.StringAt("$.account.id"),
        }, "$.parents"));
        OnError(findParent, moveFailed);
        var inTenantsUnit = new Choice(this, "InTenantsUnit?");
        var moveAccount = Transient(Organizations("MoveAccount", "moveAccount", new Dictionary<string, object>
        {
            ["AccountId"] = JsonPath.StringAt("$.account.id"),
            ["SourceParentId"] = JsonPath.StringAt("$.parents.Parents[0].Id"),
            ["DestinationParentId"] = _settings.TenantsOrganizationalUnitId,
        }, JsonPath.DISCARD));
        OnError(moveAccount, moveFailed);
        var tagAccount = Transient(Organizations("TagAccount", "tagResource", new Dictionary<string, object>
        {
            ["ResourceId"] = JsonPath.StringAt("$.account.id"),
            ["Tags"] = new object[]
            {
                new Dictionary<string, object> { ["Key"] = GuardrailPolicies.TenantTagKey, ["Value"] = JsonPath.StringAt("$.tenantId") },
                new Dictionary<string, object> { ["Key"] = "insight:schedule-slot", ["Value"] = JsonPath.StringAt("$.scheduleSlot") },
            },
        }, JsonPath.DISCARD));
        OnError(tagAccount, taggingFailed);
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
        OnError(register, registrationFailed);

        // Pin the tenant's values on every service's stack instance, in every region.
        var targets = new Pass(this, "ListStackInstanceTargets", new PassProps
        {
            Result = Result.FromArray([.. stackSets.StackSets.Keys.SelectMany(service => stackSets.Regions.Select(region => (object)new Dictionary<string, object>
            {
                ["stackSetName"] = _settings.StackSetName(service),
                ["region"] = region,
                ["regionalOverrides"] = stackSets.RegionalOverrides(region)
                    .Select(o => (object)new Dictionary<string, object> { ["ParameterKey"] = o.Key, ["ParameterValue"] = o.Value })
                    .ToArray(),
            }))]),
            ResultPath = "$.targets",
        });
        var deploy = new Map(this, "DeployStackInstances", new MapProps
        {
            ItemsPath = "$.targets",
            ItemSelector = new Dictionary<string, object>
            {
                ["target"] = JsonPath.StringAt("$$.Map.Item.Value"),
                ["accountId"] = JsonPath.StringAt("$.account.id"),
                ["tenantId"] = JsonPath.StringAt("$.tenantId"),
                ["settings"] = JsonPath.StringAt("$.settings"),
                ["scheduleSlot"] = JsonPath.StringAt("$.scheduleSlot"),
            },

            // Few at a time: each is its own StackSets operation, and the CloudFormation API throttles.
            MaxConcurrency = 5,
            ResultPath = JsonPath.DISCARD,
        });
        deploy.ItemProcessor(StackInstanceUpsert());
        deploy.AddCatch(stackInstancesFailed, new CatchProps { ResultPath = "$.error" });

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
        OnError(markActive, registrationFailed);
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

        // Wiring.
        var requestValid = new Choice(this, "RequestValid?")
            .When(Condition.BooleanEquals("$.requestValid", true), claim)
            .Otherwise(invalidRequest);
        claim.Next(createAccount);
        readRegistry.Next(new Choice(this, "TenantKnown?")
            .When(Condition.IsPresent("$.registry.Item.accountId"), useRegisteredAccount)
            .When(Condition.IsPresent("$.registry.Item.createAccountRequestId"), resumeAccountCreation)
            .Otherwise(vendingInProgress));
        createAccount.Next(recordRequest);
        recordRequest.Next(startPolling);
        resumeAccountCreation.Next(startPolling);
        startPolling.Next(waitForAccount);
        waitForAccount.Next(describeAccount);
        describeAccount.Next(countAccountPoll);
        countAccountPoll.Next(accountCreated
            .When(Condition.StringEquals(accountState, "SUCCEEDED"), recordAccount)
            .When(Condition.StringEquals(accountState, "FAILED"), releaseRejectedClaim)
            .When(Condition.NumberGreaterThanEquals("$.accountPolls.count", AccountCreationPolls), createAccountTimedOut)
            .Otherwise(waitForAccount));
        recordAccount.Next(useCreatedAccount);
        useCreatedAccount.Next(computeSlot);
        useRegisteredAccount.Next(computeSlot);
        computeSlot.Next(findParent);
        findParent.Next(inTenantsUnit
            .When(Condition.StringEquals("$.parents.Parents[0].Id", _settings.TenantsOrganizationalUnitId), tagAccount)
            .Otherwise(moveAccount));
        moveAccount.Next(tagAccount);
        tagAccount.Next(register);
        register.Next(targets);
        targets.Next(deploy);
        deploy.Next(markActive);
        markActive.Next(notifyVended);
        notifyVended.Next(new Succeed(this, "Vended"));

        return checkRequest.Next(requestValid);
    }

    /// <summary>
    /// For one stack set and region: update the account's instance when it exists (automatic deployment may have created
    /// it with the stack set's values), create it when not, then wait for the operation.
    /// </summary>
    private IChainable StackInstanceUpsert()
    {
        var failed = new Fail(this, "StackInstanceOperationFailed", new FailProps
        {
            Error = "StackInstancesFailed",
            CausePath = "$.error.Cause",
        });
        var operationFailed = new Fail(this, "StackInstanceOperationEndedBadly", new FailProps
        {
            Error = "StackInstancesFailed",
            Cause = "The stack set operation for this account failed or was stopped; ListStackInstances with the account shows each instance's status reason.",
        });
        var timedOut = new Fail(this, "StackInstanceOperationTimedOut", new FailProps
        {
            Error = "StackInstancesFailed",
            Cause = "The stack set operation for this account did not finish within the polling window (it may be queued behind a rollout); repeat the request once it has.",
        });

        var buildOverrides = Jsonata("BuildParameterOverrides", "The tenant's values and the region's for this stack instance.", ParameterOverridesExpression);
        var describe = Transient(CloudFormation("DescribeStackInstance", "describeStackInstance", new Dictionary<string, object>
        {
            ["StackSetName"] = JsonPath.StringAt("$.target.stackSetName"),
            ["StackInstanceAccount"] = JsonPath.StringAt("$.accountId"),
            ["StackInstanceRegion"] = JsonPath.StringAt("$.target.region"),
            ["CallAs"] = _settings.CallAs,
        }, JsonPath.DISCARD));
        var update = Transient(CloudFormation("UpdateStackInstances", "updateStackInstances", InstanceOperation(), "$.operation"));
        var create = Transient(CloudFormation("CreateStackInstances", "createStackInstances", InstanceOperation(), "$.operation"));
        describe.AddCatch(create, new CatchProps { Errors = ["CloudFormation.StackInstanceNotFoundException"], ResultPath = "$.lookup" });
        OnError(describe, failed);
        OnError(update, failed);
        OnError(create, failed);

        var startPolling = new Pass(this, "StartPollingOperation", new PassProps { Result = Result.FromObject(new Dictionary<string, object> { ["count"] = 0 }), ResultPath = "$.operationPolls" });
        var wait = new Wait(this, "WaitForStackInstances", new WaitProps { Time = WaitTime.Duration(Duration.Seconds(60)) });
        var status = Transient(CloudFormation("DescribeStackSetOperation", "describeStackSetOperation", new Dictionary<string, object>
        {
            ["StackSetName"] = JsonPath.StringAt("$.target.stackSetName"),
            ["OperationId"] = JsonPath.StringAt("$.operation.OperationId"),
            ["CallAs"] = _settings.CallAs,
        }, "$.operationStatus"));
        OnError(status, failed);
        var count = Count("CountOperationPoll", "$.operationPolls");
        var statusPath = "$.operationStatus.StackSetOperation.Status";

        buildOverrides.Next(describe);
        describe.Next(update);
        update.Next(startPolling);
        create.Next(startPolling);
        startPolling.Next(wait);
        wait.Next(status);
        status.Next(count);
        count.Next(new Choice(this, "StackInstancesReady?")
            .When(Condition.StringEquals(statusPath, "SUCCEEDED"), new Succeed(this, "StackInstanceReady"))
            .When(Condition.Or(Condition.StringEquals(statusPath, "FAILED"), Condition.StringEquals(statusPath, "STOPPED")), operationFailed)
            .When(Condition.NumberGreaterThanEquals("$.operationPolls.count", StackInstancePolls), timedOut)
            .Otherwise(wait));
        return buildOverrides;
    }

    private Dictionary<string, object> InstanceOperation() => new()
    {
        ["StackSetName"] = JsonPath.StringAt("$.target.stackSetName"),
        ["DeploymentTargets"] = new Dictionary<string, object>
        {
            ["OrganizationalUnitIds"] = new[] { _settings.TenantsOrganizationalUnitId },
            ["Accounts"] = JsonPath.Array(JsonPath.StringAt("$.accountId")),
            ["AccountFilterType"] = "INTERSECTION",
        },
        ["Regions"] = JsonPath.Array(JsonPath.StringAt("$.target.region")),
        ["ParameterOverrides"] = JsonPath.ListAt("$.parameterOverrides"),
        ["OperationPreferences"] = new Dictionary<string, object> { ["FailureToleranceCount"] = 0, ["MaxConcurrentCount"] = 1 },
        ["CallAs"] = _settings.CallAs,
    };

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
