using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insight.Sdk.Fleet;

/// <summary>
/// The platform as operators address it — stack set names, regions, the tenants unit, the registry — written beside the
/// platform template as <c>insight-fleet.json</c> by the infrastructure app and read by <c>insight fleet plan</c> and
/// <c>insight fleet retire</c>, so runbooks and rollout plans name exactly what the platform stack created.
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

    /// <summary>Writes the description into <paramref name="directory"/> and returns its path.</summary>
    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(this, FleetJsonContext.Default.FleetDescription));
        return path;
    }

    /// <summary>Reads a description.</summary>
    /// <exception cref="InvalidDataException">The file is not a fleet description.</exception>
    public static FleetDescription Load(string path)
    {
        try
        {
            var description = JsonSerializer.Deserialize(File.ReadAllText(path), FleetJsonContext.Default.FleetDescription);
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

/// <summary>Source-generated JSON metadata for the fleet description, so reading it needs no reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(FleetDescription))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;
