using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Insight.Sdk.Cdk.Cost;

/// <summary>One resource of a template: its logical id, type, condition and properties as written.</summary>
public sealed record TemplateResource(string LogicalId, string Type, JsonElement Properties, string? Condition)
{
    /// <summary>The property at <paramref name="path"/> (nested names), or null when any part is missing.</summary>
    public JsonElement? Property(params string[] path)
    {
        if (Properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var current = Properties;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }
}

/// <summary>A template parameter and the value a stack gets when no override sets it.</summary>
public sealed record TemplateParameter(string Name, string Type, string? Default);

/// <summary>
/// A synthesized CloudFormation template read as data: resources, parameters, mappings and metadata, with the
/// intrinsic functions a StackSet template uses (<c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Join</c>, <c>Fn::FindInMap</c>,
/// <c>Fn::Select</c>, <c>Fn::Sub</c>) resolved against parameter values. One reading for everything that reasons about
/// what a stack instance holds: the idle cost model, and whatever runs a template's resources locally.
/// </summary>
public sealed class CloudFormationTemplate
{
    private readonly Dictionary<string, TemplateResource> _resources;
    private readonly JsonElement _mappings;

    private CloudFormationTemplate(string name, JsonElement root)
    {
        Name = name;
        Root = root;
        _resources = new Dictionary<string, TemplateResource>(StringComparer.Ordinal);
        if (root.TryGetProperty("Resources", out var resources) && resources.ValueKind == JsonValueKind.Object)
        {
            foreach (var resource in resources.EnumerateObject())
            {
                var type = resource.Value.TryGetProperty("Type", out var t) ? t.GetString() ?? string.Empty : string.Empty;
                var properties = resource.Value.TryGetProperty("Properties", out var p) ? p : default;
                var condition = resource.Value.TryGetProperty("Condition", out var c) ? c.GetString() : null;
                _resources[resource.Name] = new TemplateResource(resource.Name, type, properties, condition);
            }
        }

        Parameters = root.TryGetProperty("Parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            ? parameters.EnumerateObject().ToDictionary(
                p => p.Name,
                p => new TemplateParameter(
                    p.Name,
                    p.Value.TryGetProperty("Type", out var type) ? type.GetString() ?? "String" : "String",
                    p.Value.TryGetProperty("Default", out var value) ? Scalar(value) : null),
                StringComparer.Ordinal)
            : new Dictionary<string, TemplateParameter>(StringComparer.Ordinal);
        _mappings = root.TryGetProperty("Mappings", out var mappings) ? mappings : default;
    }

    /// <summary>The stack (or file) name the template was read under.</summary>
    public string Name { get; }

    /// <summary>The template as parsed.</summary>
    public JsonElement Root { get; }

    /// <summary>Every resource, in template order.</summary>
    public IEnumerable<TemplateResource> Resources => _resources.Values;

    /// <summary>The parameters by name.</summary>
    public IReadOnlyDictionary<string, TemplateParameter> Parameters { get; }

    /// <summary>Reads a template file; the name is the file name without <c>.template.json</c>.</summary>
    public static CloudFormationTemplate Load(string path) =>
        Parse(Path.GetFileName(path).Replace(".template.json", string.Empty, StringComparison.Ordinal), File.ReadAllText(path));

    /// <summary>Reads a template from its JSON text.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static CloudFormationTemplate Parse(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        return new CloudFormationTemplate(name, document.RootElement.Clone());
    }

    /// <summary>The resource with <paramref name="logicalId"/>, or null.</summary>
    public TemplateResource? Resource(string logicalId) => _resources.GetValueOrDefault(logicalId);

    /// <summary>Every resource of <paramref name="type"/>.</summary>
    public IEnumerable<TemplateResource> OfType(string type) => _resources.Values.Where(r => r.Type == type);

    /// <summary>The template's metadata entry <paramref name="key"/>, or null.</summary>
    public JsonElement? Metadata(string key) =>
        Root.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(key, out var value)
            ? value
            : null;

    /// <summary>The logical id a value points at through <c>Ref</c> or <c>Fn::GetAtt</c> (first found inside a join), or null.</summary>
    public static string? Target(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (value.TryGetProperty("Ref", out var reference))
        {
            return reference.GetString();
        }

        if (value.TryGetProperty("Fn::GetAtt", out var attribute))
        {
            return attribute.ValueKind == JsonValueKind.Array ? attribute[0].GetString() : attribute.GetString()?.Split('.')[0];
        }

        return value.TryGetProperty("Fn::Join", out var join) && join.ValueKind == JsonValueKind.Array && join.GetArrayLength() == 2
            ? join[1].EnumerateArray().Select(Target).FirstOrDefault(t => t is not null)
            : null;
    }

    /// <summary>
    /// A value as the text a stack instance sees, with <paramref name="parameters"/> overriding the defaults; null when
    /// it depends on something only a deployment knows (a resource's physical id or attribute, a parameter without value).
    /// </summary>
    public string? Resolve(JsonElement value, IReadOnlyDictionary<string, string>? parameters = null)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return Scalar(value);
            case JsonValueKind.Object:
                break;
            default:
                return null;
        }

        if (value.TryGetProperty("Ref", out var reference))
        {
            var name = reference.GetString() ?? string.Empty;
            return parameters?.GetValueOrDefault(name) ?? Parameters.GetValueOrDefault(name)?.Default;
        }

        if (value.TryGetProperty("Fn::Join", out var join) && join.ValueKind == JsonValueKind.Array && join.GetArrayLength() == 2)
        {
            var parts = new List<string>();
            foreach (var part in join[1].EnumerateArray())
            {
                var resolved = Resolve(part, parameters);
                if (resolved is null)
                {
                    return null;
                }

                parts.Add(resolved);
            }

            return string.Join(join[0].GetString(), parts);
        }

        if (value.TryGetProperty("Fn::FindInMap", out var find) && find.ValueKind == JsonValueKind.Array && find.GetArrayLength() == 3)
        {
            var keys = find.EnumerateArray().Select(k => Resolve(k, parameters)).ToArray();
            return keys.Any(k => k is null) || _mappings.ValueKind != JsonValueKind.Object
                || !_mappings.TryGetProperty(keys[0]!, out var map) || !map.TryGetProperty(keys[1]!, out var entry) || !entry.TryGetProperty(keys[2]!, out var found)
                ? null
                : Scalar(found);
        }

        if (value.TryGetProperty("Fn::Select", out var select) && select.ValueKind == JsonValueKind.Array && select.GetArrayLength() == 2
            && int.TryParse(Resolve(select[0], parameters), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && select[1].ValueKind == JsonValueKind.Array && index < select[1].GetArrayLength())
        {
            return Resolve(select[1][index], parameters);
        }

        return value.TryGetProperty("Fn::Sub", out var sub) && sub.ValueKind == JsonValueKind.String ? Substitute(sub.GetString()!, parameters) : null;
    }

    /// <summary>A number property resolved like <see cref="Resolve"/>.</summary>
    public double? ResolveNumber(JsonElement? value, IReadOnlyDictionary<string, string>? parameters = null) =>
        value is { } v && double.TryParse(Resolve(v, parameters), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary><c>Fn::Sub</c> with <c>${Parameter}</c> names; null when one names anything else.</summary>
    private string? Substitute(string text, IReadOnlyDictionary<string, string>? parameters)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < text.Length)
        {
            var start = text.IndexOf("${", at, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(text, at, text.Length - at);
                break;
            }

            var end = text.IndexOf('}', start);
            if (end < 0)
            {
                return null;
            }

            result.Append(text, at, start - at);
            var name = text[(start + 2)..end];
            var resolved = parameters?.GetValueOrDefault(name) ?? Parameters.GetValueOrDefault(name)?.Default;
            if (resolved is null)
            {
                return null;
            }

            result.Append(resolved);
            at = end + 1;
        }

        return result.ToString();
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
