using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Insight.Sdk.Cdk.Stacks;
using Insight.Sdk.Fleet;
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
public partial class AccountVending : Construct
{
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
        + "'requestValid': $type($states.input.tenantId) = 'string' and $contains($states.input.tenantId, /" + TenantId.Pattern + "/) "
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

    /// <summary>
    /// The state machine, from its named parts: <see cref="Claim"/> the tenant (or find what an earlier request left),
    /// <see cref="Create"/> the account and wait for it, <see cref="Place"/> it (schedule slot, tenants unit, tags,
    /// registry), <see cref="Deploy"/> every service's stack instance, and <see cref="Finish"/> (mark active, notify).
    /// Each part is built with the part it leads to, so the wiring reads back to front.
    /// </summary>
    private IChainable Definition(ServiceStackSets stackSets)
    {
        var failures = new FailureEnds(this);
        var finish = Finish(failures);
        var deploy = Deploy(stackSets, finish, failures);
        var place = Place(deploy, failures);
        var create = Create(place, failures);
        return Claim(create, place, failures);
    }

    /// <summary>The failure ends, each created the first time a part needs it: notify (when the tenant is claimed), then fail.</summary>
    private sealed class FailureEnds(AccountVending vending)
    {
        private IChainable? _createAccount;
        private IChainable? _createAccountRejected;
        private IChainable? _createAccountTimedOut;
        private IChainable? _move;
        private IChainable? _tagging;
        private IChainable? _registration;
        private IChainable? _stackInstances;

        public IChainable CreateAccount => _createAccount ??= vending.Failure("CreateAccountFailed", "$.error.Cause");

        public IChainable CreateAccountRejected => _createAccountRejected ??=
            vending.Failure("CreateAccountRejected", "$.createAccount.CreateAccountStatus.FailureReason", error: "CreateAccountFailed");

        public IChainable CreateAccountTimedOut => _createAccountTimedOut ??= vending.Failure(
            "CreateAccountTimedOut",
            cause: "The account was not created within the polling window; repeat the request to resume waiting (the registry keeps its request id).");

        public IChainable Move => _move ??= vending.Failure("MoveFailed", "$.error.Cause");

        public IChainable Tagging => _tagging ??= vending.Failure("TaggingFailed", "$.error.Cause");

        public IChainable Registration => _registration ??= vending.Failure("RegistrationFailed", "$.error.Cause");

        public IChainable StackInstances => _stackInstances ??= vending.Failure("StackInstancesFailed", "$.error.Cause");
    }

}
