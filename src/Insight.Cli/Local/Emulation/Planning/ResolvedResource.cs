using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Insight.Sdk.Cdk.Templates;

namespace Insight.Cli.Local.Emulation.Planning;

/// <summary>
/// One resource's properties after every intrinsic is resolved, read property by property. Each property read is
/// marked as honoured; <see cref="Finish"/> then reports every property that was neither read nor declared to have no
/// local effect, so a property the emulator would silently drop is an error instead.
/// </summary>
internal sealed class ResolvedResource(string service, TemplateResource resource, JsonObject properties, List<string> problems)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Service { get; } = service;

    public string LogicalId => resource.LogicalId;

    public string Type => resource.Type;

    /// <summary>How messages name the resource: <c>Service/LogicalId (Type)</c>.</summary>
    public string Name => $"{Service}/{resource.LogicalId} ({resource.Type})";

    public JsonObject Properties => properties;

    /// <summary>Records a problem with <paramref name="property"/>.</summary>
    public void Problem(string property, string message) => problems.Add($"{Name} {property}: {message}");

    /// <summary>Marks properties that have no local effect (encryption, tags, descriptions) as known.</summary>
    public void Ignore(params string[] names) => _read.UnionWith(names);

    /// <summary>Refuses <paramref name="name"/> when it is set (and, with <paramref name="unless"/>, not set to that harmless value).</summary>
    public void Refuse(string name, string why, Func<JsonNode, bool>? unless = null)
    {
        _read.Add(name);
        if (properties[name] is { } value && (unless is null || !unless(value)))
        {
            Problem(name, why);
        }
    }

    public JsonNode? Node(string name)
    {
        _read.Add(name);
        return properties[name];
    }

    public string? Text(string name) => Node(name) is { } node ? TextOf(node, name) : null;

    public string RequiredText(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            Problem(name, "is required.");
        }

        return text ?? "";
    }

    public int Int(string name, int fallback) => Node(name) is { } node ? IntOf(node, name, fallback) : fallback;

    public int? OptionalInt(string name) => Node(name) is { } node ? IntOf(node, name, 0) : null;

    public bool Bool(string name, bool fallback) => Node(name) is { } node ? BoolOf(node, name, fallback) : fallback;

    public JsonObject? Object(string name)
    {
        var node = Node(name);
        if (node is not null and not JsonObject)
        {
            Problem(name, $"must be an object, not {node.ToJsonString()}.");
        }

        return node as JsonObject;
    }

    public JsonArray Array(string name)
    {
        var node = Node(name);
        if (node is not null and not JsonArray)
        {
            Problem(name, $"must be a list, not {node.ToJsonString()}.");
        }

        return node as JsonArray ?? [];
    }

    /// <summary>Text of a nested value; a problem when it is not a scalar.</summary>
    public string? TextOf(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    return value.GetValue<string>();
                case JsonValueKind.Number:
                    return value.ToJsonString();
                case JsonValueKind.True:
                    return "true";
                case JsonValueKind.False:
                    return "false";
            }
        }

        Problem(path, $"must be text, not {node.ToJsonString()}.");
        return null;
    }

    public int IntOf(JsonNode node, string path, int fallback)
    {
        var text = TextOf(node, path);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (text is not null)
        {
            Problem(path, $"must be a whole number, not {text}.");
        }

        return fallback;
    }

    public bool BoolOf(JsonNode node, string path, bool fallback)
    {
        var text = TextOf(node, path);
        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }

        if (text is not null)
        {
            Problem(path, $"must be true or false, not {text}.");
        }

        return fallback;
    }

    /// <summary>Reports every property that was set but neither honoured nor known to have no local effect.</summary>
    public void Finish()
    {
        foreach (var (name, _) in properties)
        {
            if (!_read.Contains(name))
            {
                Problem(name, "is not emulated locally; remove it or run the service in an account.");
            }
        }
    }
}
