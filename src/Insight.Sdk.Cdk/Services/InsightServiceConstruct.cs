using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.Destinations;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Amazon.CDK.AwsApigatewayv2Authorizers;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;
using Insight.Sdk.Manifest;
using Insight.Sdk.Cdk.Stacks;
using Insight.Sdk.Data;
using CdkAws = Amazon.CDK.Aws;
using EventBus = Amazon.CDK.AWS.Events.EventBus;
using Function = Amazon.CDK.AWS.Lambda.Function;
using HttpMethod = Amazon.CDK.AWS.Apigatewayv2.HttpMethod;
using LambdaRuntime = Amazon.CDK.AWS.Lambda.Runtime;
using LogGroupProps = Amazon.CDK.AWS.Logs.LogGroupProps;

namespace Insight.Sdk.Cdk.Services;

/// <summary>
/// Everything one service deploys into a tenant account, derived from its manifest: tables (on demand, point-in-time
/// recovery, encryption, expiry, retained on delete), functions (provided.al2023, the manifest's memory, timeout and
/// architecture), their log groups, event routing with failure destinations, least-privilege roles and alarms.
/// </summary>
public class InsightServiceConstruct : Construct
{
    private static readonly string[] ReadActions = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"];
    private static readonly string[] WriteActions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"];

    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Function> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue> _failureQueues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Rule> _rules = new(StringComparer.Ordinal);
    private readonly HttpJwtAuthorizer _authorizer;

    /// <summary>Creates the service's resources in <paramref name="scope"/>.</summary>
    public InsightServiceConstruct(Construct scope, string id, ServiceManifest manifest, TenantParameters parameters, InsightServiceOptions options)
        : base(scope, id)
    {
        Manifest = manifest;
        var artifacts = Bucket.FromBucketName(this, "Artifacts", parameters.ArtifactBucket.ValueAsString);
        var alarmAction = new SnsAction(Topic.FromTopicArn(this, "AlarmTopic", parameters.AlarmTopicArn.ValueAsString));
        var bus = EventBus.FromEventBusName(this, "TenantBus", parameters.EventBusName.ValueAsString);

        foreach (var table in manifest.Tables)
        {
            _tables[table.Name] = CreateTable(table);
        }

        HttpApi? api = null;
        _authorizer = new HttpJwtAuthorizer("TenantJwt", parameters.JwtIssuer.ValueAsString, new HttpJwtAuthorizerProps
        {
            AuthorizerName = "tenant-jwt",
            JwtAudience = [parameters.JwtAudience.ValueAsString],
            IdentitySource = ["$request.header.Authorization"],
        });
        foreach (var function in manifest.Functions)
        {
            var created = CreateFunction(function, artifacts, parameters, options);
            _functions[function.Name] = created;
            switch (function.Trigger)
            {
                case Trigger.EventBridge:
                    Route(function, created, bus, options);
                    break;
                case Trigger.Schedule:
                    Schedule(function, created, parameters, options);
                    break;
                case Trigger.SqsBatch:
                    Queue(function, created, bus, options);
                    break;
                case Trigger.HttpApi:
                    api ??= CreateApi(parameters, options);
                    AddRoute(api, function, created);
                    break;
                default:
                    throw new InvalidDataException($"Function {function.Name} of {manifest.Service} has trigger {function.Trigger}, which this library does not deploy.");
            }

            Alarm(function, created, parameters, alarmAction, options);
        }

        Api = api;
    }

    /// <summary>The manifest the resources were derived from.</summary>
    public ServiceManifest Manifest { get; }

    /// <summary>The service's tables by logical name.</summary>
    public IReadOnlyDictionary<string, Table> Tables => _tables;

    /// <summary>The service's functions by name.</summary>
    public IReadOnlyDictionary<string, Function> Functions => _functions;

    /// <summary>The queues of SQS-triggered functions, by function name.</summary>
    public IReadOnlyDictionary<string, Queue> Queues => _queues;

    /// <summary>Where failed invocations and messages go, by function name.</summary>
    public IReadOnlyDictionary<string, Queue> FailureQueues => _failureQueues;

    /// <summary>The EventBridge rules (events and schedules), by function name.</summary>
    public IReadOnlyDictionary<string, Rule> Rules => _rules;

    /// <summary>The HTTP API, when a function has an HTTP route.</summary>
    public HttpApi? Api { get; }

    private Table CreateTable(TableManifest manifest)
    {
        var table = new Table(this, $"{manifest.Name}Table", new TableProps
        {
            PartitionKey = Key(manifest.PartitionKey),
            SortKey = manifest.SortKey is null ? null : Key(manifest.SortKey),
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            TimeToLiveAttribute = manifest.TimeToLive,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        foreach (var index in manifest.Indexes)
        {
            if (index.Global)
            {
                table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
                {
                    IndexName = index.Name,
                    PartitionKey = Key(index.PartitionKey),
                    SortKey = index.SortKey is null ? null : Key(index.SortKey),
                    ProjectionType = ProjectionType.ALL,
                });
            }
            else
            {
                table.AddLocalSecondaryIndex(new LocalSecondaryIndexProps { IndexName = index.Name, SortKey = Key(index.SortKey!), ProjectionType = ProjectionType.ALL });
            }
        }

        return table;
    }

    private Function CreateFunction(FunctionManifest manifest, IBucket artifacts, TenantParameters parameters, InsightServiceOptions options)
    {
        var logGroup = new LogGroup(this, $"{manifest.Name}Logs", new LogGroupProps { Retention = options.LogRetention, RemovalPolicy = RemovalPolicy.DESTROY });
        var role = new Role(this, $"{manifest.Name}Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"{Manifest.Service} {manifest.Name}: only what its handler uses.",
        });
        logGroup.GrantWrite(role);

        var environment = new Dictionary<string, string>
        {
            [TenantContext.TenantIdVariable] = parameters.TenantId.ValueAsString,
            [TenantContext.AccountIdVariable] = CdkAws.ACCOUNT_ID,
            ["INSIGHT_TENANT_SETTINGS"] = parameters.TenantSettings.ValueAsString,
        };
        if (manifest.Trigger == Trigger.HttpApi)
        {
            environment[TenantContext.TenantClaimVariable] = parameters.TenantClaim.ValueAsString;
        }

        foreach (var use in manifest.Tables ?? [])
        {
            var table = _tables[use.Name];
            environment[DynamoTableNames.VariableFor(use.Name)] = table.TableName;
            Grant(role, table, Manifest.Tables.Single(t => t.Name == use.Name), use.ReadOnly);
        }

        var arm = manifest.Architecture == LambdaArchitecture.Arm64;
        var key = options.ArtifactKeyFormat.Replace("{service}", Manifest.Service, StringComparison.Ordinal).Replace("{arch}", arm ? "arm64" : "x86_64", StringComparison.Ordinal);
        return new Function(this, manifest.Name, new FunctionProps
        {
            Description = $"{Manifest.Service} {manifest.Name} ({manifest.Trigger}, {manifest.EventType})",
            Runtime = LambdaRuntime.PROVIDED_AL2023,
            Architecture = arm ? Architecture.ARM_64 : Architecture.X86_64,
            Handler = manifest.Handler,
            Code = Code.FromBucket(artifacts, key),
            MemorySize = manifest.MemorySize,
            Timeout = Duration.Seconds(manifest.TimeoutSeconds),
            Role = role,
            LogGroup = logGroup,
            Environment = environment,
        });
    }

    /// <summary>Exactly the DynamoDB actions the handler needs, on exactly the table and its indexes.</summary>
    private static void Grant(Role role, Table table, TableManifest manifest, bool readOnly)
    {
        var resources = new List<string> { table.TableArn };
        resources.AddRange(manifest.Indexes.Select(i => $"{table.TableArn}/index/{i.Name}"));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = readOnly ? ReadActions : [.. ReadActions, .. WriteActions],
            Resources = [.. resources],
        }));
    }

    private void Route(FunctionManifest manifest, Function function, IEventBus bus, InsightServiceOptions options)
    {
        var failures = FailureQueue(manifest);
        var rule = new Rule(this, $"{manifest.Name}Rule", new RuleProps
        {
            EventBus = bus,
            Description = $"{manifest.DetailType} events to {Manifest.Service} {manifest.Name}",
            EventPattern = new EventPattern { DetailType = [manifest.DetailType ?? manifest.EventType] },
        });
        rule.AddTarget(new LambdaFunction(function, new LambdaFunctionProps { DeadLetterQueue = failures, RetryAttempts = 4, MaxEventAge = Duration.Hours(6) }));
        _rules[manifest.Name] = rule;
        function.ConfigureAsyncInvoke(new EventInvokeConfigOptions { OnFailure = new SqsDestination(failures), RetryAttempts = options.AsyncRetryAttempts });
    }

    private void Schedule(FunctionManifest manifest, Function function, TenantParameters parameters, InsightServiceOptions options)
    {
        var expression = ScheduleSlots.Apply(this, manifest.Schedule!, parameters.ScheduleSlot.ValueAsString);
        if (expression is null)
        {
            Annotations.Of(this).AddWarning($"{manifest.Name}: schedule {manifest.Schedule} cannot be spread across accounts and fires at the same moment in every account; prefer rate(N minutes) with N dividing 60, rate(N hours), rate(1 day) or cron with a plain minute.");
        }

        var failures = FailureQueue(manifest);
        var rule = new Rule(this, $"{manifest.Name}Schedule", new RuleProps
        {
            Description = $"{manifest.Schedule} for {Manifest.Service} {manifest.Name}, at this account's slot",
            Schedule = Amazon.CDK.AWS.Events.Schedule.Expression(expression ?? manifest.Schedule!),
        });
        rule.AddTarget(new LambdaFunction(function, new LambdaFunctionProps { DeadLetterQueue = failures, RetryAttempts = 2 }));
        _rules[manifest.Name] = rule;
        function.ConfigureAsyncInvoke(new EventInvokeConfigOptions { OnFailure = new SqsDestination(failures), RetryAttempts = options.AsyncRetryAttempts });
    }

    private void Queue(FunctionManifest manifest, Function function, IEventBus bus, InsightServiceOptions options)
    {
        var failures = FailureQueue(manifest);
        var queue = new Queue(this, $"{manifest.Name}Queue", new QueueProps
        {
            // Lambda's guidance: at least six times the function's timeout, so a slow batch is not redelivered mid-run.
            VisibilityTimeout = Duration.Seconds(6 * manifest.TimeoutSeconds),
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            DeadLetterQueue = new DeadLetterQueue { Queue = failures, MaxReceiveCount = options.MaxReceiveCount },
        });
        var batchSize = manifest.BatchSize ?? 10;
        function.AddEventSource(new SqsEventSource(queue, new SqsEventSourceProps
        {
            BatchSize = batchSize,
            ReportBatchItemFailures = true,
            MaxBatchingWindow = batchSize > 10 ? Duration.Seconds(1) : null,
        }));

        // The tenant bus feeds the queue with the event's detail, the body the handler reads.
        var rule = new Rule(this, $"{manifest.Name}Rule", new RuleProps
        {
            EventBus = bus,
            Description = $"{manifest.DetailType ?? manifest.EventType} events to the {manifest.Name} queue",
            EventPattern = new EventPattern { DetailType = [ShortName(manifest.EventType)] },
        });
        rule.AddTarget(new SqsQueue(queue, new SqsQueueProps { Message = RuleTargetInput.FromEventPath("$.detail"), DeadLetterQueue = failures }));
        _rules[manifest.Name] = rule;
        _queues[manifest.Name] = queue;
    }

    /// <summary>
    /// The tenant's HTTP API: no CORS, one auto-deployed default stage throttled by the tenant's parameters, and access
    /// logs (request id, route, status, latency, caller address; never headers or tokens) to a log group with retention.
    /// </summary>
    private HttpApi CreateApi(TenantParameters parameters, InsightServiceOptions options)
    {
        var api = new HttpApi(this, "Api", new HttpApiProps { Description = $"{Manifest.Service} HTTP API", CreateDefaultStage = false });
        var stage = api.AddStage("DefaultStage", new HttpStageOptions
        {
            StageName = "$default",
            AutoDeploy = true,
            Throttle = new ThrottleSettings { RateLimit = parameters.ApiRateLimit.ValueAsNumber, BurstLimit = parameters.ApiBurstLimit.ValueAsNumber },
        });
        var accessLogs = new LogGroup(this, "ApiAccessLogs", new LogGroupProps { Retention = options.LogRetention, RemovalPolicy = RemovalPolicy.DESTROY });
        ((CfnStage)stage.Node.DefaultChild!).AccessLogSettings = new CfnStage.AccessLogSettingsProperty
        {
            DestinationArn = accessLogs.LogGroupArn,
            Format = AccessLogFormat,
        };
        return api;
    }

    /// <summary>One JSON line per request, with no header, query string or token in it.</summary>
    private const string AccessLogFormat =
        """{"requestId":"$context.requestId","routeKey":"$context.routeKey","status":"$context.status","latencyMs":"$context.responseLatency","integrationStatus":"$context.integrationStatus","sourceIp":"$context.identity.sourceIp","time":"$context.requestTime","authorizerError":"$context.authorizer.error"}""";

    /// <summary>Every route sits behind the tenant's JWT authorizer with the handler's scopes, unless the handler states why it is anonymous.</summary>
    private void AddRoute(HttpApi api, FunctionManifest manifest, Function function)
    {
        var route = manifest.Route!;
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var method = Enum.Parse<HttpMethod>(route[..space], ignoreCase: true);
        api.AddRoutes(new AddRoutesOptions
        {
            Path = route[(space + 1)..],
            Methods = [method],
            Integration = new HttpLambdaIntegration($"{manifest.Name}Integration", function),
            Authorizer = manifest.IsAnonymous ? new HttpNoneAuthorizer() : _authorizer,
            AuthorizationScopes = manifest.IsAnonymous || manifest.Scopes is not { Count: > 0 } scopes ? null : [.. scopes],
        });
    }

    private Queue FailureQueue(FunctionManifest manifest)
    {
        var queue = new Queue(this, $"{manifest.Name}Failures", new QueueProps
        {
            RetentionPeriod = Duration.Days(14),
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
        });
        _failureQueues[manifest.Name] = queue;
        return queue;
    }

    /// <summary>Errors, throttles, slow invocations and failed deliveries, named with the tenant so one topic serves the fleet.</summary>
    private void Alarm(FunctionManifest manifest, Function function, TenantParameters parameters, IAlarmAction action, InsightServiceOptions options)
    {
        var period = Duration.Minutes(5);
        var alarms = new List<(string Name, IMetric Metric, double Threshold)>
        {
            ("Errors", function.MetricErrors(new MetricOptions { Period = period, Statistic = "Sum" }), 1),
            ("Throttles", function.MetricThrottles(new MetricOptions { Period = period, Statistic = "Sum" }), 1),
            ("Duration", function.MetricDuration(new MetricOptions { Period = period, Statistic = "p99" }), manifest.TimeoutSeconds * 1000 * options.DurationAlarmShare),
        };
        if (_failureQueues.TryGetValue(manifest.Name, out var failures))
        {
            alarms.Add(("FailedDeliveries", failures.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = period, Statistic = "Maximum" }), 1));
        }

        foreach (var (name, metric, threshold) in alarms)
        {
            var alarm = new Alarm(this, $"{manifest.Name}{name}Alarm", new AlarmProps
            {
                AlarmName = Fn.Join("-", ["insight", parameters.TenantId.ValueAsString, CdkAws.ACCOUNT_ID, Manifest.Service, manifest.Name, name]),
                AlarmDescription = Fn.Join(" ", [$"{Manifest.Service} {manifest.Name} {name} for tenant", parameters.TenantId.ValueAsString, "in account", CdkAws.ACCOUNT_ID]),
                Metric = metric,
                Threshold = threshold,
                EvaluationPeriods = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });
            alarm.AddAlarmAction(action);
        }
    }

    private static Amazon.CDK.AWS.DynamoDB.Attribute Key(KeyAttribute key) => new()
    {
        Name = key.Name,
        Type = key.Type switch
        {
            "N" => AttributeType.NUMBER,
            "B" => AttributeType.BINARY,
            _ => AttributeType.STRING,
        },
    };

    private static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];
}
