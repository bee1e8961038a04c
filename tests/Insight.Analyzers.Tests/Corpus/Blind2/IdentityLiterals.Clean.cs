// Second blind corpus, INS100/INS101 near-misses: twelve-digit values that are not accounts, region codes that are not
// regions, ARNs built from the tenant or the stack, table names the SDK resolves — all must stay silent.

// ==== case: gtin-12-lookup
public sealed class Catalog
{
    public string? Find(string gtin) => gtin == "012345678905" ? "Sample pack" : null;

    public string? Sample() => Find(gtin: "036000291452");
}

// ==== case: ledger-suspense-account-const
public sealed record LedgerEntry(string AccountNumber, decimal Amount);

public static class Postings
{
    private const string SuspenseAccount = "200300400500";

    public static bool IsSuspense(LedgerEntry entry) => entry.AccountNumber == SuspenseAccount;
}

// ==== case: phone-number-twelve-digits
public sealed class Escalation
{
    private static readonly string HotlineNumber = "004930123456";

    public string Dial() => HotlineNumber;
}

// ==== case: account-id-in-log-message
[ScanEventHandler]
public sealed partial class Migrate(ILogger<Migrate> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Moved off the shared account 123456789012 into {Account}", tenant.AccountId);
        return Task.CompletedTask;
    }
}

// ==== case: arn-in-comment-and-exception
public static class Guard
{
    // Before the move every topic lived in arn:aws:sns:eu-central-1:123456789012:alerts.
    public static void RequireArn(string value)
    {
        if (!value.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw new ArgumentException("Expected an ARN such as arn:aws:sns:<region>:<account>:<topic>, not 012345678901.", nameof(value));
        }
    }
}

// ==== case: string-concat-arn-from-tenant
public sealed class TenantTopics(TenantContext tenant)
{
    public string Alerts() => string.Concat("arn:aws:sns:", tenant.Region, ":", tenant.AccountId, ":alerts");
}

// ==== case: string-format-arn-from-tenant
public static class QueueUrls
{
    public static string Outbox(TenantContext tenant) =>
        string.Format(CultureInfo.InvariantCulture, "https://sqs.{0}.amazonaws.com/{1}/outbox", tenant.Region, tenant.AccountId);
}

// ==== case: managed-policy-arn-in-cdk
// project: infrastructure
public sealed class ReadOnlyRole : Construct
{
    public ReadOnlyRole(Construct scope) : base(scope, "ReadOnly")
    {
        var role = new Role(this, "Role", new RoleProps { AssumedBy = new ServicePrincipal("lambda.amazonaws.com") });
        role.AddManagedPolicy(ManagedPolicy.FromManagedPolicyArn(this, "Ro", "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"));
    }
}

// ==== case: s3-arn-without-account-in-policy
// project: infrastructure
public static class Artifacts
{
    public static PolicyStatement Read() => new(new PolicyStatementProps
    {
        Actions = ["s3:GetObject"],
        Resources = ["arn:aws:s3:::insight-artifacts/*"],
    });
}

// ==== case: cdk-arn-from-pseudo-parameters
// project: infrastructure
public sealed class AlarmsStack : Stack
{
    public AlarmsStack(Construct scope) : base(scope, "Alarms")
    {
        var topicArn = $"arn:aws:sns:{Aws.REGION}:{Aws.ACCOUNT_ID}:alarms";
        _ = Topic.FromTopicArn(this, "Alarms", topicArn);
    }
}

// ==== case: allowed-central-account
// options: insight_drift.allowed_account_ids = 999999999999
public static class Central
{
    public const string AuditBus = "arn:aws:events:eu-central-1:999999999999:event-bus/central-audit";
}

// ==== case: allowed-region-for-certificates
// options: insight_drift.allowed_regions = us-east-1
public static class Certificates
{
    public static RegionEndpoint Endpoint() => RegionEndpoint.GetBySystemName("us-east-1");
}

// ==== case: region-code-in-log-and-label
public sealed class Mover(ILogger<Mover> log)
{
    public string Label(string text) => $"[{text}]";

    public string Describe()
    {
        log.LogWarning("Data residency moved from eu-central-1 to the tenant's region");
        return Label("us-east-1");
    }
}

// ==== case: region-display-name-dictionary
public static class RegionNames
{
    private static readonly Dictionary<string, string> Display = new()
    {
        ["eu-central-1"] = "Frankfurt",
        ["eu-west-1"] = "Ireland",
    };

    public static string For(TenantContext tenant) => Display.GetValueOrDefault(tenant.Region, tenant.Region);
}

// ==== case: region-endpoint-from-tenant
public static class Endpoints
{
    public static RegionEndpoint Current(TenantContext tenant) => RegionEndpoint.GetBySystemName(tenant.Region);
}

// ==== case: table-name-resolved-and-index-literal
using Insight.Sdk.Data;

public sealed class DeviceScans(IAmazonDynamoDB dynamo, DynamoTableNames names)
{
    public Task<QueryResponse> ForDeviceAsync(string serial, CancellationToken ct) =>
        dynamo.QueryAsync(new QueryRequest
        {
            TableName = names.Resolve("Scans"),
            IndexName = "ByDevice",
            KeyConditionExpression = "DeviceSerial = :d",
            ExpressionAttributeValues = new() { [":d"] = new AttributeValue { S = serial } },
        }, ct);
}

// ==== case: table-name-from-bound-options
public sealed class ArchiveOptions
{
    public string ArchiveTable { get; set; } = "";
}

public sealed class Archiver(IAmazonDynamoDB dynamo, ArchiveOptions options)
{
    public Task PutAsync(Dictionary<string, AttributeValue> item, CancellationToken ct) =>
        dynamo.PutItemAsync(new PutItemRequest { TableName = options.ArchiveTable, Item = item }, ct);
}

// ==== case: order-number-attribute-value
public sealed class Orders(IAmazonDynamoDB dynamo, DynamoTableNamesHolder holder)
{
    public Task<GetItemResponse> LoadAsync(CancellationToken ct) =>
        dynamo.GetItemAsync(holder.Orders, new Dictionary<string, AttributeValue> { ["OrderNumber"] = new AttributeValue { S = "100000000042" } }, ct);
}

public sealed record DynamoTableNamesHolder(string Orders);

// ==== case: ledger-account-record-default
public sealed record Invoice(string Number, string BillingAccount = "500012345678");

// ==== case: account-compared-with-another-account
public sealed record Grant(string AccountId, string Scope);

public static class Grants
{
    public static bool Local(Grant grant, TenantContext tenant) => grant.AccountId == tenant.AccountId;
}

// ==== case: arn-validation-regex
using System.Text.RegularExpressions;

public static class ArnShape
{
    private static readonly Regex Topic = new(@"^arn:aws:sns:[a-z0-9-]+:\d{12}:[\w-]+$", RegexOptions.CultureInvariant);

    public static bool IsTopic(string arn) => Topic.IsMatch(arn);
}

// ==== case: test-project-hard-coded-arn
// project: test
using Xunit;

public sealed class TopicTests
{
    [Fact]
    public void Builds_the_arn() =>
        _ = "arn:aws:sns:eu-central-1:123456789012:alerts" == $"arn:aws:sns:{"eu-central-1"}:{"123456789012"}:alerts" ? 0 : throw new InvalidOperationException();
}

// ==== case: twelve-digit-timestamp-seconds-string
public static class Cutoffs
{
    private const string LegacyCutoffMillis = "169999999999";

    public static bool IsLegacy(ScanEvent scan) => scan.TimeCreated < long.Parse(LegacyCutoffMillis, CultureInfo.InvariantCulture);
}
