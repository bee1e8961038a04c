// Second blind corpus, INS100/INS101 drift: account ids, regions and table names written into code, from the rule
// pages only — record defaults, options classes, collection expressions, string.Format/Concat, tuples, L1 and L2 CDK.

// ==== case: record-default-parameter-topic-arn
public sealed record AlertTarget(string TopicArn = "arn:aws:sns:eu-central-1:123456789012:scan-alerts"); // expect: INS100

[ScanEventHandler]
public sealed partial class RaiseAlert(ILogger<RaiseAlert> log)
{
    public Task HandleAsync(ScanEvent scan, CancellationToken ct)
    {
        var target = new AlertTarget();
        log.LogInformation("Alerting {Topic}", target.TopicArn);
        return Task.CompletedTask;
    }
}

// ==== case: collection-expression-of-arns
public static class Fanout
{
    public static readonly IReadOnlyList<string> Topics =
    [
        "arn:aws:sns:eu-west-1:210987654321:ops-alerts", // expect: INS100
        "arn:aws:sns:eu-west-1:210987654321:ops-pager", // expect: INS100
    ];
}

// ==== case: options-class-queue-url-default
public sealed class OutboxOptions
{
    public string QueueUrl { get; set; } = "https://sqs.eu-central-1.amazonaws.com/123456789012/outbox"; // expect: INS100

    public int MaxBatch { get; set; } = 10;
}

// ==== case: ecr-image-in-static-readonly
public static class Images
{
    public static readonly string Scanner = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/scanner:1.4"; // expect: INS100
}

// ==== case: string-format-arn-with-literal-account
public sealed class Topics(TenantContext tenant)
{
    public string Arn(string name) => string.Format(CultureInfo.InvariantCulture, "arn:aws:sns:{0}:{1}:{2}", tenant.Region, "123456789012", name); // expect: INS100
}

// ==== case: string-concat-arn
public static class ArnBuilder
{
    public static string Alerts(string region) => string.Concat("arn:aws:sns:", region, ":123456789012:alerts"); // expect: INS100
}

// ==== case: aws-account-id-property-on-options
public sealed class CentralLoggingOptions
{
    public string AwsAccountId { get; init; } = "444455556666"; // expect: INS100

    public string Stream { get; init; } = "audit";
}

// ==== case: static-readonly-account-in-other-file-used-in-table-arn
public sealed class Replication(TenantContext tenant)
{
    public string TargetTable() => $"arn:aws:dynamodb:{tenant.Region}:{SharedAccounts.Analytics}:table/Scans";
}
// ---- file: SharedAccounts.cs
public static class SharedAccounts
{
    public static readonly string Analytics = "777788889999"; // expect: INS100
}

// ==== case: account-pattern-or
[ScanEventHandler]
public sealed partial class Throttle
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) =>
        tenant.AccountId is "123456789012" or "210987654321" ? Task.Delay(50, ct) : Task.CompletedTask; // expect: INS100
}

// ==== case: account-switch-expression-one-line
public static class Tiers
{
    public static string For(TenantContext tenant) => tenant.AccountId switch { "123456789012" => "gold", _ => "standard" }; // expect: INS100
}

// ==== case: tuple-deconstruction-account-and-region
public static class Relay
{
    public static string Target()
    {
        var (account, region) = ("123456789012", "eu-central-1"); // expect: INS100, INS101
        return $"arn:aws:sns:{region}:{account}:relay";
    }
}

// ==== case: table-arn-as-table-name
public sealed class ArchiveWriter(IAmazonDynamoDB dynamo)
{
    public Task WriteAsync(Dictionary<string, AttributeValue> item, CancellationToken ct) =>
        dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = "arn:aws:dynamodb:eu-central-1:123456789012:table/ScanArchive", // expect: INS100
            Item = item,
        }, ct);
}

// ==== case: resource-arn-for-tags
public sealed class Tagger(IAmazonDynamoDB dynamo)
{
    public Task TagAsync(CancellationToken ct) =>
        dynamo.TagResourceAsync(new TagResourceRequest
        {
            ResourceArn = $"arn:aws:dynamodb:eu-west-1:123456789012:table/{"Scans"}", // expect: INS100
            Tags = [new Tag { Key = "team", Value = "scans" }],
        }, ct);
}

// ==== case: cdk-account-principal-in-role-props
// project: infrastructure
public sealed class ReaderRole : Construct
{
    public ReaderRole(Construct scope) : base(scope, "ReaderRole")
    {
        _ = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new AccountPrincipal("123456789012"), // expect: INS100
        });
    }
}

// ==== case: cdk-l1-permission-source-account
// project: infrastructure
public sealed class InvokePermission : Construct
{
    public InvokePermission(Construct scope, IFunction fn) : base(scope, "Invoke")
    {
        _ = new CfnPermission(this, "FromEvents", new CfnPermissionProps
        {
            Action = "lambda:InvokeFunction",
            FunctionName = fn.FunctionName,
            Principal = "events.amazonaws.com",
            SourceAccount = "210987654321", // expect: INS100
        });
    }
}

// ==== case: cdk-stack-account-ternary
// project: infrastructure
public sealed class MonitoringStack : Stack
{
    public MonitoringStack(Construct scope) : base(scope, "Monitoring")
    {
        var retention = Stack.Of(this).Account == "123456789012" ? 90 : 14; // expect: INS100
        _ = new CfnOutput(this, "Retention", new CfnOutputProps { Value = retention.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}

// ==== case: account-keyed-dictionary-get-value-or-default
public static class DeviceQuotas
{
    private static readonly Dictionary<string, int> Quotas = new()
    {
        { "123456789012", 5000 },
        { "210987654321", 250 },
    };

    public static int For(TenantContext tenant) => Quotas.GetValueOrDefault(tenant.AccountId, 100); // expect: INS100
}

// ==== case: region-endpoint-on-config-in-startup
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(new AmazonDynamoDBConfig
        {
            RegionEndpoint = RegionEndpoint.EUWest1, // expect: INS101
        });
}

// ==== case: authentication-region-on-config
public static class ConfigFactory
{
    public static AmazonDynamoDBConfig Build() => new()
    {
        AuthenticationRegion = "eu-west-2", // expect: INS101
    };
}

// ==== case: region-constant-named-for-region-in-other-file
public static class Clients
{
    public static RegionEndpoint Home() => RegionEndpoint.GetBySystemName(Regions.HomeRegion);
}
// ---- file: Regions.cs
public static class Regions
{
    public const string HomeRegion = "eu-central-1"; // expect: INS101
}

// ==== case: region-string-equals-ignore-case
public static class Residency
{
    public static bool InUs(TenantContext tenant) => string.Equals(tenant.Region, "us-east-2", StringComparison.OrdinalIgnoreCase); // expect: INS101
}

// ==== case: region-switch-expression
public static class Latency
{
    public static int BudgetMs(TenantContext tenant) => tenant.Region switch // expect: INS101
    {
        "eu-central-1" => 40,
        "ap-southeast-2" => 120,
        _ => 80,
    };
}

// ==== case: region-ternary-into-region-variable
public static class Failover
{
    public static string Partner(TenantContext tenant)
    {
        var region = tenant.Region.StartsWith("us", StringComparison.Ordinal) ? "us-west-2" : "eu-west-1"; // expect: INS101
        return region;
    }
}

// ==== case: primary-constructor-region-default
public sealed class Replicator(string targetRegion = "eu-north-1") // expect: INS101
{
    public string Target => targetRegion;
}

// ==== case: apigateway-arn-without-account
public static class ApiArns
{
    public const string Stage = "arn:aws:apigateway:eu-central-1::/restapis/a1b2c3/stages/prod"; // expect: INS101
}

// ==== case: query-request-constructor-table
public sealed class History(IAmazonDynamoDB dynamo)
{
    public Task<QueryResponse> ForDeviceAsync(string serial, CancellationToken ct) =>
        dynamo.QueryAsync(new QueryRequest("ScanHistory") // expect: INS101
        {
            KeyConditionExpression = "Pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = serial } },
        }, ct);
}

// ==== case: transact-put-table-name
public sealed class Registration(IAmazonDynamoDB dynamo)
{
    public Task RegisterAsync(Dictionary<string, AttributeValue> device, CancellationToken ct) =>
        dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem { Put = new Put { TableName = "Devices", Item = device } }, // expect: INS101
            ],
        }, ct);
}

// ==== case: describe-table-method-argument
public sealed class Health(IAmazonDynamoDB dynamo)
{
    public async Task<bool> ReadyAsync(CancellationToken ct) =>
        (await dynamo.DescribeTableAsync("Stations", ct)).Table.TableStatus == TableStatus.ACTIVE; // expect: INS101
}

// ==== case: batch-get-try-add
public sealed class Lookup(IAmazonDynamoDB dynamo)
{
    public Task<BatchGetItemResponse> GetAsync(KeysAndAttributes keys, CancellationToken ct)
    {
        var items = new Dictionary<string, KeysAndAttributes>();
        items.TryAdd("Devices", keys); // expect: INS101
        return dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = items }, ct);
    }
}

// ==== case: table-name-constant-named-as-table
public sealed class AuditLog(IAmazonDynamoDB dynamo)
{
    private const string AuditTableName = "AuditTrail"; // expect: INS101

    public Task WriteAsync(Dictionary<string, AttributeValue> item, CancellationToken ct) =>
        dynamo.PutItemAsync(AuditTableName, item, ct);
}
