using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Insight.Local.Client;
using Insight.Local.Emulation;

namespace LocalScenario;

/// <summary>A device's or a station's counts in ScanIngest's stats table.</summary>
internal sealed record SubjectCounts(string Subject, long Accepted, long Rejected);

/// <summary>
/// One tenant's tables in the run's DynamoDB Local, reached as the tenant's own account: the access key id selects
/// the account's database, and the physical names are the ones the run gave the tenant's stacks.
/// </summary>
internal sealed class TenantTables(IAmazonDynamoDB client, LocalTenantEndpoints tenant) : IDisposable
{
    // The secret is not checked by DynamoDB Local; the access key id is what isolates the account.
    private const string Secret = "local";

    /// <summary>A reader of <paramref name="tenant"/>'s tables in the DynamoDB Local at <paramref name="dynamoDbUrl"/>.</summary>
    public static TenantTables Open(string dynamoDbUrl, LocalTenantEndpoints tenant) =>
        new(new AmazonDynamoDBClient(
            new BasicAWSCredentials(tenant.DynamoDbAccessKeyId, Secret),
            new AmazonDynamoDBConfig { ServiceURL = dynamoDbUrl, AuthenticationRegion = tenant.RegionOrDefault }), tenant);

    /// <summary>The physical name of <paramref name="service"/>'s table <paramref name="table"/> (as its manifest names it) in the tenant's account.</summary>
    /// <exception cref="LocalRunNotFoundException">The run has no such table for the tenant.</exception>
    public string PhysicalName(string service, string table) => tenant.PhysicalTableName(service, table);

    /// <summary>Every value of the string key <paramref name="attribute"/> in <paramref name="service"/>'s table <paramref name="table"/>.</summary>
    public async Task<HashSet<string>> ReadKeysAsync(string service, string table, string attribute, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var request = new ScanRequest { TableName = PhysicalName(service, table), ProjectionExpression = "#key", ExpressionAttributeNames = new() { ["#key"] = attribute } };
        await foreach (var page in client.Paginators.Scan(request).Responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items ?? [])
            {
                keys.Add(item[attribute].S);
            }
        }

        return keys;
    }

    /// <summary>How many items <paramref name="service"/>'s table <paramref name="table"/> holds.</summary>
    public async Task<int> CountAsync(string service, string table, CancellationToken cancellationToken)
    {
        var items = 0;
        await foreach (var page in client.Paginators.Scan(new ScanRequest { TableName = PhysicalName(service, table), Select = Select.COUNT }).Responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            items += page.Count ?? 0;
        }

        return items;
    }

    /// <summary>Every device's and station's counts in ScanIngest's stats table (attribute names as the sample's ScanStats stores them).</summary>
    public async Task<IReadOnlyList<SubjectCounts>> ReadScanCountsAsync(CancellationToken cancellationToken)
    {
        var counts = new List<SubjectCounts>();
        var request = new ScanRequest { TableName = PhysicalName(SampleFeeds.Scans.Service, SampleFeeds.ScanStatsTable) };
        await foreach (var page in client.Paginators.Scan(request).Responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // A counter never added to is absent, so it is 0.
            counts.AddRange(page.Items?.Select(item => new SubjectCounts(item["Subject"].S, Number(item, "Accepted"), Number(item, "Rejected"))) ?? []);
        }

        return counts;
    }

    /// <inheritdoc/>
    public void Dispose() => client.Dispose();

    private static long Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } number ? long.Parse(number, CultureInfo.InvariantCulture) : 0;
}
