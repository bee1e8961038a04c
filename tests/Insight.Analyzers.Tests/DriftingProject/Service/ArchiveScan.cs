using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Insight.Sdk;
using Insight.Sdk.Events;
using Microsoft.Extensions.Logging;

namespace Drifting;

/// <summary>
/// Everything the drift rules exist to catch, in one handler. Each line that must be reported ends in an
/// "expect:" comment with the severity and id the build prints for it; DriftingProjectTests checks exactly those.
/// </summary>
[ScanEventHandler]
public sealed partial class ArchiveScan(ILogger<ArchiveScan> log)
{
    private static readonly Dictionary<string, int> RetentionDays = new() { ["acme"] = 30, ["globex"] = 365 };

    /// <summary>Archives one scan.</summary>
    public async Task HandleAsync(ScanEvent scan, TenantContext tenant, CancellationToken cancellationToken)
    {
        var alerts = "arn:aws:sns:eu-central-1:123456789012:scan-alerts"; // expect: warning INS100
        var monitor = "arn:aws:iam::999999999999:role/fleet-monitor";
        using var client = new AmazonDynamoDBClient(); // expect: warning INS104
        var region = Environment.GetEnvironmentVariable("AWS_REGION"); // expect: warning INS105
        var days = tenant.TenantId == "acme" ? 7 : RetentionDays[tenant.TenantId]; // expect: error INS102, error INS102

        await client.PutItemAsync(new PutItemRequest
        {
            TableName = "ScanArchive", // expect: warning INS101
            Item = new Dictionary<string, AttributeValue> { ["EventId"] = new AttributeValue { S = scan.EventId } },
        }, cancellationToken);

        // Not drift: a tenant id logged, an order number that happens to have twelve digits, a region from the tenant.
        var orderNumber = "100000000042";
        log.LogInformation("Archived {EventId} for {Tenant} in {Region} ({Order}, {Days} days, {Alerts}, {Monitor}, {Configured})",
            scan.EventId, tenant.TenantId, tenant.Region, orderNumber, days, alerts, monitor, region);
    }
}
