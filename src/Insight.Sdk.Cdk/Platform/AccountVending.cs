using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Insight.Sdk.Cdk.Stacks;
using Insight.Sdk.Fleet;
using LogGroupProps = Amazon.CDK.AWS.Logs.LogGroupProps;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// Creates a tenant's account and deploys every service into it: a Step Functions state machine that claims the tenant
/// in the registry, creates the account, waits for it, moves it into the tenants unit, tags it, registers it and pins its
/// stack instances' tenant values in every service's stack set, then notifies the platform topic.
/// </summary>
/// <remarks>
/// <para>Input: <c>{"tenantId": "acme-logistics", "accountName": "insight-acme-logistics", "accountEmail": "…",
/// "settings": "{…}", "jwtIssuer": "https://…", "jwtAudience": "…", "tenantClaim": "…"}</c>; <c>settings</c> (a JSON
/// string) and the three token values are optional. A value given is stored in the registry; one left out keeps what
/// the registry has for the tenant, or else the platform's default (<see cref="PlatformSettings.Authentication"/>).</para>
/// <para>Repeating a request is safe, under a new execution name (<see cref="ExecutionName"/>): the registry claim is
/// conditional, a tenant that already has an account reuses it, an interrupted account creation is resumed from its
/// request id, an account request whose answer was lost is looked up before anything is sent again, and every later
/// step converges (the move only when the account is elsewhere, stack instances are updated when they exist and
/// created when not).</para>
/// <para>Every failure ends in a <see cref="Fail"/> state whose error names the step (<see cref="FailureErrors"/>) and
/// whose cause explains it; failures after the claim also notify the platform topic.</para>
/// <para>The execution history stays bounded: account creation is polled at most <see cref="AccountCreationPolls"/>
/// times, and each stack instance is deployed and polled in a child execution of its own (a distributed map), at most
/// <see cref="StackInstancePolls"/> times with a growing interval, so neither history can approach Step Functions'
/// 25,000 events however many services and regions there are.</para>
/// </remarks>
public partial class AccountVending : Construct
{
    /// <summary>How many times account creation is polled (every <see cref="AccountPollSeconds"/>) before vending gives up waiting.</summary>
    public const int AccountCreationPolls = 90;

    /// <summary>Seconds between two polls of an account request.</summary>
    public const int AccountPollSeconds = 20;

    /// <summary>
    /// How many times one stack-instance operation is polled; the interval grows from <see cref="FirstOperationPollSeconds"/>
    /// to <see cref="MaxOperationPollSeconds"/>, so the window (<see cref="StackInstancePollWindow"/>) covers a day of
    /// waiting behind a fleet rollout.
    /// </summary>
    public const int StackInstancePolls = 160;

    /// <summary>Seconds before the first poll of a stack-instance operation; each later interval doubles.</summary>
    public const int FirstOperationPollSeconds = 15;

    /// <summary>The longest interval between two polls of a stack-instance operation.</summary>
    public const int MaxOperationPollSeconds = 600;

    /// <summary>How many pages of account requests are searched when CreateAccount's answer was lost (20 requests a page).</summary>
    public const int AccountRequestLookupPages = 50;

    /// <summary>Errors with which Organizations rejects CreateAccount before creating anything: safe to release the claim.</summary>
    public static IReadOnlyList<string> CreateAccountRejections { get; } =
    [
        "Organizations.ConstraintViolationException", "Organizations.DuplicateAccountException", "Organizations.AccessDeniedException",
        "Organizations.InvalidInputException", "Organizations.AWSOrganizationsNotInUseException", "Organizations.FinalizingOrganizationException",
        "Organizations.UnsupportedAPIEndpointException", "Organizations.TooManyRequestsException", "Organizations.ConcurrentModificationException",
    ];

    // Throttling and concurrent-change errors, as Step Functions names them for these integrations. The generic
    // CloudFormation error is where the API's Throttling code lands; the attempts are bounded, so a real error still fails.
    // Organizations' ServiceException is retried only for calls that change nothing or converge (never CreateAccount).
    private static readonly string[] TransientErrors =
    [
        "Organizations.TooManyRequestsException", "Organizations.ConcurrentModificationException", "Organizations.ServiceException",
        "CloudFormation.OperationInProgressException", "CloudFormation.CloudFormationException",
        "DynamoDB.ProvisionedThroughputExceededException", "DynamoDB.ThrottlingException", "DynamoDB.RequestLimitExceeded",
        "DynamoDB.InternalServerErrorException", "SNS.ThrottledException",
    ];

    private readonly PlatformSettings _settings;
    private readonly ITopic _notifications;

    /// <summary>Creates the registry table and the state machine.</summary>
    public AccountVending(Construct scope, string id, PlatformSettings settings, ServiceStackSets stackSets, ITopic notifications)
        : base(scope, id)
    {
        _settings = settings;
        _notifications = notifications;

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

            // Every wait is bounded by its own count; this outer limit leaves both polling windows an hour to spare.
            Timeout = Duration.Seconds(AccountCreationPolls * AccountPollSeconds + StackInstancePollWindow.TotalSeconds + 3600),
            Logs = new LogOptions
            {
                Destination = new LogGroup(this, "Logs", new LogGroupProps { Retention = RetentionDays.THREE_MONTHS, RemovalPolicy = RemovalPolicy.RETAIN }),
                Level = LogLevel.ERROR,
            },
        });
        GrantOrganizations();
        if (settings.CallAs == "DELEGATED_ADMIN")
        {
            // StackSets checks that a delegated administrator really is one; the action takes no resource.
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
        "InvalidRequest", "VendingInProgress", "CreateAccountFailed", "CreateAccountUnresolved", "CreateAccountTimedOut", "MoveFailed",
        "TaggingFailed", "RegistrationFailed", "StackInstancesFailed",
    ];

    /// <summary>
    /// How long one stack-instance operation is waited for at most: the sum of the growing poll intervals.
    /// </summary>
    public static TimeSpan StackInstancePollWindow { get; } = TimeSpan.FromSeconds(
        Enumerable.Range(0, StackInstancePolls).Sum(poll => (long)OperationPollSeconds(poll)));

    /// <summary>The tenant registry: one item per tenant (<c>tenantId</c>, <c>accountId</c>, <c>scheduleSlot</c>, <c>settings</c>, <c>overrides</c>, <c>status</c>).</summary>
    public Table Registry { get; }

    /// <summary>The vending state machine.</summary>
    public StateMachine StateMachine { get; }

    /// <summary>
    /// The name to start a vending execution under: <c>vend-{tenantId}-{attempt}</c>. Step Functions keeps a standard
    /// execution's name for 90 days, so a failed request is repeated as the next attempt (<c>-2</c>, <c>-3</c>, …).
    /// </summary>
    /// <exception cref="ArgumentException">The tenant id is not one, or the attempt is below 1.</exception>
    public static string ExecutionName(string tenantId, int attempt)
    {
        if (!TenantId.IsValid(tenantId))
        {
            throw new ArgumentException($"{tenantId} is not a tenant id ({TenantId.Description}).", nameof(tenantId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);

        // 5 + 63 + 1 + at most 10 digits stays within Step Functions' 80 characters.
        return string.Create(CultureInfo.InvariantCulture, $"vend-{tenantId}-{attempt}");
    }

    /// <summary>The wait before poll <paramref name="poll"/> (0-based) of a stack-instance operation, in seconds.</summary>
    public static int OperationPollSeconds(int poll) =>
        (int)Math.Min(MaxOperationPollSeconds, FirstOperationPollSeconds * Math.Pow(2, Math.Min(poll, 30)));

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

    /// <summary>
    /// The JSONata expression that checks a request: tenant id by <see cref="TenantId.Pattern"/>, account name and email,
    /// and the optional values as strings (settings JSON, an https issuer, a non-empty audience and claim name).
    /// </summary>
    public static string RequestCheckExpression { get; } =
        "($in := $states.input; $optional := function($v, $ok) { $exists($v) = false or ($type($v) = 'string' and $ok($v)) }; "
        + "$merge([$in, {'receivedAt': $states.context.Execution.StartTime, 'requestValid': $type($in.tenantId) = 'string' and $contains($in.tenantId, /" + TenantId.Pattern + "/) "
        + "and $type($in.accountName) = 'string' and $length($in.accountName) > 0 "
        + "and $type($in.accountEmail) = 'string' and $contains($in.accountEmail, '@') "
        + "and $optional($in.settings, function($v) { true }) "
        + "and $optional($in.jwtIssuer, function($v) { $contains($v, /^https:\\/\\/[^\\s]+$/) }) "
        + "and $optional($in.jwtAudience, function($v) { $length($v) > 0 }) "
        + "and $optional($in.tenantClaim, function($v) { $contains($v, /^[A-Za-z0-9_:.\\/-]{1,128}$/) })}]))";

    /// <summary>
    /// The JSONata expression that settles the tenant's values: each of settings, issuer, audience and claim name is the
    /// request's when given, else what the registry stored for the tenant (<c>$states.input.registry</c>, read when the
    /// tenant was claimed before), else the default; <c>overrides</c> keeps only the token values set for this tenant.
    /// </summary>
    public static string TenantValuesExpression(TenantAuthentication defaults) =>
        "($in := $states.input; $stored := $in.registry.Item; "
        + "$storedOverrides := $exists($stored.overrides.S) ? $parse($stored.overrides.S) : {}; "
        + "$given := $merge([$storedOverrides, $sift({'jwtIssuer': $in.jwtIssuer, 'jwtAudience': $in.jwtAudience, 'tenantClaim': $in.tenantClaim}, function($v) { $exists($v) })]); "
        + "$effective := $merge([{'jwtIssuer': " + Literal(defaults.Issuer) + ", 'jwtAudience': " + Literal(defaults.Audience) + ", 'tenantClaim': " + Literal(defaults.TenantClaim) + "}, $given]); "
        + "$merge([$in, $effective, {"
        + "'settings': $exists($in.settings) ? $in.settings : ($exists($stored.settings.S) ? $stored.settings.S : '{}'), "
        + "'overrides': $string($given)}]))";

    /// <summary>
    /// The JSONata expression that writes every stack instance's parameter overrides at once — the tenant's values
    /// (<see cref="ServiceStackSets.TenantParameterNames"/>) and, per region, the region's own — as the list of
    /// deployments the distributed map runs.
    /// </summary>
    public static string ParameterOverridesExpression { get; } =
        "($in := $states.input; "
        + "$tenant := ["
        + "{'ParameterKey': 'TenantId', 'ParameterValue': $in.tenantId}, "
        + "{'ParameterKey': 'TenantSettings', 'ParameterValue': $in.settings}, "
        + "{'ParameterKey': 'ScheduleSlot', 'ParameterValue': $in.scheduleSlot}, "
        + "{'ParameterKey': '" + ServiceStackSets.JwtIssuerParameter + "', 'ParameterValue': $in.jwtIssuer}, "
        + "{'ParameterKey': '" + ServiceStackSets.JwtAudienceParameter + "', 'ParameterValue': $in.jwtAudience}, "
        + "{'ParameterKey': '" + ServiceStackSets.TenantClaimParameter + "', 'ParameterValue': $in.tenantClaim}]; "
        + "$merge([$in, {'deployments': [$map($in.targets, function($t) { "
        + "{'stackSetName': $t.stackSetName, 'region': $t.region, 'parameterOverrides': $append($tenant, $t.regionalOverrides)} })]}]))";

    /// <summary>
    /// The JSONata expression that counts a poll of a stack-instance operation and doubles the wait before the next,
    /// up to <see cref="MaxOperationPollSeconds"/> (the same intervals as <see cref="OperationPollSeconds"/>).
    /// </summary>
    public static string OperationPollExpression { get; } =
        "$merge([$states.input, {'operationPolls': {'count': $states.input.operationPolls.count + 1, "
        + "'waitSeconds': $min([$states.input.operationPolls.waitSeconds * 2, " + MaxOperationPollSeconds.ToString(CultureInfo.InvariantCulture) + "])}}])";

    /// <summary>
    /// The JSONata expression that looks for this request's account among a page of <c>ListCreateAccountStatus</c>
    /// (requests in progress or succeeded): same account name, requested no earlier than this execution started.
    /// </summary>
    public static string AccountRequestMatchExpression { get; } =
        "($in := $states.input; $page := $in.accountRequests; "
        + "$millis := function($t) { $type($t) = 'number' ? $t * 1000 : $toMillis($t) }; "
        + "$since := $toMillis($in.receivedAt) - 60000; "
        + "$match := $page.CreateAccountStatuses[AccountName = $in.accountName and $millis(RequestedTimestamp) >= $since][0]; "
        + "$merge([$in, {'accountLookup': {'pages': ($exists($in.accountLookup.pages) ? $in.accountLookup.pages : 0) + 1, "
        + "'found': $exists($match), 'nextToken': $page.NextToken}}, "
        + "$exists($match) ? {'createAccount': {'CreateAccountStatus': {'Id': $match.Id}}} : {}]))";

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
        private IChainable? _createAccountUnresolved;
        private IChainable? _move;
        private IChainable? _tagging;
        private IChainable? _registration;
        private IChainable? _stackInstances;

        public IChainable CreateAccount => _createAccount ??= vending.Failure("CreateAccountFailed", "$.error.Cause");

        public IChainable CreateAccountRejected => _createAccountRejected ??=
            vending.Failure("CreateAccountRejected", "$.createAccount.CreateAccountStatus.FailureReason", error: "CreateAccountFailed");

        public IChainable CreateAccountUnresolved => _createAccountUnresolved ??= vending.Failure(
            "CreateAccountUnresolved",
            cause: "CreateAccount's answer was lost and its request was not found in the pages searched; the claim is kept so no second account is requested. "
                + "Check `aws organizations list-create-account-status`, then record the request id in the registry item (createAccountRequestId) "
                + "or delete the item, and repeat the request.");

        public IChainable CreateAccountTimedOut => _createAccountTimedOut ??= vending.Failure(
            "CreateAccountTimedOut",
            cause: "The account was not created within the polling window; repeat the request to resume waiting (the registry keeps its request id).");

        public IChainable Move => _move ??= vending.Failure("MoveFailed", "$.error.Cause");

        public IChainable Tagging => _tagging ??= vending.Failure("TaggingFailed", "$.error.Cause");

        public IChainable Registration => _registration ??= vending.Failure("RegistrationFailed", "$.error.Cause");

        public IChainable StackInstances => _stackInstances ??= vending.Failure("StackInstancesFailed", "$.error.Cause");
    }

    /// <summary>A string as a JSONata literal (JSONata reads JSON's double-quoted strings and their escapes).</summary>
    private static string Literal(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
