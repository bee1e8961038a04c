using System.Globalization;
using Insight.Sdk.Cdk.Platform;
using Insight.Sdk.Cdk.Templates;

namespace Insight.Sdk.Cdk.Cost;

/// <summary>What kind of cost a line is.</summary>
public enum CostCategory
{
    /// <summary>CloudWatch alarms in the account.</summary>
    Alarms,

    /// <summary>The account's share of the platform's Metrics Insights alarms in the monitoring accounts.</summary>
    CentralAlerts,

    /// <summary>Lambda's polling of an SQS queue, billed as SQS requests while nothing arrives.</summary>
    QueuePolling,

    /// <summary>Functions a schedule runs while the tenant does nothing.</summary>
    ScheduledRuns,

    /// <summary>Customer managed KMS keys.</summary>
    Keys,

    /// <summary>Log ingestion and storage.</summary>
    Logs,

    /// <summary>DynamoDB storage, backups and provisioned capacity.</summary>
    Tables,

    /// <summary>NAT gateways, endpoints, addresses, load balancers.</summary>
    Network,

    /// <summary>Anything else with a monthly fee (secrets, hosted zones, streams, dashboards, provisioned concurrency).</summary>
    Other,

    /// <summary>Billed only for use: nothing at rest.</summary>
    FreeAtRest,

    /// <summary>A resource the model has no price for: listed, never counted as zero silently.</summary>
    NotPriced,
}

/// <summary>Where alerts live.</summary>
public enum AlertDesign
{
    /// <summary>Each alert once, as Metrics Insights alarms in the monitoring accounts over every linked account.</summary>
    Central,

    /// <summary>The design before central alerts: every function's alarms in every tenant account.</summary>
    PerFunctionAlarms,
}

/// <summary>One resource's (or one activity's) cost per tenant account per month at rest.</summary>
public sealed record CostLine(string Template, string LogicalId, string ResourceType, CostCategory Category, string What, double MonthlyUsd, string? PriceId = null);

/// <summary>What the idle cost model assumes; every figure it prints follows from these and the price table.</summary>
public sealed record IdleAssumptions
{
    /// <summary>Where the idle SQS poll rate comes from.</summary>
    public const string PollingSource =
        "AWS Lambda Developer Guide, \"Configuring scaling behavior for SQS event source mappings\" "
        + "(https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html): Lambda long-polls an idle standard queue and scales back "
        + "to five concurrent batches (as few as two when no maximum concurrency is set); Amazon SQS Developer Guide, \"Setting-up long polling\" "
        + "(https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/best-practices-setting-up-long-polling.html): a long poll waits at most 20 seconds";

    /// <summary>Tenant accounts in the fleet: free tiers count once for the organization and are shared across them.</summary>
    public int Accounts { get; init; } = 6000;

    /// <summary>Which alert design is priced.</summary>
    public AlertDesign Alerts { get; init; } = AlertDesign.Central;

    /// <summary>Lambda's pollers on an idle queue.</summary>
    public int IdlePollersPerQueue { get; init; } = 5;

    /// <summary>How long each poll waits for a message, in seconds.</summary>
    public int LongPollWaitSeconds { get; init; } = 20;

    /// <summary>Billed seconds of one scheduled run that finds nothing to do (a cold start of the native bootstrap included).</summary>
    public double ScheduledRunSeconds { get; init; } = 0.5;

    /// <summary>Log bytes one scheduled run writes (Lambda's START, END and REPORT lines and the handler's own).</summary>
    public int LogBytesPerScheduledRun { get; init; } = 2048;

    /// <summary>Values for template parameters (the defaults otherwise), for example an account's <c>ScheduleSlot</c>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>ReceiveMessage calls one idle queue gets in a month.</summary>
    public double PollRequestsPerQueue(double hoursPerMonth) => IdlePollersPerQueue * (3600.0 / LongPollWaitSeconds) * hoursPerMonth;

    /// <summary>The assumptions as sentences, for a report.</summary>
    public IReadOnlyList<string> Describe(PriceTable prices) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"Idle: no tenant traffic; a month is {prices.HoursPerMonth:N0} hours; prices are {prices.Region} list prices from the price table (each with its source and date)."),
        string.Create(CultureInfo.InvariantCulture, $"Fleet of {Accounts:N0} accounts in one organization: a free tier counts once for all of them."),
        string.Create(CultureInfo.InvariantCulture, $"SQS polling: {IdlePollersPerQueue} pollers per idle queue, one ReceiveMessage every {LongPollWaitSeconds} s each = {PollRequestsPerQueue(prices.HoursPerMonth):N0} requests a month per queue. Source: {PollingSource}."),
        string.Create(CultureInfo.InvariantCulture, $"Scheduled runs: each run that finds nothing to do bills {ScheduledRunSeconds:0.##} s at the function's memory and writes {LogBytesPerScheduledRun:N0} log bytes; a handler that records no metric writes no Embedded Metric Format line, so no custom metric."),
        Alerts == AlertDesign.Central
            ? string.Create(CultureInfo.InvariantCulture, $"Central alerts: Metrics Insights alarms bill per metric analyzed; an idle function publishes no AWS/Lambda datapoint, a scheduled one does in the {FunctionAlert.PeriodMinutes}-minute evaluations its runs fall into; failure queues nobody sends to stop reporting metrics after six hours of inactivity.")
            : "Per-function alarms: every function's alarms (errors, throttles, duration and failed deliveries) in every account, billed whether or not anything runs.",
        "DynamoDB tables and log groups hold no data at rest: storage and point-in-time recovery cost nothing until data exists.",
    ];
}

/// <summary>The idle cost of one template, per tenant account and month.</summary>
public sealed record TemplateIdleCost(string Template, IReadOnlyList<CostLine> Lines)
{
    /// <summary>Everything priced.</summary>
    public double Total => Lines.Sum(l => l.MonthlyUsd);

    /// <summary>SQS polling alone.</summary>
    public double QueuePolling => Lines.Where(l => l.Category == CostCategory.QueuePolling).Sum(l => l.MonthlyUsd);

    /// <summary>Everything but SQS polling.</summary>
    public double ExcludingPolling => Total - QueuePolling;

    /// <summary>The resources without a price.</summary>
    public IEnumerable<CostLine> NotPriced => Lines.Where(l => l.Category == CostCategory.NotPriced);
}

/// <summary>The idle cost of every template a tenant account holds, at fleet size.</summary>
public sealed record FleetIdleCost(IReadOnlyList<TemplateIdleCost> Templates, IdleAssumptions Assumptions)
{
    /// <summary>One account's month.</summary>
    public double PerAccount => Templates.Sum(t => t.Total);

    /// <summary>One account's month without SQS polling.</summary>
    public double PerAccountExcludingPolling => Templates.Sum(t => t.ExcludingPolling);

    /// <summary>One account's SQS polling.</summary>
    public double PerAccountPolling => Templates.Sum(t => t.QueuePolling);

    /// <summary>The fleet's month.</summary>
    public double Fleet => PerAccount * Assumptions.Accounts;
}

/// <summary>
/// What a tenant account costs while nobody uses it, computed from the synthesized templates: every resource is priced
/// from the price table, counted as free at rest with the reason, or listed as not priced — never silently zero.
/// </summary>
public static class IdleCostModel
{
    private static readonly Dictionary<string, string> FreeAtRest = new(StringComparer.Ordinal)
    {
        ["AWS::Lambda::Function"] = "billed per request and GB-second",
        ["AWS::Lambda::Permission"] = "IAM for Lambda, no charge",
        ["AWS::Lambda::EventInvokeConfig"] = "configuration, no charge",
        ["AWS::Lambda::Url"] = "billed per request",
        ["AWS::IAM::Role"] = "IAM has no charge",
        ["AWS::IAM::Policy"] = "IAM has no charge",
        ["AWS::IAM::ManagedPolicy"] = "IAM has no charge",
        ["AWS::IAM::InstanceProfile"] = "IAM has no charge",
        ["AWS::Events::EventBus"] = "billed per event published",
        ["AWS::SQS::Queue"] = "billed per request; nobody calls an unpolled queue",
        ["AWS::SQS::QueuePolicy"] = "configuration, no charge",
        ["AWS::SNS::Topic"] = "billed per publish and delivery",
        ["AWS::SNS::Subscription"] = "billed per delivery",
        ["AWS::SNS::TopicPolicy"] = "configuration, no charge",
        ["AWS::ApiGatewayV2::Api"] = "billed per request",
        ["AWS::ApiGatewayV2::Stage"] = "billed per request",
        ["AWS::ApiGatewayV2::Route"] = "billed per request",
        ["AWS::ApiGatewayV2::Integration"] = "billed per request",
        ["AWS::ApiGatewayV2::Authorizer"] = "billed per request",
        ["AWS::ApiGateway::RestApi"] = "billed per request",
        ["AWS::ApiGateway::Resource"] = "billed per request",
        ["AWS::ApiGateway::Method"] = "billed per request",
        ["AWS::ApiGateway::Deployment"] = "billed per request",
        ["AWS::ApiGateway::Stage"] = "billed per request (no cache cluster)",
        ["AWS::StepFunctions::StateMachine"] = "billed per state transition",
        ["AWS::S3::Bucket"] = "billed per GB stored and request; empty at rest",
        ["AWS::S3::BucketPolicy"] = "configuration, no charge",
        ["AWS::KMS::Alias"] = "no charge",
        ["AWS::Oam::Link"] = "CloudWatch cross-account observability links have no charge",
        ["AWS::Oam::Sink"] = "CloudWatch cross-account observability sinks have no charge",
        ["AWS::Scheduler::ScheduleGroup"] = "no charge",
        ["AWS::EC2::VPC"] = "no charge",
        ["AWS::EC2::Subnet"] = "no charge",
        ["AWS::EC2::RouteTable"] = "no charge",
        ["AWS::EC2::Route"] = "no charge",
        ["AWS::EC2::SubnetRouteTableAssociation"] = "no charge",
        ["AWS::EC2::InternetGateway"] = "no charge",
        ["AWS::EC2::VPCGatewayAttachment"] = "no charge",
        ["AWS::EC2::SecurityGroup"] = "no charge",
        ["AWS::CDK::Metadata"] = "CDK bookkeeping, not an AWS resource",
        ["AWS::CloudFormation::WaitConditionHandle"] = "no charge",
    };

    /// <summary>The idle cost of each template and of the account they make up.</summary>
    public static FleetIdleCost EstimateAccount(IEnumerable<CloudFormationTemplate> templates, IdleAssumptions assumptions, PriceTable? prices = null) =>
        new([.. templates.Select(t => Estimate(t, assumptions, prices))], assumptions);

    /// <summary>The idle cost of one template per tenant account and month.</summary>
    public static TemplateIdleCost Estimate(CloudFormationTemplate template, IdleAssumptions assumptions, PriceTable? prices = null)
    {
        var estimate = new Estimation(template, assumptions, prices ?? PriceTable.Default);
        return new TemplateIdleCost(template.Name, estimate.Lines());
    }

    private sealed class Estimation(CloudFormationTemplate template, IdleAssumptions assumptions, PriceTable prices)
    {
        private readonly List<CostLine> _lines = [];
        private readonly HashSet<string> _alarmedFunctions = new(StringComparer.Ordinal);
        private readonly HashSet<string> _alarmedQueues = new(StringComparer.Ordinal);

        public IReadOnlyList<CostLine> Lines()
        {
            foreach (var resource in template.Resources)
            {
                Price(resource);
            }

            foreach (var rule in template.OfType("AWS::Events::Rule").Concat(template.OfType("AWS::Scheduler::Schedule")))
            {
                ScheduledRuns(rule);
            }

            if (assumptions.Alerts == AlertDesign.PerFunctionAlarms)
            {
                PerFunctionAlarms();
            }

            return _lines;
        }

        private double Hours => prices.HoursPerMonth;

        private void Add(TemplateResource resource, CostCategory category, string what, double usd, string? priceId = null) =>
            _lines.Add(new CostLine(template.Name, resource.LogicalId, resource.Type, category, what, usd, priceId));

        private void Price(TemplateResource resource)
        {
            switch (resource.Type)
            {
                case "AWS::CloudWatch::Alarm":
                    Alarm(resource);
                    return;
                case "AWS::CloudWatch::CompositeAlarm":
                    Add(resource, CostCategory.Alarms, "composite alarm", prices["cloudwatch.alarm.composite"].Usd, "cloudwatch.alarm.composite");
                    return;
                case "AWS::CloudWatch::Dashboard":
                    Add(resource, CostCategory.Other, "dashboard", prices["cloudwatch.dashboard"].Usd, "cloudwatch.dashboard");
                    return;
                case "AWS::KMS::Key":
                    Add(resource, CostCategory.Keys, "customer managed key", prices["kms.key"].Usd, "kms.key");
                    return;
                case "AWS::Logs::LogGroup":
                    var retention = template.Resolve(resource.Property("RetentionInDays") ?? default);
                    Add(resource, CostCategory.Logs, retention is null
                        ? "log group that never expires: nothing stored at rest, but what is written is kept and billed forever"
                        : $"log group ({retention} days): nothing stored at rest", 0, "logs.storage");
                    return;
                case "AWS::DynamoDB::Table":
                    Table(resource);
                    return;
                case "AWS::Lambda::EventSourceMapping":
                    EventSourceMapping(resource);
                    return;
                case "AWS::Lambda::Version":
                case "AWS::Lambda::Alias":
                    ProvisionedConcurrency(resource);
                    return;
                case "AWS::Events::Rule":
                case "AWS::Scheduler::Schedule":
                    Add(resource, CostCategory.FreeAtRest, "rule: billed per event it receives; its scheduled runs are priced on their own lines", 0);
                    return;
                case "AWS::EC2::NatGateway":
                    Hourly(resource, CostCategory.Network, "NAT gateway", "vpc.nat-gateway", 1);
                    return;
                case "AWS::EC2::EIP":
                    Hourly(resource, CostCategory.Network, "public IPv4 address", "vpc.public-ipv4", 1);
                    return;
                case "AWS::EC2::VPCEndpoint":
                    var type = template.Resolve(resource.Property("VpcEndpointType") ?? default) ?? "Gateway";
                    if (type == "Gateway")
                    {
                        Add(resource, CostCategory.FreeAtRest, "gateway endpoint: no charge", 0);
                    }
                    else
                    {
                        var zones = Math.Max(1, resource.Property("SubnetIds") is { ValueKind: System.Text.Json.JsonValueKind.Array } subnets ? subnets.GetArrayLength() : 1);
                        Hourly(resource, CostCategory.Network, $"interface endpoint in {zones} zone(s)", "privatelink.interface-endpoint", zones);
                    }

                    return;
                case "AWS::ElasticLoadBalancingV2::LoadBalancer":
                    Hourly(resource, CostCategory.Network, "load balancer", "elb.load-balancer", 1);
                    return;
                case "AWS::SecretsManager::Secret":
                    Add(resource, CostCategory.Other, "secret", prices["secretsmanager.secret"].Usd, "secretsmanager.secret");
                    return;
                case "AWS::Route53::HostedZone":
                    Add(resource, CostCategory.Other, "hosted zone", prices["route53.hosted-zone"].Usd, "route53.hosted-zone");
                    return;
                case "AWS::Kinesis::Stream":
                    if (template.Resolve(resource.Property("StreamModeDetails", "StreamMode") ?? default) == "ON_DEMAND")
                    {
                        Hourly(resource, CostCategory.Other, "on-demand stream", "kinesis.on-demand-stream", 1);
                    }
                    else
                    {
                        var shards = template.ResolveNumber(resource.Property("ShardCount"), assumptions.Parameters) ?? 1;
                        Hourly(resource, CostCategory.Other, $"{shards:0} shard(s)", "kinesis.shard", shards);
                    }

                    return;
                default:
                    if (FreeAtRest.TryGetValue(resource.Type, out var reason))
                    {
                        Add(resource, CostCategory.FreeAtRest, reason, 0);
                    }
                    else
                    {
                        Add(resource, CostCategory.NotPriced, $"not priced: the model has no price for {resource.Type}", 0);
                    }

                    return;
            }
        }

        private void Hourly(TemplateResource resource, CostCategory category, string what, string priceId, double units) =>
            Add(resource, category, what, prices[priceId].Usd * units * Hours, priceId);

        private void Alarm(TemplateResource resource)
        {
            foreach (var dimension in Dimensions(resource))
            {
                var target = CloudFormationTemplate.Target(dimension.Value);
                if (target is not null && dimension.Name == "FunctionName")
                {
                    _alarmedFunctions.Add(target);
                }
                else if (target is not null && dimension.Name == "QueueName")
                {
                    _alarmedQueues.Add(target);
                }
            }

            var metrics = resource.Property("Metrics");
            if (metrics is { ValueKind: System.Text.Json.JsonValueKind.Array } list
                && list.EnumerateArray().Any(m => m.TryGetProperty("Expression", out var e) && (e.GetString() ?? string.Empty).TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
            {
                Add(resource, CostCategory.NotPriced, "not priced: a Metrics Insights alarm is billed per metric it analyzes, which the template does not tell", 0, "cloudwatch.alarm.metrics-insights");
                return;
            }

            var count = metrics is { ValueKind: System.Text.Json.JsonValueKind.Array } entries ? Math.Max(1, entries.EnumerateArray().Count(m => m.TryGetProperty("MetricStat", out _))) : 1;
            var highResolution = (template.ResolveNumber(resource.Property("Period")) ?? 60) < 60
                || (metrics is { ValueKind: System.Text.Json.JsonValueKind.Array } periods && periods.EnumerateArray().Any(m => m.TryGetProperty("MetricStat", out var s) && s.TryGetProperty("Period", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Number && p.GetDouble() < 60));
            var anomaly = resource.Property("ThresholdMetricId") is not null;
            var billed = count * (anomaly ? 3 : 1);
            var priceId = highResolution ? "cloudwatch.alarm.high-resolution" : "cloudwatch.alarm.standard";
            Add(resource, CostCategory.Alarms, $"alarm on {billed} metric(s){(highResolution ? ", high resolution" : string.Empty)}{(anomaly ? ", anomaly band" : string.Empty)}", billed * prices[priceId].Usd, priceId);
        }

        private static IEnumerable<(string Name, System.Text.Json.JsonElement Value)> Dimensions(TemplateResource alarm)
        {
            var sources = new List<System.Text.Json.JsonElement>();
            if (alarm.Property("Dimensions") is { ValueKind: System.Text.Json.JsonValueKind.Array } direct)
            {
                sources.Add(direct);
            }

            if (alarm.Property("Metrics") is { ValueKind: System.Text.Json.JsonValueKind.Array } metrics)
            {
                sources.AddRange(metrics.EnumerateArray()
                    .Where(m => m.TryGetProperty("MetricStat", out var s) && s.TryGetProperty("Metric", out var metric) && metric.TryGetProperty("Dimensions", out _))
                    .Select(m => m.GetProperty("MetricStat").GetProperty("Metric").GetProperty("Dimensions")));
            }

            return sources.SelectMany(s => s.EnumerateArray())
                .Where(d => d.TryGetProperty("Name", out _) && d.TryGetProperty("Value", out _))
                .Select(d => (d.GetProperty("Name").GetString() ?? string.Empty, d.GetProperty("Value")));
        }

        private void Table(TemplateResource resource)
        {
            var mode = template.Resolve(resource.Property("BillingMode") ?? default) ?? "PROVISIONED";
            var recovery = template.Resolve(resource.Property("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled") ?? default) == "true";
            if (mode == "PAY_PER_REQUEST")
            {
                Add(resource, CostCategory.Tables, recovery
                    ? "on demand, empty at rest: storage and point-in-time recovery $0.00 (recovery is $0.20 per GB-month once data exists)"
                    : "on demand, empty at rest: storage $0.00", 0, "dynamodb.pitr");
                return;
            }

            var reads = template.ResolveNumber(resource.Property("ProvisionedThroughput", "ReadCapacityUnits"), assumptions.Parameters) ?? 0;
            var writes = template.ResolveNumber(resource.Property("ProvisionedThroughput", "WriteCapacityUnits"), assumptions.Parameters) ?? 0;
            if (resource.Property("GlobalSecondaryIndexes") is { ValueKind: System.Text.Json.JsonValueKind.Array } indexes)
            {
                foreach (var index in indexes.EnumerateArray().Where(i => i.TryGetProperty("ProvisionedThroughput", out _)))
                {
                    reads += template.ResolveNumber(index.GetProperty("ProvisionedThroughput").GetProperty("ReadCapacityUnits"), assumptions.Parameters) ?? 0;
                    writes += template.ResolveNumber(index.GetProperty("ProvisionedThroughput").GetProperty("WriteCapacityUnits"), assumptions.Parameters) ?? 0;
                }
            }

            var usd = ((reads * prices["dynamodb.provisioned.read"].Usd) + (writes * prices["dynamodb.provisioned.write"].Usd)) * Hours;
            Add(resource, CostCategory.Tables, $"provisioned capacity, billed every hour: {reads:0} RCU, {writes:0} WCU", usd, "dynamodb.provisioned.write");
        }

        private void EventSourceMapping(TemplateResource resource)
        {
            var sourceValue = resource.Property("EventSourceArn") ?? default;
            var source = CloudFormationTemplate.Target(sourceValue) is { } id ? template.Resource(id) : null;
            var literal = template.Resolve(sourceValue) ?? string.Empty;
            var isQueue = source?.Type == "AWS::SQS::Queue" || literal.Contains(":sqs:", StringComparison.Ordinal);
            if (!isQueue)
            {
                Add(resource, CostCategory.FreeAtRest, "stream mapping: Lambda reads streams without request charges", 0);
                return;
            }

            if (resource.Property("ProvisionedPollerConfig") is not null)
            {
                Add(resource, CostCategory.NotPriced, "not priced: provisioned pollers are billed per event poller unit, which the price table does not hold", 0);
                return;
            }

            var fifo = (source is not null && template.Resolve(source.Property("FifoQueue") ?? default) == "true") || literal.EndsWith(".fifo", StringComparison.Ordinal);
            var price = prices[fifo ? "sqs.requests.fifo" : "sqs.requests.standard"];
            var requests = assumptions.PollRequestsPerQueue(Hours);

            // The free requests are the organization's, shared by every account of the fleet.
            var billable = Math.Max(0, (requests * assumptions.Accounts) - price.FreePerMonth) / assumptions.Accounts;
            var queue = source?.LogicalId ?? literal;
            Add(resource, CostCategory.QueuePolling, string.Create(CultureInfo.InvariantCulture,
                $"Lambda polls {queue} while idle: {assumptions.IdlePollersPerQueue} pollers × one ReceiveMessage per {assumptions.LongPollWaitSeconds} s = {requests:N0} requests a month"),
                billable / 1_000_000 * price.Usd, price.Id);
        }

        private void ProvisionedConcurrency(TemplateResource resource)
        {
            var executions = template.ResolveNumber(resource.Property("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"), assumptions.Parameters);
            if (executions is null or 0)
            {
                Add(resource, CostCategory.FreeAtRest, "no provisioned concurrency: no charge", 0);
                return;
            }

            var function = CloudFormationTemplate.Target(resource.Property("FunctionName") ?? default) is { } id ? template.Resource(id) : null;
            if (function is null)
            {
                Add(resource, CostCategory.NotPriced, "not priced: provisioned concurrency of a function outside the template", 0);
                return;
            }

            var (memoryGb, architecture) = Sizing(function);
            var priceId = $"lambda.provisioned-concurrency.{architecture}";
            Add(resource, CostCategory.Other, $"{executions:0} provisioned execution(s) of {function.LogicalId}, billed every second",
                executions.Value * memoryGb * Hours * 3600 * prices[priceId].Usd, priceId);
        }

        private (double MemoryGb, string Architecture) Sizing(TemplateResource function)
        {
            var memory = template.ResolveNumber(function.Property("MemorySize"), assumptions.Parameters) ?? 128;
            var architecture = function.Property("Architectures") is { ValueKind: System.Text.Json.JsonValueKind.Array } list && list.GetArrayLength() > 0
                ? template.Resolve(list[0]) ?? "x86_64"
                : "x86_64";
            return (memory / 1024, architecture == "arm64" ? "arm64" : "x86_64");
        }

        private void ScheduledRuns(TemplateResource rule)
        {
            var expression = template.Resolve(rule.Property("ScheduleExpression") ?? default, assumptions.Parameters);
            var state = template.Resolve(rule.Property("State") ?? default) ?? "ENABLED";
            if (expression is null || state == "DISABLED")
            {
                if (rule.Property("ScheduleExpression") is not null && expression is null)
                {
                    Add(rule, CostCategory.NotPriced, "not priced: the schedule expression depends on a deployment value", 0);
                }

                return;
            }

            var runs = ScheduleFrequency.RunsPerMonth(expression, Hours);
            if (runs is null)
            {
                Add(rule, CostCategory.NotPriced, $"not priced: schedule {expression} is not a rate or cron expression", 0);
                return;
            }

            var targets = rule.Property("Targets") is { ValueKind: System.Text.Json.JsonValueKind.Array } list ? list.EnumerateArray().Select(t => t.TryGetProperty("Arn", out var arn) ? arn : default).ToList()
                : rule.Property("Target", "Arn") is { } single ? [single] : [];
            foreach (var function in targets.Select(CloudFormationTemplate.Target).OfType<string>().Select(template.Resource).Where(r => r?.Type == "AWS::Lambda::Function"))
            {
                Runs(rule, function!, expression, runs.Value);
            }
        }

        private void Runs(TemplateResource rule, TemplateResource function, string expression, double runs)
        {
            var (memoryGb, architecture) = Sizing(function);
            var compute = runs * ((prices["lambda.requests"].Usd / 1_000_000) + (assumptions.ScheduledRunSeconds * memoryGb * prices[$"lambda.duration.{architecture}"].Usd));
            _lines.Add(new CostLine(template.Name, function.LogicalId, function.Type, CostCategory.ScheduledRuns, string.Create(CultureInfo.InvariantCulture,
                $"{runs:N0} runs a month ({expression}) at {assumptions.ScheduledRunSeconds:0.##} s and {memoryGb * 1024:0} MB"), compute, $"lambda.duration.{architecture}"));

            var gigabytes = runs * assumptions.LogBytesPerScheduledRun / 1e9;
            var retentionDays = LogRetentionDays(function) ?? 3653;
            var stored = gigabytes * Math.Min(retentionDays / (Hours / 24), 120);
            _lines.Add(new CostLine(template.Name, function.LogicalId, function.Type, CostCategory.Logs, string.Create(CultureInfo.InvariantCulture,
                $"logs of the scheduled runs: {gigabytes * 1000:0.##} MB a month ingested, {stored * 1000:0.##} MB kept"),
                (gigabytes * prices["logs.ingestion"].Usd) + (stored * prices["logs.storage"].Usd), "logs.ingestion"));

            if (assumptions.Alerts == AlertDesign.Central)
            {
                // A run leaves datapoints in the evaluations it falls into; the central alarms analyze the function's metrics then.
                var share = Math.Min(1, runs / Hours * FunctionAlert.PeriodMinutes / 60);
                var analyzed = FunctionAlert.OnFunction.Count() * share;
                var price = prices["cloudwatch.alarm.metrics-insights"];
                _lines.Add(new CostLine(template.Name, function.LogicalId, function.Type, CostCategory.CentralAlerts, string.Create(CultureInfo.InvariantCulture,
                    $"central alerts analyze its {FunctionAlert.OnFunction.Count()} Lambda metrics in {share:0.##%} of evaluations = {analyzed:0.###} metrics"), analyzed * price.Usd, price.Id));
            }
        }

        private double? LogRetentionDays(TemplateResource function)
        {
            var group = CloudFormationTemplate.Target(function.Property("LoggingConfig", "LogGroup") ?? default) is { } id ? template.Resource(id) : null;
            return group is null ? null : template.ResolveNumber(group.Property("RetentionInDays"));
        }

        /// <summary>The alarms the design before central alerts puts in every account, for what it does not hold already.</summary>
        private void PerFunctionAlarms()
        {
            var price = prices["cloudwatch.alarm.standard"];
            foreach (var function in template.OfType("AWS::Lambda::Function").Where(f => !_alarmedFunctions.Contains(f.LogicalId)))
            {
                var alerts = FunctionAlert.OnFunction.Select(a => a.Name).ToList();
                Add(function, CostCategory.Alarms, $"per-function alarms ({string.Join(", ", alerts)}), one set per account", alerts.Count * price.Usd, price.Id);
            }

            foreach (var queue in FailureQueues().Where(q => !_alarmedQueues.Contains(q.LogicalId)))
            {
                var alerts = FunctionAlert.OnFailureQueue.Select(a => a.Name).ToList();
                Add(queue, CostCategory.Alarms, $"per-function alarm ({string.Join(", ", alerts)}) on the failure queue", alerts.Count * price.Usd, price.Id);
            }
        }

        /// <summary>Queues that receive what failed: asynchronous failure destinations, rule dead-letter queues, redrive targets.</summary>
        private IEnumerable<TemplateResource> FailureQueues()
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var config in template.OfType("AWS::Lambda::EventInvokeConfig"))
            {
                Collect(config.Property("DestinationConfig", "OnFailure", "Destination"));
            }

            foreach (var rule in template.OfType("AWS::Events::Rule"))
            {
                if (rule.Property("Targets") is { ValueKind: System.Text.Json.JsonValueKind.Array } targets)
                {
                    foreach (var target in targets.EnumerateArray())
                    {
                        Collect(target.TryGetProperty("DeadLetterConfig", out var dlq) && dlq.TryGetProperty("Arn", out var arn) ? arn : null);
                    }
                }
            }

            foreach (var queue in template.OfType("AWS::SQS::Queue"))
            {
                Collect(queue.Property("RedrivePolicy", "deadLetterTargetArn"));
            }

            return ids.Select(template.Resource).Where(r => r?.Type == "AWS::SQS::Queue").Select(r => r!);

            void Collect(System.Text.Json.JsonElement? value)
            {
                if (value is { } v && CloudFormationTemplate.Target(v) is { } id)
                {
                    ids.Add(id);
                }
            }
        }
    }
}
