// INS100–INS101 near-misses: twelve-digit numbers that are not AWS accounts, region-like text that is not a region
// setting, resource names that come from the deployment. None may be reported.

// ==== case: ledger-account-constants
public static class ChartOfAccounts
{
    public const string RevenueAccount = "400100000000";
    public const string ReceivablesAccountId = "120000000000";

    public static string Post(decimal amount) => amount >= 0 ? RevenueAccount : ReceivablesAccountId;
}

// ==== case: ledger-account-comparison
public sealed record JournalEntry(string AccountNumber, decimal Amount);

public static class Journal
{
    public static bool IsSuspense(JournalEntry entry) => entry.AccountNumber == "999900000000";
}

// ==== case: ledger-account-local
public static class Invoices
{
    public static string Booking(decimal total)
    {
        var ledgerAccountId = "100200300400";
        return $"{ledgerAccountId}:{total.ToString(CultureInfo.InvariantCulture)}";
    }
}

// ==== case: ledger-accounts-dictionary
public sealed record Posting(string Account, decimal Amount);

public static class CostCentres
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["400100000000"] = "Revenue",
        ["500200000000"] = "Cost of goods",
    };

    public static string Name(Posting posting) => Names.TryGetValue(posting.Account, out var name) ? name : "Other";
}

// ==== case: gtin-barcode-check
[ScanEventHandler]
public sealed partial class CountReturns(ILogger<CountReturns> log)
{
    public Task HandleAsync(ScanEvent scan)
    {
        if (scan.ScanCode == "012345678905")
        {
            log.LogInformation("Return label scanned at {Station}", scan.StationName);
        }

        return Task.CompletedTask;
    }
}

// ==== case: customer-account-barcode
public static class LoyaltyCards
{
    public const string CustomerAccountBarcode = "036000291452";

    public static bool IsTestCard(string code) => code == CustomerAccountBarcode;
}

// ==== case: accounting-period-timestamp
public static class Periods
{
    public static bool IsClosed(string accountingPeriod) => string.CompareOrdinal(accountingPeriod, "202401011230") < 0;
}

// ==== case: order-number-argument
public sealed class Orders
{
    public string Load(string orderNumber) => orderNumber;

    public string First() => Load("100000000042");
}

// ==== case: account-phone-number
public sealed class SupportContact
{
    public string SupportAccountPhone { get; } = "491701234567";
}

// ==== case: arn-from-tenant
public sealed class Topics(TenantContext tenant)
{
    public string Alerts => $"arn:aws:sns:{tenant.Region}:{tenant.AccountId}:alerts";
}

// ==== case: managed-policy-and-bucket-arns
public static class Policies
{
    public const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    public const string Exports = "arn:aws:s3:::exports-bucket/*";
}

// ==== case: arn-in-a-comment-and-a-log
public sealed class Alerts(ILogger<Alerts> log, TenantContext tenant)
{
    // Was arn:aws:sns:eu-central-1:123456789012:alerts before the move to per-tenant topics.
    public void Sent(string topicArn) => log.LogInformation("Alert sent to {Topic} for account {Account}", topicArn, tenant.AccountId);
}

// ==== case: region-display-names
public static class Regions
{
    public static string Label(string area)
    {
        var region = "EMEA";
        var regionLabel = "Europe (Frankfurt)";
        return area == region ? regionLabel : area;
    }
}

// ==== case: region-names-lookup-table
public static class RegionNames
{
    private static readonly Dictionary<string, string> Names = new() { ["eu-central-1"] = "Frankfurt", ["eu-west-1"] = "Ireland" };

    public static string Of(TenantContext tenant) => Names.GetValueOrDefault(tenant.Region, tenant.Region);
}

// ==== case: table-name-from-configuration
public sealed record TableOptions(string ScansTable);

public sealed class ScanWriter(IAmazonDynamoDB dynamo, TableOptions tables)
{
    public Task WriteAsync(Dictionary<string, AttributeValue> item) =>
        dynamo.PutItemAsync(new PutItemRequest { TableName = tables.ScansTable, Item = item });
}

// ==== case: batch-write-keyed-by-configured-table
public sealed class BulkWriter(IAmazonDynamoDB dynamo, TableOptions tables)
{
    public Task FlushAsync(List<WriteRequest> writes) =>
        dynamo.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new Dictionary<string, List<WriteRequest>> { [tables.ScansTable] = writes },
        });
}

public sealed record TableOptions(string ScansTable);

// ==== case: attribute-names-are-not-tables
public static class Keys
{
    public static Dictionary<string, AttributeValue> Scan(string device, string at) => new()
    {
        ["DeviceSerial"] = new AttributeValue { S = device },
        ["ScannedAt"] = new AttributeValue { S = at },
    };
}

// ==== case: allowed-central-account
// options: insight_drift.allowed_account_ids = 111122223333
public static class Monitoring
{
    public const string Sink = "arn:aws:iam::111122223333:role/central-monitoring";
}

// ==== case: allowed-certificate-region
// options: insight_drift.allowed_regions = us-east-1
public sealed class Cdn
{
    public RegionEndpoint CertificateRegion => RegionEndpoint.GetBySystemName("us-east-1");
}

// ==== case: test-project-pins-an-account
// project: test
public static class Fixtures
{
    public const string Role = "arn:aws:iam::000000000000:role/local";
    public static readonly RegionEndpoint Region = RegionEndpoint.EUCentral1;
}

// ==== case: queue-url-from-tenant
public sealed class Exports(TenantContext tenant)
{
    public string Url(string queue) => $"https://sqs.{tenant.Region}.amazonaws.com/{tenant.AccountId}/{queue}";
}

// ==== case: dynamodb-local-endpoint
[FunctionStartup]
public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(new AmazonDynamoDBConfig { ServiceURL = "http://localhost:8000" });
}

// ==== case: numeric-ledger-account
public sealed record Entry(long AccountNo, decimal Amount);

public static class Suspense
{
    public static bool Is(Entry entry) => entry.AccountNo == 400100000000L;
}

// ==== case: infra-deploying-account-and-region
// project: infrastructure
public sealed class AlertsStack : Stack
{
    public AlertsStack(Construct scope) : base(scope, "Alerts")
    {
        new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["sns:Publish"],
            Resources = [$"arn:aws:sns:{Aws.REGION}:{Aws.ACCOUNT_ID}:alerts", $"arn:aws:sns:{Stack.Of(this).Region}:{Stack.Of(this).Account}:audit"],
        });
    }
}

// ==== case: infra-service-principal-and-gtin-tag
// project: infrastructure
public sealed class TaggedStack : Stack
{
    public TaggedStack(Construct scope) : base(scope, "Tagged")
    {
        Amazon.CDK.Tags.Of(this).Add("CostAccount", "400100000000");
        new Role(this, "Ingest", new RoleProps { AssumedBy = new ServicePrincipal("lambda.amazonaws.com") });
    }
}

// ==== case: ids-in-log-messages
public sealed class Reconcile(ILogger<Reconcile> log)
{
    public void Done(string invoice) => log.LogInformation("Reconciled invoice {Invoice} against account {Account}", invoice, "400100000000");
}
