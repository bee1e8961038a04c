namespace Insight.Cli.Local;

/// <summary>What a local run is asked to do.</summary>
/// <param name="Service">The natively published service whose scan functions run.</param>
/// <param name="Tenants">The tenants to run side by side.</param>
/// <param name="EventsPerTenant">Scans delivered to each tenant.</param>
/// <param name="Seed">Seed of every tenant's scan stream.</param>
/// <param name="FirstDay">The day the streams' first shift starts; it moves the scans' times, nothing else.</param>
/// <param name="DynamoDbUrl">The DynamoDB Local the tenants' tables are created in; it must hold none of them yet.</param>
internal sealed record LocalRunSettings(ScanService Service, IReadOnlyList<LocalTenant> Tenants, int EventsPerTenant, int Seed, DateOnly FirstDay, string DynamoDbUrl);

/// <summary>What a local run tells its caller as it goes.</summary>
/// <param name="Answered">How many more scans a tenant's functions have answered, as they answer them.</param>
/// <param name="Note">Something about the run's set-up the user should know; each is said once.</param>
internal sealed record LocalRunProgress(Action<LocalTenant, int> Answered, Action<string> Note);

/// <summary>
/// The core of <c>insight local</c>: creates each tenant's tables, runs a service's scan functions for several
/// tenants on this machine the way Lambda would, feeds each tenant its own scan stream, and returns what the
/// functions answered and what the tables hold.
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
            tenant => ScanStreamGenerator.Generate(tenant.TenantId, settings.Seed, settings.EventsPerTenant, settings.FirstDay));

        using var dynamoDb = LocalDynamoDb.CreateClient(settings.DynamoDbUrl);
        var deployments = new List<TenantDeployment>(settings.Tenants.Count);
        try
        {
            var notes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tenant in settings.Tenants)
            {
                var tables = await TenantTables.CreateAsync(dynamoDb, settings.DynamoDbUrl, tenant, settings.Service, cancellationToken).ConfigureAwait(false);
                foreach (var note in tables.Notes.Where(notes.Add))
                {
                    progress?.Note(note);
                }

                deployments.Add(await TenantDeployment.StartAsync(settings.Service, tables, cancellationToken).ConfigureAwait(false));
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
