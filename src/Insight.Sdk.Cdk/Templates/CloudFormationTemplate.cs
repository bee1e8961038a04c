using System.Text.Json;

namespace Insight.Sdk.Cdk.Templates;

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
/// A synthesized CloudFormation template read as data: resources, parameters, conditions, mappings and metadata, with
/// its intrinsic functions resolved as CloudFormation would for one stack instance (see the <c>Intrinsics</c> part). One
/// reading for everything that reasons about what a stack instance holds: the idle cost model, and <c>insight local</c>,
/// which runs a template's resources on one machine.
/// </summary>
public sealed partial class CloudFormationTemplate
{
    private readonly Dictionary<string, TemplateResource> _resources;
    private readonly JsonElement _mappings;
    private readonly Dictionary<string, JsonElement> _conditions;

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
        _conditions = root.TryGetProperty("Conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Object
            ? conditions.EnumerateObject().ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
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

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
