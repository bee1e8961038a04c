using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// The platform as operators address it — stack set names, regions, the tenants unit, the registry — written beside the
/// platform template as <c>insight-fleet.json</c>, so <c>insight fleet retire</c> and <c>insight fleet plan</c> name
/// exactly what the platform stack created.
/// </summary>
public sealed record FleetDescription(
    [property: JsonPropertyName("platformStack")] string PlatformStack,
    [property: JsonPropertyName("homeRegion")] string? HomeRegion,
    [property: JsonPropertyName("tenantsOrganizationalUnitId")] string TenantsOrganizationalUnitId,
    [property: JsonPropertyName("callAs")] string CallAs,
    [property: JsonPropertyName("stackSets")] IReadOnlyList<string> StackSets,
    [property: JsonPropertyName("regions")] IReadOnlyList<string> Regions,
    [property: JsonPropertyName("registryTable")] string RegistryTable,
    [property: JsonPropertyName("platformRoleName")] string PlatformRoleName,
    [property: JsonPropertyName("rollout")] RolloutPreferences Rollout)
{
    /// <summary>The file name the description is written under.</summary>
    public const string FileName = "insight-fleet.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the description into <paramref name="directory"/> and returns its path.</summary>
    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Indented));
        return path;
    }
}
