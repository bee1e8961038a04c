using Insight.Sdk.Manifest;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Insight.Sdk.Data;

namespace Insight.Cli.Local;

/// <summary>
/// One tenant's tables in DynamoDB Local, named as the tenant's stack would name them (<c>tenant-001-Scans</c>):
/// the local stand-in for the tables in the tenant's own account.
/// </summary>
internal sealed class TenantTables
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _serviceUrl;

    private TenantTables(IAmazonDynamoDB client, string serviceUrl, LocalTenant tenant)
    {
        _client = client;
        _serviceUrl = serviceUrl;
        Tenant = tenant;
    }

    /// <summary>Whose tables these are.</summary>
    public LocalTenant Tenant { get; }

    /// <summary>The physical name of <paramref name="tenant"/>'s table <paramref name="logicalName"/>.</summary>
    public static string PhysicalName(LocalTenant tenant, string logicalName) => $"{tenant.TenantId}-{logicalName}";

    /// <summary>
    /// Creates <paramref name="tenant"/>'s copy of every table of <paramref name="services"/>, on demand. Time to live
    /// is left off: a run replays weeks of events in minutes, so markers kept for days after their event would expire
    /// before the redeliveries they guard against arrive.
    /// </summary>
    /// <param name="client">A client of the DynamoDB Local at <paramref name="serviceUrl"/>.</param>
    /// <param name="serviceUrl">Where the functions find DynamoDB Local.</param>
    /// <param name="tenant">The tenant the tables belong to.</param>
    /// <param name="services">The services whose manifests declare the tables.</param>
    /// <param name="cancellationToken">Stops creating.</param>
    /// <exception cref="LocalRunException">Two services declare a table of the same name, which one tenant cannot hold twice.</exception>
    public static async Task<TenantTables> CreateAsync(
        IAmazonDynamoDB client, string serviceUrl, LocalTenant tenant, IEnumerable<PublishedService> services, CancellationToken cancellationToken)
    {
        var tables = services.SelectMany(service => service.Tables.Select(table => (Service: service.Name, Table: table))).ToList();
        if (tables.GroupBy(declared => declared.Table.Name, StringComparer.Ordinal).FirstOrDefault(name => name.Count() > 1) is { } clash)
        {
            throw new LocalRunException($"{string.Join(" and ", clash.Select(declared => declared.Service))} both declare a table {clash.Key}.");
        }

        foreach (var (_, table) in tables)
        {
            await client.CreateTableAsync(table.Schema().CreateTableRequest(PhysicalName(tenant, table.Name)), cancellationToken).ConfigureAwait(false);
        }

        return new TenantTables(client, serviceUrl, tenant);
    }

    /// <summary>
    /// What the deployment gives <paramref name="function"/> to reach its tables: the physical name of each table it
    /// uses (and no other), and the DynamoDB Local endpoint with its credentials.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(FunctionManifest function)
    {
        var environment = new Dictionary<string, string>(LocalDynamoDb.FunctionEnvironment(_serviceUrl), StringComparer.Ordinal);
        foreach (var use in function.Tables)
        {
            environment[DynamoTableNames.VariableFor(use.Name)] = PhysicalName(Tenant, use.Name);
        }

        return environment;
    }

    /// <summary>How many items the tenant's table <paramref name="logicalName"/> holds.</summary>
    public async Task<int> CountAsync(string logicalName, CancellationToken cancellationToken)
    {
        var items = 0;
        await foreach (var page in _client.Paginators.Scan(new ScanRequest { TableName = PhysicalName(Tenant, logicalName), Select = Select.COUNT }).Responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            items += page.Count ?? 0;
        }

        return items;
    }

    /// <summary>Reads every device's and station's counts from ScanIngest's stats table.</summary>
    public async Task<IReadOnlyList<SubjectCounts>> ReadScanCountsAsync(CancellationToken cancellationToken)
    {
        var counts = new List<SubjectCounts>();
        await foreach (var page in _client.Paginators.Scan(new ScanRequest { TableName = PhysicalName(Tenant, SampleServices.StatsTable) }).Responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // Attribute names as the sample's ScanStats stores them; a counter never added to is absent, so it is 0.
            counts.AddRange(page.Items?.Select(item => new SubjectCounts(item["Subject"].S, Number(item, "Accepted"), Number(item, "Rejected"))) ?? []);
        }

        return counts;
    }

    private static long Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } number ? long.Parse(number, CultureInfo.InvariantCulture) : 0;
}
