// INS100–INS101 drift: account ids, regions and resource names written into code every tenant account runs.
// Each case is compiled alone; "// expect: INS1xx" marks a line that must be reported.

// ==== case: sns-topic-arn-in-handler
[ScanEventHandler]
public sealed partial class AlertOnScan
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant)
    {
        var topic = "arn:aws:sns:eu-central-1:123456789012:scan-alerts"; // expect: INS100
        return Task.CompletedTask;
    }
}

// ==== case: role-arn-in-const
public static class Roles
{
    public const string Ingest = "arn:aws:iam::210987654321:role/ingest"; // expect: INS100
}

// ==== case: interpolated-arn-literal-account
public sealed class Topics(TenantContext tenant)
{
    public string For(string name) => $"arn:aws:sns:{tenant.Region}:123456789012:{name}"; // expect: INS100
}

// ==== case: interpolated-arn-literal-region
public sealed class Queues(TenantContext tenant)
{
    public string Arn(string name) => $"arn:aws:sqs:eu-west-1:{tenant.AccountId}:{name}"; // expect: INS101
}

// ==== case: sqs-queue-url-const
public static class Outbox
{
    public const string QueueUrl = "https://sqs.eu-central-1.amazonaws.com/123456789012/outbox"; // expect: INS100
}

// ==== case: sqs-queue-url-interpolated
public sealed class DeadLetters(TenantContext tenant)
{
    public string Url(string queue) => $"https://sqs.{tenant.Region}.amazonaws.com/123456789012/{queue}"; // expect: INS100
}

// ==== case: queue-url-in-options-default
public sealed class ExportOptions
{
    public string ExportQueue { get; set; } = "https://sqs.us-east-1.amazonaws.com/123456789012/exports"; // expect: INS100
}

// ==== case: ecr-image-uri
public static class Images
{
    public static readonly string Scanner = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/scanner:1.4"; // expect: INS100
}

// ==== case: region-endpoint-in-startup
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.EUWest1 }); // expect: INS101
}

// ==== case: region-by-system-name
public sealed class RegionChoice
{
    public RegionEndpoint Home() => RegionEndpoint.GetBySystemName("eu-west-1"); // expect: INS101
}

// ==== case: region-local
public sealed class Uploader
{
    public string Bucket()
    {
        var region = "eu-central-1"; // expect: INS101
        return $"uploads-{region}";
    }
}

// ==== case: table-name-on-request
public sealed class ScanWriter(IAmazonDynamoDB dynamo)
{
    public Task WriteAsync(Dictionary<string, AttributeValue> item) =>
        dynamo.PutItemAsync(new PutItemRequest { TableName = "Scans", Item = item }); // expect: INS101
}

// ==== case: table-name-in-request-constructor
public sealed class DeviceReader(IAmazonDynamoDB dynamo)
{
    public Task<GetItemResponse> ReadAsync(Dictionary<string, AttributeValue> key) =>
        dynamo.GetItemAsync(new GetItemRequest("Devices", key)); // expect: INS101
}

// ==== case: batch-write-literal-table-key
public sealed class BulkWriter(IAmazonDynamoDB dynamo)
{
    public Task FlushAsync(List<WriteRequest> writes) =>
        dynamo.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new Dictionary<string, List<WriteRequest>>
            {
                ["Scans"] = writes, // expect: INS101
            },
        });
}

// ==== case: batch-get-literal-table-key-collection-initializer
public sealed class BulkReader(IAmazonDynamoDB dynamo)
{
    public Task<BatchGetItemResponse> ReadAsync(KeysAndAttributes keys) =>
        dynamo.BatchGetItemAsync(new Dictionary<string, KeysAndAttributes> { { "Devices", keys } }); // expect: INS101
}

// ==== case: batch-write-indexer-assignment
public sealed class Archive(IAmazonDynamoDB dynamo)
{
    public Task MoveAsync(List<WriteRequest> deletes)
    {
        var request = new BatchWriteItemRequest();
        request.RequestItems["ScansArchive"] = deletes; // expect: INS101
        return dynamo.BatchWriteItemAsync(request);
    }
}

// ==== case: batch-get-add-call
public sealed class Lookup(IAmazonDynamoDB dynamo)
{
    public Task<BatchGetItemResponse> ReadAsync(KeysAndAttributes keys)
    {
        var items = new Dictionary<string, KeysAndAttributes>();
        items.Add("Stations", keys); // expect: INS101
        return dynamo.BatchGetItemAsync(items);
    }
}

// ==== case: transact-put-table-name
public sealed class Ledger(IAmazonDynamoDB dynamo)
{
    public Task PostAsync(Dictionary<string, AttributeValue> item) =>
        dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = [new TransactWriteItem { Put = new Put { TableName = "Ledger", Item = item } }], // expect: INS101
        });
}

// ==== case: account-comparison
public static class Billing
{
    public static bool IsFlagship(TenantContext tenant) => tenant.AccountId == "123456789012"; // expect: INS100
}

// ==== case: region-switch
public static class Residency
{
    public static string Bucket(TenantContext tenant) => tenant.Region switch // expect: INS101
    {
        "eu-central-1" => "eu-data",
        _ => "global-data",
    };
}

// ==== case: region-equals
public static class Certificates
{
    public static bool NeedsCopy(TenantContext tenant) => !string.Equals(tenant.Region, "us-east-1", StringComparison.Ordinal); // expect: INS101
}

// ==== case: account-keyed-dictionary-indexer
public sealed class Plans(TenantContext tenant)
{
    private static readonly Dictionary<string, string> ByAccount = new()
    {
        ["123456789012"] = "premium",
        ["210987654321"] = "basic",
    };

    public string Current() => ByAccount[tenant.AccountId]; // expect: INS100
}

// ==== case: account-keyed-try-get-value
public static class Quotas
{
    private static readonly Dictionary<string, int> MaxDevices = new() { { "123456789012", 500 }, { "210987654321", 50 } };

    public static int For(TenantContext tenant) => MaxDevices.TryGetValue(tenant.AccountId, out var max) ? max : 100; // expect: INS100
}

// ==== case: aws-account-id-const
public static class Central
{
    public const string AwsAccountId = "999988887777"; // expect: INS100
}

// ==== case: account-local-flows-into-arn
public sealed class Notifier(TenantContext tenant)
{
    public string Topic()
    {
        var account = "123456789012"; // expect: INS100
        return $"arn:aws:sns:{tenant.Region}:{account}:alerts";
    }
}

// ==== case: account-field-flows-into-arn
public sealed class AuditTrail(TenantContext tenant)
{
    private static readonly string LogArchive = "555566667777"; // expect: INS100

    public string Bucket() => $"arn:aws:s3:::audit-{LogArchive}-{tenant.Region}";

    public string Role() => $"arn:aws:iam::{LogArchive}:role/audit-writer";
}

// ==== case: infra-policy-resource-arn
// project: infrastructure
public sealed class IngestStack : Stack
{
    public IngestStack(Construct scope) : base(scope, "Ingest")
    {
        new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["dynamodb:PutItem"],
            Resources = ["arn:aws:dynamodb:eu-central-1:123456789012:table/Scans"], // expect: INS100
        });
    }
}

// ==== case: infra-account-principal
// project: infrastructure
public sealed class SharingStack : Stack
{
    public SharingStack(Construct scope) : base(scope, "Sharing")
    {
        var topic = new Topic(this, "Alerts");
        topic.GrantPublish(new AccountPrincipal("123456789012")); // expect: INS100
    }
}

// ==== case: infra-stack-region-comparison
// project: infrastructure
public sealed class EdgeStack : Stack
{
    public EdgeStack(Construct scope) : base(scope, "Edge")
    {
        if (Stack.Of(this).Region == "us-east-1") // expect: INS101
        {
            new Topic(this, "Certificates");
        }
    }
}

// ==== case: infra-source-account-on-permission
// project: infrastructure
public sealed class InvokeStack : Stack
{
    public InvokeStack(Construct scope, Function function) : base(scope, "Invoke")
    {
        function.AddPermission("FromEvents", new Permission
        {
            Principal = new ServicePrincipal("events.amazonaws.com"),
            SourceAccount = "123456789012", // expect: INS100
        });
    }
}
