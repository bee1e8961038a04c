using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insight.Cli.Fleet;

/// <summary>
/// The platform as the infrastructure app describes it in <c>insight-fleet.json</c> (beside the platform template):
/// the names the retirement runbook and the rollout plan use, so they match what the platform stack created.
/// </summary>
internal sealed record FleetDescription(
    [property: JsonPropertyName("platformStack")] string PlatformStack,
    [property: JsonPropertyName("homeRegion")] string? HomeRegion,
    [property: JsonPropertyName("tenantsOrganizationalUnitId")] string TenantsOrganizationalUnitId,
    [property: JsonPropertyName("callAs")] string CallAs,
    [property: JsonPropertyName("stackSets")] IReadOnlyList<string> StackSets,
    [property: JsonPropertyName("regions")] IReadOnlyList<string> Regions,
    [property: JsonPropertyName("registryTable")] string RegistryTable,
    [property: JsonPropertyName("platformRoleName")] string PlatformRoleName,
    [property: JsonPropertyName("rollout")] FleetRollout Rollout)
{
    /// <summary>The file's name.</summary>
    public const string FileName = "insight-fleet.json";

    /// <summary>Where <c>dotnet run --project samples/Infra</c> writes it, relative to the repository root.</summary>
    public static string SamplePath(string repositoryRoot) => Path.Combine(repositoryRoot, "samples", "Infra", "cdk.out", "platform", FileName);

    /// <summary>Reads a description.</summary>
    /// <exception cref="InvalidDataException">The file is not a fleet description.</exception>
    public static FleetDescription Load(string path)
    {
        try
        {
            var description = JsonSerializer.Deserialize<FleetDescription>(File.ReadAllText(path));
            return description is { StackSets.Count: > 0, TenantsOrganizationalUnitId.Length: > 0 }
                ? description
                : throw new InvalidDataException($"{path} names no stack sets or no tenants unit.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not a fleet description: {exception.Message}", exception);
        }
    }
}

/// <summary>The rollout's operation preferences as the platform configures them.</summary>
internal sealed record FleetRollout(
    [property: JsonPropertyName("maxConcurrentPercentage")] int MaxConcurrentPercentage,
    [property: JsonPropertyName("failureTolerancePercentage")] int FailureTolerancePercentage,
    [property: JsonPropertyName("concurrencyMode")] string ConcurrencyMode,
    [property: JsonPropertyName("regionConcurrency")] string RegionConcurrency,
    [property: JsonPropertyName("retryRounds")] int RetryRounds);
