using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Insight.Sdk.Cdk.Tests.External;

/// <summary>
/// Checks templates against AWS's own description of every CloudFormation resource type: the database the AWS CDK
/// generates its L1 classes from (<c>@aws-cdk/aws-service-spec</c>, built from the CloudFormation registry schemas).
/// It is what a template linter checks first: known types, known and required properties, value shapes and allowed
/// values, and that every <c>Ref</c>, <c>Fn::GetAtt</c> and <c>DependsOn</c> names something that exists. Templates a
/// <c>AWS::CloudFormation::StackSet</c> carries inline (<c>TemplateBody</c>) are checked as templates of their own.
/// </summary>
public sealed class ResourceSpecification
{
    public const string Package = "@aws-cdk/aws-service-spec";

    public const string Version = "0.1.216";

    private static readonly HashSet<string> PseudoParameters =
        ["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"];

    private static readonly Lazy<ResourceSpecification> Instance = new(Load);

    private readonly Dictionary<string, JsonElement> _resources;
    private readonly Dictionary<string, JsonElement> _typeDefinitions;

    private ResourceSpecification(Dictionary<string, JsonElement> resources, Dictionary<string, JsonElement> typeDefinitions)
    {
        _resources = resources;
        _typeDefinitions = typeDefinitions;
    }

    public static ResourceSpecification Shared => Instance.Value;

    /// <summary>Every problem of <paramref name="template"/>, each starting with where it is.</summary>
    public IReadOnlyList<string> Check(string name, JsonElement template)
    {
        var problems = new List<string>();
        CheckTemplate(name, template, problems);
        return problems;
    }

    private void CheckTemplate(string name, JsonElement template, List<string> problems)
    {
        var resources = template.TryGetProperty("Resources", out var section) ? section : default;
        var parameters = template.TryGetProperty("Parameters", out var declared)
            ? declared.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        var logicalIds = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetProperty("Type").GetString()!, StringComparer.Ordinal)
            : [];

        foreach (var resource in resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject() : [])
        {
            var type = logicalIds[resource.Name];
            var where = $"{name}/{resource.Name} ({type})";
            var properties = resource.Value.TryGetProperty("Properties", out var given) ? given : default;
            if (type.StartsWith("Custom::", StringComparison.Ordinal) || type == "AWS::CDK::Metadata")
            {
                continue;
            }

            if (!_resources.TryGetValue(type, out var specification))
            {
                problems.Add($"{where}: CloudFormation has no resource type {type}");
                continue;
            }

            CheckObject(specification.GetProperty("properties"), properties.ValueKind == JsonValueKind.Undefined ? EmptyObject : properties, where, problems);

            foreach (var dependency in resource.Value.TryGetProperty("DependsOn", out var dependsOn) ? dependsOn.Items() : [])
            {
                if (!logicalIds.ContainsKey(dependency.GetString()!))
                {
                    problems.Add($"{where}: DependsOn names {dependency.GetString()}, which the template does not declare");
                }
            }

            if (type == "AWS::CloudFormation::StackSet" && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("TemplateBody", out var body) && body.ValueKind == JsonValueKind.String)
            {
                using var inline = JsonDocument.Parse(body.GetString()!);
                CheckTemplate($"{where} TemplateBody", inline.RootElement, problems);
            }
        }

        foreach (var sectionName in (string[])["Resources", "Outputs", "Conditions"])
        {
            if (template.TryGetProperty(sectionName, out var part))
            {
                CheckReferences(part, $"{name} {sectionName}", logicalIds, parameters, problems);
            }
        }
    }

    private void CheckReferences(JsonElement value, string where, Dictionary<string, string> logicalIds, HashSet<string> parameters, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                CheckReferences(item, where, logicalIds, parameters, problems);
            }

            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (value.TryGetProperty("Ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            var target = reference.GetString()!;
            if (!logicalIds.ContainsKey(target) && !parameters.Contains(target) && !PseudoParameters.Contains(target))
            {
                problems.Add($"{where}: Ref names {target}, which is no resource, parameter or pseudo parameter");
            }
        }

        if (value.TryGetProperty("Fn::GetAtt", out var getAtt))
        {
            var (target, attribute) = getAtt.ValueKind == JsonValueKind.String
                ? (getAtt.GetString()!.Split('.', 2)[0], getAtt.GetString()!.Split('.', 2)[1])
                : (getAtt[0].GetString()!, getAtt[1].ValueKind == JsonValueKind.String ? getAtt[1].GetString()! : null);
            if (!logicalIds.TryGetValue(target, out var type))
            {
                problems.Add($"{where}: Fn::GetAtt names {target}, which the template does not declare");
            }
            else if (attribute is not null && _resources.TryGetValue(type, out var specification)
                && !(specification.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty(attribute, out _)))
            {
                problems.Add($"{where}: Fn::GetAtt {target}.{attribute}: {type} has no attribute {attribute}");
            }
        }

        foreach (var member in value.EnumerateObject())
        {
            CheckReferences(member.Value, where, logicalIds, parameters, problems);
        }
    }

    private void CheckObject(JsonElement specified, JsonElement value, string where, List<string> problems)
    {
        if (IsIntrinsic(value))
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: expected an object, found {Shape(value)}");
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!specified.TryGetProperty(property.Name, out var specification))
            {
                problems.Add($"{where}.{property.Name}: no such property");
                continue;
            }

            // A property whose type changed over time still takes its earlier types.
            var types = new List<JsonElement> { specification.GetProperty("type") };
            if (specification.TryGetProperty("previousTypes", out var previous))
            {
                types.AddRange(previous.EnumerateArray());
            }

            CheckAny(types, property.Value, $"{where}.{property.Name}", problems);
        }

        foreach (var property in specified.EnumerateObject())
        {
            if (property.Value.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True
                && !value.TryGetProperty(property.Name, out _))
            {
                problems.Add($"{where}: the required property {property.Name} is missing");
            }
        }
    }

    private void CheckAny(IReadOnlyList<JsonElement> types, JsonElement value, string where, List<string> problems)
    {
        List<string>? first = null;
        foreach (var type in types)
        {
            var found = new List<string>();
            CheckValue(type, value, where, found);
            if (found.Count == 0)
            {
                return;
            }

            first ??= found;
        }

        problems.AddRange(first!);
    }

    private void CheckValue(JsonElement type, JsonElement value, string where, List<string> problems)
    {
        if (IsIntrinsic(value))
        {
            return;
        }

        switch (type.GetProperty("type").GetString())
        {
            case "string" or "date-time":
                if (value.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{where}: expected a string, found {Shape(value)}");
                }
                else if (type.TryGetProperty("allowedValues", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetString() == value.GetString()))
                {
                    problems.Add($"{where}: {value.GetString()} is not one of {string.Join(", ", allowed.EnumerateArray().Select(a => a.GetString()))}");
                }

                break;
            case "integer" or "number":
                // CloudFormation takes numbers written as strings too.
                if (!(value.ValueKind == JsonValueKind.Number
                    || (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))))
                {
                    problems.Add($"{where}: expected a number, found {Shape(value)}");
                }

                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                    && !(value.ValueKind == JsonValueKind.String && value.GetString() is "true" or "false"))
                {
                    problems.Add($"{where}: expected a boolean, found {Shape(value)}");
                }

                break;
            case "json":
                break;
            case "tag":
                CheckObject(TagProperties, value, where, problems);
                break;
            case "array":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"{where}: expected an array, found {Shape(value)}");
                    break;
                }

                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckValue(type.GetProperty("element"), item, $"{where}[{index++}]", problems);
                }

                break;
            case "map":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{where}: expected a map, found {Shape(value)}");
                    break;
                }

                foreach (var entry in value.EnumerateObject())
                {
                    CheckValue(type.GetProperty("element"), entry.Value, $"{where}.{entry.Name}", problems);
                }

                break;
            case "ref":
                CheckObject(_typeDefinitions[type.GetProperty("reference").GetProperty("$ref").GetString()!].GetProperty("properties"), value, where, problems);
                break;
            case "union":
                CheckAny([.. type.GetProperty("types").EnumerateArray()], value, where, problems);
                break;
            case var other:
                problems.Add($"{where}: the specification has a type this check does not know ({other})");
                break;
        }
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    private static readonly JsonElement TagProperties = JsonDocument.Parse(
        """{"Key":{"type":{"type":"string"},"required":true},"Value":{"type":{"type":"string"},"required":true}}""").RootElement;

    /// <summary>A value CloudFormation computes at deploy time: <c>{"Ref": …}</c> or <c>{"Fn::…": …}</c>.</summary>
    private static bool IsIntrinsic(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        using var members = value.EnumerateObject();
        if (!members.MoveNext())
        {
            return false;
        }

        var name = members.Current.Name;
        return !members.MoveNext() && (name == "Ref" || name.StartsWith("Fn::", StringComparison.Ordinal));
    }

    private static string Shape(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText(),
    };

    private static ResourceSpecification Load()
    {
        var database = Path.Combine(NodePackage.Modules(Package, Version), Package, "db.json.gz");
        using var file = File.OpenRead(database);
        using var unzipped = new GZipStream(file, CompressionMode.Decompress);
        var schema = JsonDocument.Parse(unzipped).RootElement.GetProperty("schema");
        return new ResourceSpecification(
            schema.GetProperty("resource").GetProperty("entities").EnumerateArray()
                .ToDictionary(r => r.GetProperty("cloudFormationType").GetString()!, StringComparer.Ordinal),
            schema.GetProperty("typeDefinition").GetProperty("entities").EnumerateArray()
                .ToDictionary(t => t.GetProperty("$id").GetString()!, StringComparer.Ordinal));
    }
}
