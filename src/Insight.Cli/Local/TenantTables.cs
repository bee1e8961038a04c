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

    private TenantTables(IAmazonDynamoDB client, string serviceUrl, LocalTenant tenant, IReadOnlyList<string> notes)
    {
        _client = client;
        _serviceUrl = serviceUrl;
        Tenant = tenant;
        Notes = notes;
    }

    /// <summary>Whose tables these are.</summary>
    public LocalTenant Tenant { get; }

    /// <summary>What could not be set up as declared, for the user to know (for example a time to live DynamoDB Local refused).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The physical name of <paramref name="tenant"/>'s table <paramref name="logicalName"/>.</summary>
    public static string PhysicalName(LocalTenant tenant, string logicalName) => $"{tenant.TenantId}-{logicalName}";

    /// <summary>Creates <paramref name="tenant"/>'s copy of every table of <paramref name="service"/>, on demand, with time to live where declared.</summary>
    /// <param name="client">A client of the DynamoDB Local at <paramref name="serviceUrl"/>.</param>
    /// <param name="serviceUrl">Where the functions find DynamoDB Local.</param>
    /// <param name="tenant">The tenant the tables belong to.</param>
    /// <param name="service">The service whose manifest declares the tables.</param>
    /// <param name="cancellationToken">Stops creating.</param>
    public static async Task<TenantTables> CreateAsync(
        IAmazonDynamoDB client, string serviceUrl, LocalTenant tenant, ScanService service, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        foreach (var table in service.Tables)
        {
            var name = PhysicalName(tenant, table.Name);
            await client.CreateTableAsync(table.Schema().CreateTableRequest(name), cancellationToken).ConfigureAwait(false);
            if (table.TimeToLive is not { } attribute)
            {
                continue;
            }

            try
            {
                await client.UpdateTimeToLiveAsync(
                    new UpdateTimeToLiveRequest { TableName = name, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true } },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException exception)
            {
                // The stack enables it in the account; locally items expiring during a run would make no difference.
                notes.Add($"DynamoDB Local refused time to live on {table.Name}.{attribute} ({exception.ErrorCode}); the tables run without it.");
            }
        }

        return new TenantTables(client, serviceUrl, tenant, notes);
    }

    /// <summary>
    /// What the deployment gives <paramref name="function"/> to reach its tables: the physical name of each table it
    /// uses (and no other), and the DynamoDB Local endpoint with its credentials.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(ManifestFunction function)
    {
        var environment = new Dictionary<string, string>(LocalDynamoDb.FunctionEnvironment(_serviceUrl), StringComparer.Ordinal);
        foreach (var use in function.Tables)
        {
            environment[DynamoTableNames.VariableFor(use.Name)] = PhysicalName(Tenant, use.Name);
        }

        return environment;
    }

    /// <summary>Counts the stored scans and reads every device's and station's counts.</summary>
    public async Task<TenantTableReads> ReadAsync(CancellationToken cancellationToken)
    {
        var storedScans = 0;
        await foreach (var page in _client.Paginators.Scan(new ScanRequest { TableName = PhysicalName(Tenant, ScanService.ScansTable), Select = Select.COUNT }).Responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            storedScans += page.Count ?? 0;
        }

        var counts = new List<SubjectCounts>();
        await foreach (var page in _client.Paginators.Scan(new ScanRequest { TableName = PhysicalName(Tenant, ScanService.StatsTable) }).Responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // Attribute names as the sample's ScanStats stores them; a counter never added to is absent, so it is 0.
            counts.AddRange(page.Items?.Select(item => new SubjectCounts(item["Subject"].S, Number(item, "Accepted"), Number(item, "Rejected"))) ?? []);
        }

        return new TenantTableReads(storedScans, counts);
    }

    private static long Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } number ? long.Parse(number, CultureInfo.InvariantCulture) : 0;
}
