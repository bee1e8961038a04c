using System.Text.Json.Serialization;

namespace Insight.Sdk.Manifest;

/// <summary>The manifest's JSON, without reflection: camelCase names, enums as the names the generator writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    WriteIndented = true)]
[JsonSerializable(typeof(ServiceManifest))]
public sealed partial class ManifestJsonContext : JsonSerializerContext;
