using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Insight.Local.Events;
using Insight.Sdk.Cdk.Templates;


// Parameters whose names say it all go without a <param> tag.
#pragma warning disable CS1573
namespace Insight.Cli.Local.Emulation.Planning;

/// <summary>One tenant account to stand up: its tenant, its account id, and its stack instances' parameter overrides by service.</summary>
internal sealed record PlannedTenant(string TenantId, string AccountId, Func<string, IReadOnlyDictionary<string, string>> Overrides);

/// <summary>What every account of a run shares.</summary>
/// <param name="Region">The region every stack instance is in.</param>
/// <param name="IssuerUrl">The local issuer, which replaces every JWT authorizer's issuer.</param>
/// <param name="Audience">The local audience, which replaces every JWT authorizer's audience.</param>
/// <param name="StackSetParameters">Values the platform sets on each stack set rather than per account (artifact bucket, alarm topic, JWT issuer and audience).</param>
/// <param name="Code">Where the functions' packages are.</param>
internal sealed record PlanningSettings(string Region, string IssuerUrl, string Audience, IReadOnlyDictionary<string, string> StackSetParameters, FunctionCode Code);

/// <summary>
/// Turns one tenant's service templates into an <see cref="AccountPlan"/>, as CloudFormation would create each stack
/// instance in that account: parameters from the account's overrides, intrinsics and conditions resolved, physical names
/// as the account gives them. Every resource is planned, listed as not emulated, or refused with a message naming the
/// service, logical id, type and property; all problems of all templates are reported together.
/// </summary>
internal static class AccountPlanner
{
    /// <summary>Resource types with no local effect: listed once, never run.</summary>
    public static readonly IReadOnlySet<string> NotEmulatedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm", "AWS::Lambda::Permission",
        "AWS::SQS::QueuePolicy", "AWS::Oam::Link", "AWS::CDK::Metadata",
    };

    private const string DefaultBus = "default";

    // Event patterns keep their characters as the template has them (">" rather than "\u003E"), as EventBridge shows them.
    private static readonly JsonSerializerOptions AsWritten = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Planned = new(StringComparer.Ordinal)
    {
        "AWS::DynamoDB::Table", "AWS::Lambda::Function", "AWS::SQS::Queue", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage",
        "AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Authorizer", "AWS::ApiGatewayV2::Route",
        "AWS::Lambda::EventInvokeConfig", "AWS::Lambda::EventSourceMapping", "AWS::Events::Rule",
    };

    /// <summary>Plans <paramref name="tenant"/>'s account from every service's template.</summary>
    /// <exception cref="PlanningException">Something would not run locally as in the account; every problem is listed.</exception>
    public static AccountPlan Plan(IReadOnlyList<ServiceTemplate> services, PlannedTenant tenant, PlanningSettings settings)
    {
        var problems = new List<string>();
        var planning = new Planning(tenant, settings, problems);
        var stacks = new List<(ServiceTemplate Service, StackInstance Instance, List<(TemplateResource Resource, ResolvedResource? Resolved)> Resources)>();
        foreach (var service in services)
        {
            var instance = planning.Instance(service);
            var resources = new List<(TemplateResource, ResolvedResource?)>();
            foreach (var resource in service.Template.Resources)
            {
                try
                {
                    if (!service.Template.IsCreated(resource, instance))
                    {
                        continue;
                    }

                    resources.Add((resource, NotEmulatedTypes.Contains(resource.Type)
                        ? null
                        : new ResolvedResource(service.Service, resource, service.Template.ResolveProperties(resource, instance), problems)));
                }
                catch (TemplateResolutionException exception)
                {
                    problems.Add($"{service.Service}/{resource.LogicalId} ({resource.Type}): {exception.Message}");
                }
            }

            stacks.Add((service, instance, resources));
        }

        // Resources first, then what connects them (a rule's target or a mapping may name a queue of another service),
        // then routes, which name integrations and authorizers wherever the template lists them.
        foreach (var phase in Enum.GetValues<Phase>())
        {
            foreach (var (service, instance, resources) in stacks)
            {
                foreach (var (resource, resolved) in resources)
                {
                    planning.Resource(service, instance, resource, resolved, phase);
                }
            }
        }

        foreach (var (_, resolved) in stacks.SelectMany(stack => stack.Resources))
        {
            resolved?.Finish();
        }

        return problems.Count > 0 ? throw new PlanningException(problems) : planning.Result();
    }

    private enum Phase
    {
        Resources,
        Connections,
        Routes,
    }

    private sealed class Planning(PlannedTenant tenant, PlanningSettings settings, List<string> problems)
    {
        private readonly List<TablePlan> _tables = [];
        private readonly List<FunctionPlan> _functions = [];
        private readonly Dictionary<string, AsyncInvokePlan> _asyncInvoke = new(StringComparer.Ordinal);
        private readonly List<QueuePlan> _queues = [];
        private readonly List<QueueSourcePlan> _sources = [];
        private readonly List<RulePlan> _rules = [];
        private readonly List<RoutePlan> _routes = [];
        private readonly List<string> _notEmulated = [];
        private readonly Dictionary<string, string> _functionArnsByName = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Service, string Id), (string FunctionArn, string PayloadFormat)> _integrations = [];
        private readonly Dictionary<(string Service, string Id), RouteAuthorizerPlan> _authorizers = [];
        private readonly Dictionary<string, string> _busByService = new(StringComparer.Ordinal);

        public StackInstance Instance(ServiceTemplate service)
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in settings.StackSetParameters)
            {
                if (service.Template.Parameters.ContainsKey(name))
                {
                    parameters[name] = value;
                }
            }

            var overrides = service.Overrides.GetValueOrDefault(tenant.AccountId) ?? tenant.Overrides(service.Service);
            foreach (var (name, value) in overrides)
            {
                if (!service.Template.Parameters.ContainsKey(name))
                {
                    problems.Add($"{service.Service}: the account's overrides set {name}, which is not a parameter of the template.");
                    continue;
                }

                parameters[name] = value;
            }

            var instance = new StackInstance(service.Service, tenant.AccountId, settings.Region, parameters);
            _busByService[service.Service] = service.Template.Parameters.ContainsKey("EventBusName")
                ? parameters.GetValueOrDefault("EventBusName") ?? service.Template.Parameters["EventBusName"].Default ?? DefaultBus
                : DefaultBus;
            return instance;
        }

        public AccountPlan Result()
        {
            var functions = _functions.Select(f => f with { AsyncInvoke = _asyncInvoke.GetValueOrDefault(f.Arn) ?? AsyncInvokePlan.Default }).ToList();
            return new AccountPlan(tenant.TenantId, tenant.AccountId, settings.Region, _tables, functions, _queues, _sources, _rules, _routes, _notEmulated);
        }

        public void Resource(ServiceTemplate service, StackInstance instance, TemplateResource resource, ResolvedResource? resolved, Phase phase)
        {
            if (resolved is null)
            {
                if (phase == Phase.Resources)
                {
                    _notEmulated.Add($"{service.Service}/{resource.LogicalId} ({resource.Type})");
                }

                return;
            }

            try
            {
                Plan(service, instance, resource, resolved, phase);
            }
            catch (TemplateResolutionException exception)
            {
                // One problem for the resource, not one more for each property left unread after it.
                resolved.Problem("", exception.Message);
                resolved.Ignore([.. resolved.Properties.Select(p => p.Key)]);
            }
        }

        private void Plan(ServiceTemplate service, StackInstance instance, TemplateResource resource, ResolvedResource r, Phase phase)
        {
            var template = service.Template;
            switch (resource.Type, phase)
            {
                case ("AWS::DynamoDB::Table", Phase.Resources):
                    _tables.Add(Table(r, template.PhysicalId(resource, instance)));
                    break;
                case ("AWS::Lambda::Function", Phase.Resources):
                    var function = Function(r, template.PhysicalId(resource, instance), template.Attribute(resource, "Arn", instance));
                    if (function is not null)
                    {
                        _functions.Add(function);
                        _functionArnsByName[function.FunctionName] = function.Arn;
                    }

                    break;
                case ("AWS::SQS::Queue", Phase.Resources):
                    _queues.Add(Queue(r, template.Attribute(resource, "QueueName", instance), template.Attribute(resource, "Arn", instance), template.PhysicalId(resource, instance)));
                    break;
                case ("AWS::ApiGatewayV2::Api", Phase.Resources):
                    Api(r);
                    break;
                case ("AWS::ApiGatewayV2::Stage", Phase.Resources):
                    Stage(r);
                    break;
                case ("AWS::ApiGatewayV2::Integration", Phase.Connections):
                    Integration(r, template.PhysicalId(resource, instance));
                    break;
                case ("AWS::ApiGatewayV2::Authorizer", Phase.Connections):
                    Authorizer(r, template.PhysicalId(resource, instance));
                    break;
                case ("AWS::Lambda::EventInvokeConfig", Phase.Connections):
                    EventInvokeConfig(r);
                    break;
                case ("AWS::Lambda::EventSourceMapping", Phase.Connections):
                    EventSourceMapping(r);
                    break;
                case ("AWS::Events::Rule", Phase.Connections):
                    Rule(r, template.PhysicalId(resource, instance), template.Attribute(resource, "Arn", instance));
                    break;
                case ("AWS::ApiGatewayV2::Route", Phase.Routes):
                    Route(r);
                    break;
                case (var type, _) when Planned.Contains(type):
                    // Planned in another phase.
                    break;
                default:
                    if (phase == Phase.Resources)
                    {
                        problems.Add($"{r.Name}: this resource type is not emulated locally, and leaving it out would make the local account differ from the real one.");
                    }

                    r.Ignore([.. r.Properties.Select(p => p.Key)]);
                    break;
            }
        }

        private TablePlan Table(ResolvedResource r, string tableName)
        {
            r.Ignore("TableName", "PointInTimeRecoverySpecification", "SSESpecification", "Tags", "DeletionProtectionEnabled", "TableClass", "ContributorInsightsSpecification", "WarmThroughput");
            r.Refuse("KinesisStreamSpecification", "Kinesis streaming of a table is not emulated locally.");
            r.Refuse("ImportSourceSpecification", "importing a table from S3 is not emulated locally.");
            r.Refuse("ResourcePolicy", "table resource policies are not emulated locally.");
            var billing = r.Text("BillingMode") ?? "PROVISIONED";
            var provisioned = billing == "PROVISIONED";
            var request = new CreateTableRequest
            {
                TableName = tableName,
                BillingMode = provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
                KeySchema = KeySchema(r, r.Array("KeySchema"), "KeySchema"),
                AttributeDefinitions = [.. r.Array("AttributeDefinitions").Select((a, i) => new AttributeDefinition(
                    r.TextOf(a?["AttributeName"], $"AttributeDefinitions[{i}].AttributeName"),
                    new ScalarAttributeType(r.TextOf(a?["AttributeType"], $"AttributeDefinitions[{i}].AttributeType"))))],
                ProvisionedThroughput = provisioned ? Throughput(r, r.Object("ProvisionedThroughput"), "ProvisionedThroughput") : null,
            };
            if (billing is not ("PROVISIONED" or "PAY_PER_REQUEST"))
            {
                r.Problem("BillingMode", $"{billing} is neither PROVISIONED nor PAY_PER_REQUEST.");
            }

            var globals = r.Array("GlobalSecondaryIndexes");
            if (globals.Count > 0)
            {
                request.GlobalSecondaryIndexes = [.. globals.Select((index, i) => new GlobalSecondaryIndex
                {
                    IndexName = r.TextOf(index?["IndexName"], $"GlobalSecondaryIndexes[{i}].IndexName"),
                    KeySchema = KeySchema(r, index?["KeySchema"] as JsonArray ?? [], $"GlobalSecondaryIndexes[{i}].KeySchema"),
                    Projection = Projection(r, index?["Projection"] as JsonObject, $"GlobalSecondaryIndexes[{i}].Projection"),
                    ProvisionedThroughput = provisioned ? Throughput(r, index?["ProvisionedThroughput"] as JsonObject, $"GlobalSecondaryIndexes[{i}].ProvisionedThroughput") : null,
                })];
            }

            var locals = r.Array("LocalSecondaryIndexes");
            if (locals.Count > 0)
            {
                request.LocalSecondaryIndexes = [.. locals.Select((index, i) => new LocalSecondaryIndex
                {
                    IndexName = r.TextOf(index?["IndexName"], $"LocalSecondaryIndexes[{i}].IndexName"),
                    KeySchema = KeySchema(r, index?["KeySchema"] as JsonArray ?? [], $"LocalSecondaryIndexes[{i}].KeySchema"),
                    Projection = Projection(r, index?["Projection"] as JsonObject, $"LocalSecondaryIndexes[{i}].Projection"),
                })];
            }

            if (r.Object("StreamSpecification") is { } stream)
            {
                request.StreamSpecification = new StreamSpecification
                {
                    StreamEnabled = true,
                    StreamViewType = new StreamViewType(r.TextOf(stream["StreamViewType"], "StreamSpecification.StreamViewType")),
                };
            }

            string? ttl = null;
            if (r.Object("TimeToLiveSpecification") is { } timeToLive && timeToLive["Enabled"] is { } enabled && r.BoolOf(enabled, "TimeToLiveSpecification.Enabled", false))
            {
                ttl = r.TextOf(timeToLive["AttributeName"], "TimeToLiveSpecification.AttributeName");
            }

            return new TablePlan(r.Service, r.LogicalId, request, ttl);
        }

        private static List<KeySchemaElement> KeySchema(ResolvedResource r, JsonArray keys, string path) =>
            [.. keys.Select((k, i) => new KeySchemaElement(r.TextOf(k?["AttributeName"], $"{path}[{i}].AttributeName"), new KeyType(r.TextOf(k?["KeyType"], $"{path}[{i}].KeyType"))))];

        private static Projection Projection(ResolvedResource r, JsonObject? projection, string path)
        {
            var result = new Projection { ProjectionType = new ProjectionType(r.TextOf(projection?["ProjectionType"], $"{path}.ProjectionType") ?? "ALL") };
            if (projection?["NonKeyAttributes"] is JsonArray attributes)
            {
                result.NonKeyAttributes = [.. attributes.Select((a, i) => r.TextOf(a, $"{path}.NonKeyAttributes[{i}]") ?? "")];
            }

            return result;
        }

        private static ProvisionedThroughput Throughput(ResolvedResource r, JsonObject? throughput, string path) => new(
            throughput?["ReadCapacityUnits"] is { } read ? r.IntOf(read, $"{path}.ReadCapacityUnits", 5) : 5,
            throughput?["WriteCapacityUnits"] is { } write ? r.IntOf(write, $"{path}.WriteCapacityUnits", 5) : 5);

        private FunctionPlan? Function(ResolvedResource r, string functionName, string arn)
        {
            r.Ignore("FunctionName", "Role", "Description", "LoggingConfig", "Tags", "TracingConfig", "Architectures", "KmsKeyArn", "EphemeralStorage", "VpcConfig", "RuntimeManagementConfig");
            r.Refuse("Layers", "layers are not unpacked locally; put what the function needs into its package.", unless: v => v is JsonArray { Count: 0 });
            r.Refuse("DeadLetterConfig", "a function's own dead-letter queue is not emulated locally; use an EventInvokeConfig on-failure destination.");
            r.Refuse("PackageType", "container image functions are not emulated locally.", unless: v => v.ToString() == "Zip");
            r.Refuse("ImageConfig", "container image functions are not emulated locally.");
            r.Refuse("FileSystemConfigs", "EFS mounts are not emulated locally.");
            r.Refuse("SnapStart", "SnapStart is not emulated locally.", unless: v => v["ApplyOn"]?.ToString() == "None");
            var runtime = r.Text("Runtime");
            if (runtime is not ("provided.al2023" or "provided.al2"))
            {
                r.Problem("Runtime", $"{runtime ?? "(none)"}: locally only custom-runtime bootstraps (provided.al2023) run.");
            }

            var handler = r.RequiredText("Handler");
            var code = r.Object("Code");
            var s3Key = r.TextOf(code?["S3Key"], "Code.S3Key");
            if (code?["ZipFile"] is not null || code?["ImageUri"] is not null)
            {
                r.Problem("Code", "only code from an S3 key (a package insight build wrote) runs locally.");
            }

            var timeout = r.Int("Timeout", 3);
            var memory = r.Int("MemorySize", 128);
            var reserved = r.OptionalInt("ReservedConcurrentExecutions");
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (r.Object("Environment") is { } variables)
            {
                foreach (var (name, value) in variables["Variables"] as JsonObject ?? [])
                {
                    environment[name] = r.TextOf(value, $"Environment.Variables.{name}") ?? "";
                }
            }

            if (s3Key is null)
            {
                r.Problem("Code.S3Key", "is required.");
                return null;
            }

            LocatedCode located;
            try
            {
                located = settings.Code.Locate(s3Key);
            }
            catch (Exception exception) when (exception is FileNotFoundException or InvalidDataException or IOException)
            {
                r.Problem("Code.S3Key", exception.Message);
                return null;
            }

            return new FunctionPlan(r.Service, r.LogicalId, functionName, arn, located.Folder, located.JitAssembly, environment,
                TimeSpan.FromSeconds(timeout), memory, reserved, AsyncInvokePlan.Default)
            {
                Handler = handler,
            };
        }

        private QueuePlan Queue(ResolvedResource r, string queueName, string arn, string url)
        {
            r.Ignore("QueueName", "SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "Tags", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize", "RedriveAllowPolicy");
            r.Refuse("FifoQueue", "FIFO queues are not emulated locally.", unless: v => v.ToString() == "false");
            r.Refuse("ContentBasedDeduplication", "FIFO queues are not emulated locally.", unless: v => v.ToString() == "false");
            r.Refuse("DeduplicationScope", "FIFO queues are not emulated locally.");
            r.Refuse("FifoThroughputLimit", "FIFO queues are not emulated locally.");
            RedrivePlan? redrive = null;
            if (r.Node("RedrivePolicy") is { } policy)
            {
                // The policy may be an object or, as the SQS API has it, JSON in a string.
                var document = policy is JsonValue text && text.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(text.GetValue<string>()) : policy;
                var target = r.TextOf(document?["deadLetterTargetArn"], "RedrivePolicy.deadLetterTargetArn");
                var receives = document?["maxReceiveCount"] is { } count ? r.IntOf(count, "RedrivePolicy.maxReceiveCount", 0) : 0;
                if (target is null || receives < 1)
                {
                    r.Problem("RedrivePolicy", "needs deadLetterTargetArn and a maxReceiveCount of at least 1.");
                }
                else
                {
                    redrive = new RedrivePlan(target, receives);
                }
            }

            return new QueuePlan(r.Service, r.LogicalId, queueName, arn, url,
                TimeSpan.FromSeconds(r.Int("VisibilityTimeout", 30)),
                TimeSpan.FromSeconds(r.Int("MessageRetentionPeriod", 345_600)),
                TimeSpan.FromSeconds(r.Int("DelaySeconds", 0)),
                redrive);
        }

        private void EventInvokeConfig(ResolvedResource r)
        {
            var function = FunctionArn(r, r.RequiredText("FunctionName"), "FunctionName");
            var qualifier = r.Text("Qualifier");
            if (qualifier is not ("$LATEST" or null))
            {
                r.Problem("Qualifier", $"{qualifier}: locally every function runs $LATEST.");
            }

            var destinations = r.Object("DestinationConfig");
            var onFailure = Destination(r, destinations, "OnFailure");
            var onSuccess = Destination(r, destinations, "OnSuccess");
            if (function is not null)
            {
                _asyncInvoke[function] = new AsyncInvokePlan(
                    r.Int("MaximumRetryAttempts", AsyncInvokePlan.Default.MaximumRetryAttempts),
                    r.OptionalInt("MaximumEventAgeInSeconds") is { } age ? TimeSpan.FromSeconds(age) : AsyncInvokePlan.Default.MaximumEventAge,
                    onFailure,
                    onSuccess);
            }
        }

        private string? Destination(ResolvedResource r, JsonObject? destinations, string which)
        {
            var arn = r.TextOf(destinations?[which]?["Destination"], $"DestinationConfig.{which}.Destination");
            if (arn is not null && !IsQueue(arn) && !IsFunction(arn))
            {
                r.Problem($"DestinationConfig.{which}.Destination", $"{arn} is not a queue or function of this account; locally only those receive destinations.");
            }

            return arn;
        }

        private void EventSourceMapping(ResolvedResource r)
        {
            r.Ignore("Tags", "StartingPosition");
            r.Refuse("FilterCriteria", "event filtering of a mapping is not emulated locally.");
            r.Refuse("DestinationConfig", "a mapping's on-failure destination applies to streams, which are not emulated locally.");
            var source = r.RequiredText("EventSourceArn");
            var function = FunctionArn(r, r.RequiredText("FunctionName"), "FunctionName");
            if (!IsQueue(source))
            {
                r.Problem("EventSourceArn", $"{source} is not a queue of this account; locally only SQS event source mappings run (no DynamoDB or Kinesis streams).");
            }

            var types = r.Array("FunctionResponseTypes").Select((t, i) => r.TextOf(t, $"FunctionResponseTypes[{i}]")).ToList();
            if (function is not null && IsQueue(source))
            {
                _sources.Add(new QueueSourcePlan(
                    source,
                    function,
                    r.Int("BatchSize", 10),
                    TimeSpan.FromSeconds(r.Int("MaximumBatchingWindowInSeconds", 0)),
                    types.Contains("ReportBatchItemFailures"),
                    r.Object("ScalingConfig")?["MaximumConcurrency"] is { } most ? r.IntOf(most, "ScalingConfig.MaximumConcurrency", 0) : null,
                    r.Bool("Enabled", true)));
            }
        }

        private void Rule(ResolvedResource r, string ruleName, string ruleArn)
        {
            r.Ignore("Name", "Description", "RoleArn");
            var bus = r.Text("EventBusName") ?? DefaultBus;
            var accountBus = _busByService.GetValueOrDefault(r.Service) ?? DefaultBus;
            var busName = bus.StartsWith("arn:", StringComparison.Ordinal) ? bus[(bus.LastIndexOf('/') + 1)..] : bus;
            if (busName != DefaultBus && busName != accountBus)
            {
                r.Problem("EventBusName", $"{bus} is neither the account's bus ({accountBus}) nor the default bus; locally each account has only those.");
            }

            string? pattern = null;
            if (r.Node("EventPattern") is { } eventPattern)
            {
                pattern = eventPattern is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : eventPattern.ToJsonString(AsWritten);
            }

            var schedule = r.Text("ScheduleExpression");
            if (pattern is null && schedule is null)
            {
                r.Problem("EventPattern", "a rule needs an EventPattern or a ScheduleExpression.");
            }

            var state = r.Text("State") ?? "ENABLED";
            var targets = r.Array("Targets").Select((t, i) => Target(r, t as JsonObject ?? [], $"Targets[{i}]")).OfType<TargetPlan>().ToList();
            _rules.Add(new RulePlan(r.Service, r.LogicalId, ruleName, ruleArn, pattern, schedule, state != "DISABLED", targets));
        }

        private static readonly HashSet<string> TargetProperties = new(StringComparer.Ordinal)
        {
            "Id", "Arn", "Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig", "RoleArn",
        };

        private TargetPlan? Target(ResolvedResource r, JsonObject target, string path)
        {
            foreach (var (name, _) in target)
            {
                if (!TargetProperties.Contains(name))
                {
                    r.Problem($"{path}.{name}", "is not emulated locally (only Lambda function and SQS queue targets run).");
                }
            }

            var arn = r.TextOf(target["Arn"], $"{path}.Arn") ?? "";
            if (!IsFunction(arn) && !IsQueue(arn))
            {
                r.Problem($"{path}.Arn", $"{arn} is not a Lambda function or SQS queue of this account; locally only those targets run.");
                return null;
            }

            InputTransformerSpec? transformer = null;
            if (target["InputTransformer"] is JsonObject shaping)
            {
                var paths = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, value) in shaping["InputPathsMap"] as JsonObject ?? [])
                {
                    paths[name] = r.TextOf(value, $"{path}.InputTransformer.InputPathsMap.{name}") ?? "";
                }

                transformer = new InputTransformerSpec(paths, r.TextOf(shaping["InputTemplate"], $"{path}.InputTransformer.InputTemplate") ?? "");
            }

            var retry = target["RetryPolicy"] as JsonObject;
            var deadLetter = r.TextOf(target["DeadLetterConfig"]?["Arn"], $"{path}.DeadLetterConfig.Arn");
            if (deadLetter is not null && !IsQueue(deadLetter))
            {
                r.Problem($"{path}.DeadLetterConfig.Arn", $"{deadLetter} is not a queue of this account.");
            }

            // EventBridge's defaults: 185 retries over 24 hours.
            return new TargetPlan(
                r.TextOf(target["Id"], $"{path}.Id") ?? "",
                arn,
                r.TextOf(target["Input"], $"{path}.Input"),
                r.TextOf(target["InputPath"], $"{path}.InputPath"),
                transformer,
                retry?["MaximumRetryAttempts"] is { } attempts ? r.IntOf(attempts, $"{path}.RetryPolicy.MaximumRetryAttempts", 185) : 185,
                TimeSpan.FromSeconds(retry?["MaximumEventAgeInSeconds"] is { } age ? r.IntOf(age, $"{path}.RetryPolicy.MaximumEventAgeInSeconds", 86_400) : 86_400),
                deadLetter);
        }

        private void Api(ResolvedResource r)
        {
            r.Ignore("Name", "Description", "Tags", "DisableExecuteApiEndpoint", "Version");
            var protocol = r.Text("ProtocolType");
            if (protocol != "HTTP")
            {
                r.Problem("ProtocolType", $"{protocol}: locally only HTTP APIs run.");
            }

            r.Refuse("CorsConfiguration", "CORS is not emulated locally.");
            r.Refuse("Body", "an API imported from OpenAPI is not emulated locally.");
            r.Refuse("BodyS3Location", "an API imported from OpenAPI is not emulated locally.");
            r.Refuse("Target", "quick-create APIs are not emulated locally.");
            r.Refuse("RouteKey", "quick-create APIs are not emulated locally.");
            r.Refuse("CredentialsArn", "quick-create APIs are not emulated locally.");
            r.Refuse("DisableSchemaValidation", "WebSocket APIs are not emulated locally.");
            r.Refuse("RouteSelectionExpression", "WebSocket APIs are not emulated locally.");
        }

        private void Stage(ResolvedResource r)
        {
            r.Ignore("ApiId", "AutoDeploy", "Description", "Tags", "DeploymentId", "StageVariables");
            var stage = r.RequiredText("StageName");
            if (stage != "$default")
            {
                r.Problem("StageName", $"{stage}: locally each account's routes answer at the root, as the $default stage does.");
            }

            var limits = new[] { "AccessLogSettings", "DefaultRouteSettings", "RouteSettings" }.Where(p => r.Node(p) is not null).ToList();
            if (limits.Count > 0)
            {
                _notEmulated.Add($"{r.Service}/{r.LogicalId} (AWS::ApiGatewayV2::Stage): {string.Join(", ", limits)} (access logging and throttling)");
            }
        }

        private void Integration(ResolvedResource r, string integrationId)
        {
            r.Ignore("ApiId", "Description", "IntegrationMethod", "TimeoutInMillis", "ConnectionType", "PassthroughBehavior", "CredentialsArn");
            r.Refuse("RequestParameters", "parameter mapping is not emulated locally.");
            r.Refuse("ResponseParameters", "parameter mapping is not emulated locally.");
            r.Refuse("IntegrationSubtype", "AWS service integrations are not emulated locally.");
            var type = r.Text("IntegrationType");
            if (type != "AWS_PROXY")
            {
                r.Problem("IntegrationType", $"{type}: locally only Lambda proxy integrations (AWS_PROXY) run.");
            }

            var format = r.Text("PayloadFormatVersion") ?? "1.0";
            if (format != "2.0")
            {
                r.Problem("PayloadFormatVersion", $"{format}: locally HTTP APIs send payload format 2.0.");
            }

            // Either the function's ARN or API Gateway's invocation URI that wraps it.
            var uri = r.RequiredText("IntegrationUri");
            var start = uri.IndexOf("/functions/", StringComparison.Ordinal);
            var arn = start >= 0 && uri.EndsWith("/invocations", StringComparison.Ordinal) ? uri[(start + 11)..^12] : uri;
            if (!IsFunction(arn))
            {
                r.Problem("IntegrationUri", $"{uri} is not a Lambda function of this account.");
                return;
            }

            _integrations[(r.Service, integrationId)] = (arn, format);
        }

        private void Authorizer(ResolvedResource r, string authorizerId)
        {
            r.Ignore("ApiId", "Name");
            var type = r.Text("AuthorizerType");
            if (type != "JWT")
            {
                r.Problem("AuthorizerType", $"{type}: locally only JWT authorizers are checked.");
                return;
            }

            var sources = r.Array("IdentitySource").Select((s, i) => r.TextOf(s, $"IdentitySource[{i}]") ?? "").ToList();
            var configuration = r.Object("JwtConfiguration");
            if (configuration?["Issuer"] is null || configuration["Audience"] is not JsonArray { Count: > 0 })
            {
                r.Problem("JwtConfiguration", "needs an Issuer and at least one Audience.");
            }

            // The template's issuer and audience are the account's identity provider; locally the local issuer replaces them.
            _authorizers[(r.Service, authorizerId)] = new RouteAuthorizerPlan(settings.IssuerUrl, [settings.Audience], [], sources.FirstOrDefault() ?? "$request.header.Authorization");
        }

        private void Route(ResolvedResource r)
        {
            r.Ignore("ApiId", "OperationName", "RouteResponseSelectionExpression", "ModelSelectionExpression", "RequestModels");
            r.Refuse("ApiKeyRequired", "API keys are not emulated locally.", unless: v => v.ToString() == "false");
            r.Refuse("RequestParameters", "route parameters are not emulated locally.");
            var routeKey = r.RequiredText("RouteKey");
            var apiId = r.RequiredText("ApiId");
            var target = r.Text("Target");
            var integrationId = target is not null && target.StartsWith("integrations/", StringComparison.Ordinal) ? target["integrations/".Length..] : null;
            if (integrationId is null || !_integrations.TryGetValue((r.Service, integrationId), out var integration))
            {
                r.Problem("Target", $"{target ?? "(none)"} is not integrations/<id> of a Lambda proxy integration of the service.");
                return;
            }

            var authorization = r.Text("AuthorizationType") ?? "NONE";
            RouteAuthorizerPlan? authorizer = null;
            var scopes = r.Array("AuthorizationScopes").Select((s, i) => r.TextOf(s, $"AuthorizationScopes[{i}]") ?? "").ToList();
            switch (authorization)
            {
                case "NONE":
                    break;
                case "JWT":
                    var authorizerId = r.RequiredText("AuthorizerId");
                    if (_authorizers.TryGetValue((r.Service, authorizerId), out var jwt))
                    {
                        authorizer = jwt with { Scopes = scopes };
                    }
                    else
                    {
                        r.Problem("AuthorizerId", $"{authorizerId} is not a JWT authorizer of the service.");
                    }

                    break;
                default:
                    r.Problem("AuthorizationType", $"{authorization}: locally only JWT and NONE are checked.");
                    break;
            }

            _routes.Add(new RoutePlan(r.Service, apiId, routeKey, integration.FunctionArn, integration.PayloadFormat, authorizer));
        }

        /// <summary>A function named by name, ARN or partial ARN, as its ARN; null after a problem when it is not a function of the account.</summary>
        private string? FunctionArn(ResolvedResource r, string nameOrArn, string property)
        {
            var arn = IsFunction(nameOrArn) ? nameOrArn : _functionArnsByName.GetValueOrDefault(nameOrArn.Split(':')[0]);
            if (arn is null)
            {
                r.Problem(property, $"{nameOrArn} is not a Lambda function of this account.");
            }

            return arn;
        }

        private bool IsFunction(string arn) => _functions.Any(f => f.Arn == arn);

        private bool IsQueue(string arn) => _queues.Any(q => q.Arn == arn);
    }
}
