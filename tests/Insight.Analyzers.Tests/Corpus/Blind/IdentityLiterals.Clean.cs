// Blind corpus, INS100–INS101 near-misses: twelve-digit numbers and region-like text that are not AWS identities,
// and AWS values taken from the deployment. Written from the rule pages only; each case must stay silent.

// ==== case: ledger-receivables-account
public sealed record JournalEntry(string LedgerAccount, decimal Amount);

public static class Ledger
{
    private const string ReceivablesAccount = "120000000000";

    public static decimal Receivables(IEnumerable<JournalEntry> entries) =>
        entries.Where(e => e.LedgerAccount == ReceivablesAccount).Sum(e => e.Amount);
}

// ==== case: ledger-account-names-dictionary
public sealed record Posting(string Account, decimal Amount);

public static class ChartOfAccounts
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["400100000000"] = "Revenue",
        ["500200000000"] = "Cost of goods",
    };

    public static string Name(Posting posting) => Names.TryGetValue(posting.Account, out var name) ? name : "Other";
}

// ==== case: upc-barcode-check
[ScanEventHandler]
public sealed partial class FlagTestBarcode(ILogger<FlagTestBarcode> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        if (scan.ScanCode == "036000291452")
        {
            log.LogInformation("Calibration barcode scanned on {Device}", scan.DeviceSerial);
        }

        return Task.CompletedTask;
    }
}

// ==== case: epoch-millisecond-cutoff
public static class Cutoffs
{
    private const long FirmwareRecallSince = 1700000000000;

    public static bool Affected(ScanEvent scan) => scan.TimeCreated >= FirmwareRecallSince;
}

// ==== case: account-in-log-message
[ScanEventHandler]
public sealed partial class Migrated(ILogger<Migrated> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogInformation("Tenant moved from legacy account 123456789012 to {Account}", tenant.AccountId);
        return Task.CompletedTask;
    }
}

// ==== case: arn-in-comment
public sealed class Alerts(TenantContext tenant)
{
    // Until the move this was arn:aws:sns:eu-central-1:123456789012:alerts, one topic for every tenant.
    public string Topic => $"arn:aws:sns:{tenant.Region}:{tenant.AccountId}:alerts";
}

// ==== case: arn-from-tenant-with-helper
public static class Arns
{
    public static string Table(TenantContext tenant, string table) => $"arn:aws:dynamodb:{tenant.Region}:{tenant.AccountId}:table/{table}";
}

// ==== case: managed-policy-and-bucket-arns
public static class WellKnown
{
    public const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    public const string Firmware = "arn:aws:s3:::scanner-firmware/*";
}

// ==== case: allowed-central-account
// options: insight_drift.allowed_account_ids = 111111111111
public sealed class CentralBus(TenantContext tenant)
{
    public string Arn => $"arn:aws:events:{tenant.Region}:111111111111:event-bus/central";
}

// ==== case: customer-number-lookup
public sealed record Order(string CustomerNumber, int Lines);

public static class Customers
{
    private static readonly Dictionary<string, string> KeyAccounts = new() { ["100000000042"] = "Key account" };

    public static string Segment(Order order) => KeyAccounts.GetValueOrDefault(order.CustomerNumber, "Standard");
}

// ==== case: resolved-table-name
[ScanEventHandler]
public sealed partial class ReadDevice(IAmazonDynamoDB dynamo, Insight.Sdk.Data.DynamoTableNames tables)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct) =>
        dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Resolve("Devices"),
            Key = new() { ["Serial"] = new AttributeValue { S = scan.DeviceSerial } },
        }, ct);
}

// ==== case: region-in-log
[ScanEventHandler]
public sealed partial class RegionNote(ILogger<RegionNote> log)
{
    public Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken ct)
    {
        log.LogDebug("Running in {Region}; the fleet's first region was eu-central-1", tenant.Region);
        return Task.CompletedTask;
    }
}

// ==== case: region-like-label-parameter
public static class Dashboards
{
    public static string Label(string caption) => caption.ToUpperInvariant();

    public static string Title() => Label("us-east-1 certificates");
}

// ==== case: order-number-argument
public sealed class Orders
{
    public string Load(string orderNumber) => orderNumber.TrimStart('0');

    public string Sample() => Load("100000000042");
}

// ==== case: request-account-checked-against-tenant
[EventHandler(Trigger = Trigger.HttpApi, Route = "GET /devices")]
public sealed partial class ListDevices
{
    public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant, CancellationToken ct) =>
        Task.FromResult(request.RequestContext?.AccountId == tenant.AccountId
            ? new HttpApiResponse { StatusCode = 200 }
            : new HttpApiResponse { StatusCode = 403 });
}

// ==== case: cdk-arn-from-pseudo-parameters
// project: infrastructure
public sealed class TopicsStack : Stack
{
    public TopicsStack(Construct scope) : base(scope, "Topics")
    {
        var arn = $"arn:aws:sns:{Aws.REGION}:{Aws.ACCOUNT_ID}:alerts";
        _ = new AccountPrincipal(Aws.ACCOUNT_ID);
    }
}

// ==== case: cdk-stack-without-env
// project: infrastructure
public sealed class AgnosticApp
{
    public static void Main()
    {
        var app = new App();
        _ = new Stack(app, "Service", new StackProps { Description = "Scan ingestion, deployed to every tenant account" });
        app.Synth();
    }
}

// ==== case: device-serial-prefix
public static class Models
{
    public static bool IsMark3(ScanEvent scan) => scan.DeviceSerial.StartsWith("M300000000", StringComparison.Ordinal);
}

// ==== case: payout-bank-account-text
public static class Invoices
{
    private const string PayoutBankAccount = "000123456789";

    public static string Footer(string customer) => $"Please transfer to account {PayoutBankAccount}, reference {customer}.";
}

// ==== case: test-project-literal-arn
// project: test
public sealed class TopicTests
{
    [Xunit.Fact]
    public void Parses()
    {
        var arn = "arn:aws:sns:eu-central-1:123456789012:alerts";
        _ = arn.Split(':');
    }
}

// ==== case: gtin-constants-in-another-file
public static class Returns
{
    public static bool IsReturnLabel(ScanEvent scan) => scan.ScanCode is Gtins.ReturnLabel or Gtins.Damaged;
}
// ---- file: Gtins.cs
public static class Gtins
{
    public const string ReturnLabel = "400638133393";
    public const string Damaged = "400638133394";
}

// ==== case: account-compared-with-configuration
public sealed class SupportAccess(TenantContext tenant, SupportOptions options)
{
    public bool IsSupportAccount() => tenant.AccountId == options.SupportAccountId;
}

public sealed class SupportOptions
{
    public string SupportAccountId { get; set; } = "";
}

// ==== case: table-name-from-tenant-settings
public sealed class Exporter(IAmazonDynamoDB dynamo, Insight.Sdk.Data.DynamoTableNames tables)
{
    public Task Flush(List<WriteRequest> writes, CancellationToken ct) =>
        dynamo.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new() { [tables.Resolve("ScansArchive")] = writes },
        }, ct);
}
