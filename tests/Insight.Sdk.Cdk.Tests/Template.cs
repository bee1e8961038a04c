using System.Text.Json;

namespace Insight.Sdk.Cdk.Tests;

/// <summary>Small queries over a synthesized CloudFormation template.</summary>
public static class Template
{
    public static IEnumerable<(string Id, JsonElement Properties)> Resources(this JsonElement template, string type) =>
        template.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == type)
            .Select(r => (r.Name, r.Value.TryGetProperty("Properties", out var p) ? p : default));

    public static JsonElement Resource(this JsonElement template, string id) => template.GetProperty("Resources").GetProperty(id);

    /// <summary>The logical id a <c>Ref</c> or <c>Fn::GetAtt</c> points at.</summary>
    public static string? Target(this JsonElement value) =>
        value.ValueKind != JsonValueKind.Object ? null
        : value.TryGetProperty("Ref", out var reference) ? reference.GetString()
        : value.TryGetProperty("Fn::GetAtt", out var attribute) ? attribute[0].GetString()
        : value.TryGetProperty("Fn::Join", out var join) ? join[1].EnumerateArray().Select(Target).FirstOrDefault(t => t is not null)
        : null;

    public static IEnumerable<JsonElement> Items(this JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
}
