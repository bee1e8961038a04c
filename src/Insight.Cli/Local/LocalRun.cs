namespace Insight.Cli.Local;

/// <summary>What a local run is asked to do.</summary>
/// <param name="Services">The natively published sample services whose functions run.</param>
/// <param name="Tenants">The tenants to run side by side.</param>
/// <param name="EventsPerTenant">Scans delivered to each tenant; the metric samples and ergonomics measures come from the same shifts.</param>
/// <param name="Seed">Seed of every tenant's streams.</param>
/// <param name="FirstDay">The day the streams' first shift starts; it moves the events' times, nothing else.</param>
/// <param name="DynamoDbUrl">The DynamoDB Local the tenants' tables are created in; it must hold none of them yet.</param>
internal sealed record LocalRunSettings(SampleServices Services, IReadOnlyList<LocalTenant> Tenants, int EventsPerTenant, int Seed, DateOnly FirstDay, string DynamoDbUrl);

/// <summary>What a local run tells its caller as it goes.</summary>
/// <param name="Sending">How many deliveries a tenant's streams hold, said once before they are delivered.</param>
/// <param name="Answered">How many more deliveries a tenant's functions have answered, as they answer them.</param>
internal sealed record LocalRunProgress(Action<LocalTenant, int> Sending, Action<LocalTenant, int> Answered);

/// <summary>
/// The core of <c>insight local</c>: creates each tenant's tables, runs the sample services' functions for several
/// tenants on this machine the way Lambda would, feeds each tenant its own streams, and returns what the functions
/// answered and what the tables hold.
/// </summary>
internal static class LocalRun
{
    /// <summary>Runs the tenants side by side; every process and server is stopped on return, also when cancelled or failed.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="progress">Told what happens as it happens; null to run silently.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<IReadOnlyList<TenantOutcomes>> RunAsync(
        LocalRunSettings settings, LocalRunProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var streams = settings.Tenants.ToDictionary(
            tenant => tenant,
            tenant => ScanStreamGenerator.GenerateTenant(tenant.TenantId, settings.Seed, settings.EventsPerTenant, settings.FirstDay));

        using var dynamoDb = LocalDynamoDb.CreateClient(settings.DynamoDbUrl);
        var deployments = new List<TenantDeployment>(settings.Tenants.Count);
        try
        {
            foreach (var tenant in settings.Tenants)
            {
                var tables = await TenantTables.CreateAsync(dynamoDb, settings.DynamoDbUrl, tenant, settings.Services.All, cancellationToken).ConfigureAwait(false);
                deployments.Add(await TenantDeployment.StartAsync(settings.Services, tables, cancellationToken).ConfigureAwait(false));
                progress?.Sending(tenant, TenantDeployment.Deliveries(streams[tenant]));
            }

            return await Task.WhenAll(deployments.Select(deployment => deployment.DeliverAsync(
                streams[deployment.Tenant],
                count => progress?.Answered(deployment.Tenant, count),
                cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var deployment in deployments)
            {
                await deployment.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
