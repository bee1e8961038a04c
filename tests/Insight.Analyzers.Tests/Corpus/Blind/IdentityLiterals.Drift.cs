// Blind corpus, INS100–INS101 drift: written from the rule pages only, before reading the analyzers.
// Account ids, regions and resource names the way service teams write them: in other files, in constants,
// interpolated, concatenated, in frozen dictionaries and switch expressions.

// ==== case: account-constant-in-another-file
[ScanEventHandler]
public sealed partial class NotifyOps(ILogger<NotifyOps> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        var topic = $"arn:aws:sns:{tenant.Region}:{Accounts.Operations}:ops-alerts";
        log.LogInformation("Alerting {Topic}", topic);
        return Task.CompletedTask;
    }
}
// ---- file: Accounts.cs
public static class Accounts
{
    public const string Operations = "123456789012"; // expect: INS100
}

// ==== case: const-concatenated-queue-arn
public static class Outbox
{
    private const string Account = "123456789012"; // expect: INS100
    // The ARN's region is literal and its account a named constant: the account is reported at its literal (INS100),
    // the region at the ARN (INS101), as the rule pages say for ARNs whose account is not written into them.
    public const string QueueArn = "arn:aws:sqs:eu-central-1:" + Account + ":outbox"; // expect: INS101
}

// ==== case: frozen-dictionary-limits-by-account
using System.Collections.Frozen;

public sealed class DeviceLimits(TenantContext tenant)
{
    private static readonly FrozenDictionary<string, int> Limits =
        new Dictionary<string, int> { ["123456789012"] = 5000, ["210987654321"] = 250 }.ToFrozenDictionary();

    public int Current => Limits.GetValueOrDefault(tenant.AccountId, 100); // expect: INS100
}

// ==== case: hashset-of-early-access-accounts
public sealed class EarlyAccess
{
    private static readonly HashSet<string> Accounts = ["123456789012", "345678901234"];

    public bool Enabled(TenantContext tenant) => Accounts.Contains(tenant.AccountId); // expect: INS100
}

// ==== case: switch-expression-on-account
public static class Tiers
{
    public static string Of(TenantContext tenant) => tenant.AccountId switch { "123456789012" => "gold", _ => "standard" }; // expect: INS100
}

// ==== case: is-pattern-on-account
[ScanEventHandler]
public sealed partial class ThrottleScans
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        if (tenant.AccountId is "123456789012" or "210987654321") // expect: INS100
        {
            return Task.Delay(50, ct);
        }

        return Task.CompletedTask;
    }
}

// ==== case: account-compared-through-local
public sealed class Billing(TenantContext tenant)
{
    public bool Internal()
    {
        var account = tenant.AccountId;
        return account.Equals("123456789012", StringComparison.Ordinal); // expect: INS100
    }
}

// ==== case: queue-url-interpolated-with-constant
public sealed class Forwarder(TenantContext tenant)
{
    private const string CentralAccount = "123456789012"; // expect: INS100

    public string QueueUrl(string queue) => $"https://sqs.{tenant.Region}.amazonaws.com/{CentralAccount}/{queue}";
}

// ==== case: record-default-topic
public sealed record AlertTarget(string TopicArn = "arn:aws:sns:eu-central-1:123456789012:alerts"); // expect: INS100

// ==== case: role-arn-with-partition-variable
public static class Roles
{
    public static string Reader(string partition, string name) => $"arn:{partition}:iam::123456789012:role/{name}"; // expect: INS100
}

// ==== case: ecr-image-interpolated-tag
public static class Images
{
    public static string Scanner(string region, string version) => $"123456789012.dkr.ecr.{region}.amazonaws.com/scanner:{version}"; // expect: INS100
}

// ==== case: region-endpoint-in-static-helper
public static class Clients
{
    public static AmazonDynamoDBConfig Config() => new() { RegionEndpoint = RegionEndpoint.GetBySystemName("eu-west-1") }; // expect: INS101
}

// ==== case: region-endpoint-field
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.EUWest1 }); // expect: INS101
    }
}

// ==== case: region-variable
public sealed class Replication
{
    public string Target()
    {
        var replicaRegion = "eu-west-1"; // expect: INS101
        return replicaRegion;
    }
}

// ==== case: region-extension-in-another-file
public sealed class Exports(TenantContext tenant)
{
    public int Parallelism() => tenant.InUsEast() ? 4 : 8;
}
// ---- file: TenantExtensions.cs
public static class TenantExtensions
{
    public static bool InUsEast(this TenantContext tenant) => tenant.Region == "us-east-1"; // expect: INS101
}

// ==== case: put-item-literal-table
[ScanEventHandler]
public sealed partial class StoreScan(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) =>
        dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = "Scans", // expect: INS101
            Item = new() { ["Id"] = new AttributeValue { S = scan.EventId } },
        }, ct);
}

// ==== case: table-name-constant-in-another-class
[ScanEventHandler]
public sealed partial class LookupDevice(IAmazonDynamoDB dynamo)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) =>
        dynamo.GetItemAsync(new GetItemRequest(TableNames.Devices, new() { ["Serial"] = new AttributeValue { S = scan.DeviceSerial } }), ct); // expect: INS101
}
// ---- file: TableNames.cs
public static class TableNames
{
    // A constant whose name does not say "table" is reported where it is given to the SDK, not here.
    public const string Devices = "Devices";
}

// ==== case: batch-write-collection-initializer
public sealed class Archiver(IAmazonDynamoDB dynamo)
{
    public Task Flush(List<WriteRequest> writes, CancellationToken ct) =>
        dynamo.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new Dictionary<string, List<WriteRequest>>
            {
                { "ScansArchive", writes }, // expect: INS101
            },
        }, ct);
}

// ==== case: batch-get-indexer-assignment
public sealed class DeviceLoader(IAmazonDynamoDB dynamo)
{
    public Task<BatchGetItemResponse> Load(List<Dictionary<string, AttributeValue>> keys, CancellationToken ct)
    {
        var request = new BatchGetItemRequest { RequestItems = new() };
        request.RequestItems["Devices"] = new KeysAndAttributes { Keys = keys }; // expect: INS101
        return dynamo.BatchGetItemAsync(request, ct);
    }
}

// ==== case: cdk-environment-literals
// project: infrastructure
public sealed class PinnedApp
{
    public static void Main()
    {
        var app = new App();
        _ = new Stack(app, "Service", new StackProps
        {
            Env = new Amazon.CDK.Environment // expect: INS110
            {
                Account = "123456789012", // expect: INS100
                Region = "eu-central-1", // expect: INS101
            },
        });
    }
}

// ==== case: cdk-account-principal
// project: infrastructure
public sealed class SharingStack : Stack
{
    public SharingStack(Construct scope) : base(scope, "Sharing")
    {
        var role = new Role(this, "Reader", new RoleProps { AssumedBy = new AccountPrincipal("123456789012") }); // expect: INS100
    }
}

// ==== case: cdk-permission-source-account
// project: infrastructure
public sealed class InvokeStack : Stack
{
    public InvokeStack(Construct scope) : base(scope, "Invoke")
    {
        _ = new CfnPermission(this, "FromBus", new CfnPermissionProps
        {
            Action = "lambda:InvokeFunction",
            FunctionName = "ingest",
            Principal = "events.amazonaws.com",
            SourceAccount = "123456789012", // expect: INS100
        });
    }
}

// ==== case: cdk-policy-resource-arn
// project: infrastructure
public sealed class GrantsStack : Stack
{
    public GrantsStack(Construct scope) : base(scope, "Grants")
    {
        var statement = new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["dynamodb:GetItem"],
            Resources = ["arn:aws:dynamodb:eu-central-1:123456789012:table/Devices"], // expect: INS100
        });
    }
}

// ==== case: cdk-stack-account-comparison
// project: infrastructure
public sealed class AlarmsStack : Stack
{
    public AlarmsStack(Construct scope) : base(scope, "Alarms")
    {
        if (Stack.Of(this).Account == "123456789012") // expect: INS100
        {
            _ = new Topic(this, "Pager");
        }
    }
}

// ==== case: try-get-value-primary-constructor-field
public sealed class Retention(TenantContext tenant)
{
    private readonly Dictionary<string, int> _daysByAccount = new()
    {
        { "123456789012", 365 },
        { "210987654321", 30 },
    };

    public int Days() => _daysByAccount.TryGetValue(tenant.AccountId, out var days) ? days : 90; // expect: INS100
}

// ==== case: account-arn-in-options-default
public sealed class ForwardingOptions
{
    public string EventBusArn { get; init; } = "arn:aws:events:eu-central-1:123456789012:event-bus/central"; // expect: INS100
}
