using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Insight.Sdk.Cdk.Templates;

// The intrinsic functions, conditions and pseudo parameters, resolved as CloudFormation resolves them for one stack
// instance. Physical ids follow CloudFormation's rules: the resource's own name property when it sets one, otherwise a
// generated name (stack name, logical id, a suffix) that is stable for the account, stack and logical id.
public sealed partial class CloudFormationTemplate
{
    private const string NoValue = "AWS::NoValue";

    /// <summary>Whether the resource is created in <paramref name="instance"/>: it has no condition, or its condition holds.</summary>
    /// <exception cref="TemplateResolutionException">The condition is missing or cannot be evaluated.</exception>
    public bool IsCreated(TemplateResource resource, StackInstance instance) =>
        resource.Condition is null || Condition(resource.Condition, new Scope(this, instance, null, $"{resource.LogicalId} Condition"));

    /// <summary>The value of the template's condition <paramref name="name"/> in <paramref name="instance"/>.</summary>
    /// <exception cref="TemplateResolutionException">No such condition, or it cannot be evaluated.</exception>
    public bool Condition(string name, StackInstance instance) => Condition(name, new Scope(this, instance, null, $"Conditions.{name}"));

    /// <summary>
    /// The resource's properties with every intrinsic resolved: plain JSON as the resource's service receives it, with
    /// properties set to <c>AWS::NoValue</c> left out.
    /// </summary>
    /// <exception cref="TemplateResolutionException">Something cannot be resolved; the message names the resource and the property path.</exception>
    public JsonObject ResolveProperties(TemplateResource resource, StackInstance instance)
    {
        if (resource.Properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return Evaluate(resource.Properties, new Scope(this, instance, null, $"{resource.LogicalId} Properties")) as JsonObject ?? [];
    }

    /// <summary>A value (a property, an output) resolved for <paramref name="instance"/>; null when it resolves to <c>AWS::NoValue</c>.</summary>
    /// <param name="value">The value as the template has it.</param>
    /// <param name="instance">The stack instance.</param>
    /// <param name="where">What the value is, for messages: e.g. <c>Orders Properties.Environment</c>.</param>
    /// <exception cref="TemplateResolutionException">Something cannot be resolved.</exception>
    public JsonNode? ResolveValue(JsonElement value, StackInstance instance, string where) => Evaluate(value, new Scope(this, instance, null, where));

    /// <summary>What <c>Ref</c> of the resource gives in <paramref name="instance"/>: its name, URL, ARN or id, as its type defines.</summary>
    /// <exception cref="TemplateResolutionException">The resource's name property cannot be resolved.</exception>
    public string PhysicalId(TemplateResource resource, StackInstance instance) =>
        ReferenceOf(resource, new Scope(this, instance, null, $"Ref {resource.LogicalId}"));

    /// <summary>What <c>Fn::GetAtt</c> of the resource's <paramref name="attribute"/> gives in <paramref name="instance"/>.</summary>
    /// <exception cref="TemplateResolutionException">The type has no such attribute, or its name cannot be resolved.</exception>
    public string Attribute(TemplateResource resource, string attribute, StackInstance instance) =>
        AttributeOf(resource, attribute, new Scope(this, instance, null, $"Fn::GetAtt {resource.LogicalId}.{attribute}"));

    /// <summary>
    /// A value as the text a stack instance sees, with <paramref name="parameters"/> overriding the defaults; null when
    /// it depends on something only a deployment knows (a resource's physical id or attribute, the account, a parameter
    /// without value). For reasoning about a template before any account exists, as the idle cost model does.
    /// </summary>
    public string? Resolve(JsonElement value, IReadOnlyDictionary<string, string>? parameters = null)
    {
        try
        {
            return Evaluate(value, new Scope(this, null, parameters, "value")) is { } node ? Scalar(node) : null;
        }
        catch (Exception exception) when (exception is UnknownUntilDeployed or TemplateResolutionException)
        {
            return null;
        }
    }

    /// <summary>A number property resolved like <see cref="Resolve(JsonElement, IReadOnlyDictionary{string, string}?)"/>.</summary>
    public double? ResolveNumber(JsonElement? value, IReadOnlyDictionary<string, string>? parameters = null) =>
        value is { } v && double.TryParse(Resolve(v, parameters), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>Where a value is being resolved, and for which stack instance (null: no deployment, for estimates).</summary>
    private readonly record struct Scope(CloudFormationTemplate Template, StackInstance? Instance, IReadOnlyDictionary<string, string>? Overrides, string Path)
    {
        public Scope At(string segment) => this with { Path = segment.StartsWith('[') ? Path + segment : $"{Path}.{segment}" };

        public TemplateResolutionException Error(string message) => new($"{Template.Name}: {Path}: {message}");

        public StackInstance Deployed => Instance ?? throw new UnknownUntilDeployed();
    }

    /// <summary>The value exists only once a stack is deployed (an estimate without an account asked for it).</summary>
    private sealed class UnknownUntilDeployed : Exception;

    private JsonNode? Evaluate(JsonElement value, Scope scope)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return JsonValue.Create(value.GetString()!);
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return JsonValue.Create(value);
            case JsonValueKind.Array:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (Evaluate(item, scope.At($"[{index++}]")) is { } resolved)
                    {
                        array.Add(resolved);
                    }
                }

                return array;
            case JsonValueKind.Object:
                break;
            default:
                return null;
        }

        if (IntrinsicName(value) is { } function)
        {
            return Intrinsic(function, value.GetProperty(function), scope.At(function));
        }

        var result = new JsonObject();
        foreach (var property in value.EnumerateObject())
        {
            if (Evaluate(property.Value, scope.At(property.Name)) is { } resolved)
            {
                result[property.Name] = resolved;
            }
        }

        return result;
    }

    /// <summary>The intrinsic an object calls: a single <c>Ref</c> or <c>Fn::…</c> member.</summary>
    private static string? IntrinsicName(JsonElement value)
    {
        using var members = value.EnumerateObject();
        if (!members.MoveNext())
        {
            return null;
        }

        var name = members.Current.Name;
        return !members.MoveNext() && (name == "Ref" || name.StartsWith("Fn::", StringComparison.Ordinal)) ? name : null;
    }

    private JsonNode? Intrinsic(string function, JsonElement argument, Scope scope)
    {
        switch (function)
        {
            case "Ref":
                return Reference(argument.ValueKind == JsonValueKind.String ? argument.GetString()! : throw scope.Error("Ref takes a name."), scope);
            case "Fn::GetAtt":
                return JsonValue.Create(GetAtt(argument, scope));
            case "Fn::Join":
            {
                var (delimiter, list) = Pair(argument, scope, "[delimiter, [values]]");
                var items = Evaluate(list, scope.At("[1]")) as JsonArray ?? throw scope.Error("the values to join must be a list.");
                return JsonValue.Create(string.Join(Text(Evaluate(delimiter, scope.At("[0]")), scope), items.Select(item => Text(item, scope))));
            }

            case "Fn::Select":
            {
                var (position, list) = Pair(argument, scope, "[index, [values]]");
                var indexText = Text(Evaluate(position, scope.At("[0]")), scope);
                var items = Evaluate(list, scope.At("[1]")) as JsonArray ?? throw scope.Error("Fn::Select selects from a list.");
                return int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < items.Count
                    ? items[index]!.DeepClone()
                    : throw scope.Error($"index {indexText} is outside the list of {items.Count}.");
            }

            case "Fn::Split":
            {
                var (delimiter, source) = Pair(argument, scope, "[delimiter, text]");
                var separator = Text(Evaluate(delimiter, scope.At("[0]")), scope);
                var text = Text(Evaluate(source, scope.At("[1]")), scope);
                return new JsonArray([.. text.Split(separator).Select(part => (JsonNode)JsonValue.Create(part))]);
            }

            case "Fn::Sub":
                return JsonValue.Create(Substitute(argument, scope));
            case "Fn::FindInMap":
                return FindInMap(argument, scope);
            case "Fn::If":
            {
                if (argument.ValueKind != JsonValueKind.Array || argument.GetArrayLength() != 3 || argument[0].ValueKind != JsonValueKind.String)
                {
                    throw scope.Error("Fn::If takes [condition name, value if true, value if false].");
                }

                return Condition(argument[0].GetString()!, scope)
                    ? Evaluate(argument[1], scope.At("[1]"))
                    : Evaluate(argument[2], scope.At("[2]"));
            }

            case "Fn::GetAZs":
            {
                var region = Text(Evaluate(argument, scope), scope);
                region = region.Length == 0 ? scope.Deployed.Region : region;
                return new JsonArray([.. "abc".Select(zone => (JsonNode)JsonValue.Create(region + zone))]);
            }

            case "Fn::Base64":
                return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(Evaluate(argument, scope), scope))));
            case "Fn::ImportValue":
            {
                var name = argument.ValueKind == JsonValueKind.String ? argument.GetString() : Evaluate(argument, scope)?.ToJsonString();
                throw scope.Error(
                    $"Fn::ImportValue of {name}: an export belongs to one stack in one account, and each tenant account's stack instance must stand on its own; pass the value as a parameter instead.");
            }

            case "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not":
                return JsonValue.Create(ConditionFunction(function, argument, scope));
            default:
                throw scope.Error($"{function} is not an intrinsic function this resolver knows.");
        }
    }

    private static (JsonElement First, JsonElement Second) Pair(JsonElement argument, Scope scope, string shape) =>
        argument.ValueKind == JsonValueKind.Array && argument.GetArrayLength() == 2
            ? (argument[0], argument[1])
            : throw scope.Error($"takes {shape}.");

    private JsonNode? Reference(string name, Scope scope)
    {
        switch (name)
        {
            case NoValue:
                return null;
            case "AWS::AccountId":
                return JsonValue.Create(scope.Deployed.AccountId);
            case "AWS::Region":
                return JsonValue.Create(scope.Deployed.Region);
            case "AWS::Partition":
                return JsonValue.Create(scope.Deployed.Partition);
            case "AWS::URLSuffix":
                return JsonValue.Create(scope.Deployed.UrlSuffix);
            case "AWS::StackName":
                return JsonValue.Create(scope.Deployed.StackName);
            case "AWS::StackId":
            {
                var instance = scope.Deployed;
                return JsonValue.Create($"arn:{instance.Partition}:cloudformation:{instance.Region}:{instance.AccountId}:stack/{instance.StackName}/{StableGuid(instance, "stack")}");
            }

            case "AWS::NotificationARNs":
                return new JsonArray();
        }

        if (Parameters.TryGetValue(name, out var parameter))
        {
            var value = scope.Instance?.Parameters.GetValueOrDefault(name) ?? scope.Overrides?.GetValueOrDefault(name) ?? parameter.Default
                ?? (scope.Instance is null
                    ? throw new UnknownUntilDeployed()
                    : throw scope.Error($"parameter {name} has no value: the account's overrides do not set it and the template gives no default."));
            return parameter.Type.StartsWith("List<", StringComparison.Ordinal) || parameter.Type == "CommaDelimitedList"
                ? new JsonArray([.. value.Split(',').Select(part => (JsonNode)JsonValue.Create(part.Trim()))])
                : JsonValue.Create(value);
        }

        return Resource(name) is { } resource
            ? JsonValue.Create(ReferenceOf(Created(resource, scope), scope))
            : throw scope.Error($"Ref {name} names neither a parameter nor a resource of the template.");
    }

    private string GetAtt(JsonElement argument, Scope scope)
    {
        string logicalId, attribute;
        if (argument.ValueKind == JsonValueKind.String && argument.GetString()!.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot)
        {
            logicalId = argument.GetString()![..dot];
            attribute = argument.GetString()![(dot + 1)..];
        }
        else if (argument.ValueKind == JsonValueKind.Array && argument.GetArrayLength() == 2 && argument[0].ValueKind == JsonValueKind.String)
        {
            logicalId = argument[0].GetString()!;
            attribute = Text(Evaluate(argument[1], scope.At("[1]")), scope);
        }
        else
        {
            throw scope.Error("Fn::GetAtt takes [logical id, attribute] or \"LogicalId.Attribute\".");
        }

        var resource = Resource(logicalId) ?? throw scope.Error($"Fn::GetAtt names {logicalId}, which is not a resource of the template.");
        return AttributeOf(Created(resource, scope), attribute, scope);
    }

    private TemplateResource Created(TemplateResource resource, Scope scope) =>
        resource.Condition is null || Condition(resource.Condition, scope)
            ? resource
            : throw scope.Error($"{resource.LogicalId} is not created in this stack: its condition {resource.Condition} is false.");

    /// <summary><c>Fn::Sub</c>: <c>${Name}</c> is a variable of the map, a parameter, a pseudo parameter or a resource's Ref; <c>${Resource.Attribute}</c> its attribute; <c>${!Literal}</c> stays as written.</summary>
    private string Substitute(JsonElement argument, Scope scope)
    {
        string text;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (argument.ValueKind == JsonValueKind.String)
        {
            text = argument.GetString()!;
        }
        else if (argument.ValueKind == JsonValueKind.Array && argument.GetArrayLength() == 2 && argument[0].ValueKind == JsonValueKind.String
            && argument[1].ValueKind == JsonValueKind.Object)
        {
            text = argument[0].GetString()!;
            foreach (var variable in argument[1].EnumerateObject())
            {
                variables[variable.Name] = Text(Evaluate(variable.Value, scope.At($"[1].{variable.Name}")), scope);
            }
        }
        else
        {
            throw scope.Error("Fn::Sub takes a string or [string, { variable: value }].");
        }

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
                throw scope.Error($"\"{text}\" opens ${{ at {start} without closing it.");
            }

            result.Append(text, at, start - at);
            var name = text[(start + 2)..end];
            if (name.StartsWith('!'))
            {
                result.Append("${").Append(name, 1, name.Length - 1).Append('}');
            }
            else if (variables.TryGetValue(name, out var value))
            {
                result.Append(value);
            }
            else if (name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && Resource(name[..dot]) is { } resource)
            {
                result.Append(AttributeOf(Created(resource, scope), name[(dot + 1)..], scope));
            }
            else
            {
                result.Append(Text(Reference(name, scope) ?? throw scope.Error($"${{{name}}} is AWS::NoValue."), scope));
            }

            at = end + 1;
        }

        return result.ToString();
    }

    private JsonNode? FindInMap(JsonElement argument, Scope scope)
    {
        if (argument.ValueKind != JsonValueKind.Array || argument.GetArrayLength() != 3)
        {
            throw scope.Error("Fn::FindInMap takes [map, top-level key, second-level key].");
        }

        var keys = argument.EnumerateArray().Select((key, i) => Text(Evaluate(key, scope.At($"[{i}]")), scope)).ToArray();
        if (_mappings.ValueKind != JsonValueKind.Object || !_mappings.TryGetProperty(keys[0], out var map))
        {
            throw scope.Error($"the template has no mapping {keys[0]}.");
        }

        return map.TryGetProperty(keys[1], out var entry) && entry.TryGetProperty(keys[2], out var found)
            ? Evaluate(found, scope)
            : throw scope.Error($"mapping {keys[0]} has no {keys[1]}.{keys[2]}.");
    }

    private bool Condition(string name, Scope scope)
    {
        if (!_conditions.TryGetValue(name, out var definition))
        {
            throw scope.Error($"the template has no condition {name}.");
        }

        // A condition that refers to itself through others would recurse for ever; CloudFormation rejects it as circular.
        if (scope.Path.Contains($"Conditions.{name}.", StringComparison.Ordinal))
        {
            throw scope.Error($"condition {name} depends on itself.");
        }

        return ConditionValue(definition, scope with { Path = $"{scope.Path} -> Conditions.{name}" });
    }

    private bool ConditionValue(JsonElement definition, Scope scope)
    {
        if (definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("Condition", out var named) && named.ValueKind == JsonValueKind.String)
        {
            return Condition(named.GetString()!, scope);
        }

        var function = definition.ValueKind == JsonValueKind.Object ? IntrinsicName(definition) : null;
        if (function is "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not")
        {
            return ConditionFunction(function, definition.GetProperty(function), scope.At(function));
        }

        // A condition may also be any intrinsic that resolves to "true" or "false".
        return Text(Evaluate(definition, scope), scope) switch
        {
            "true" or "True" => true,
            "false" or "False" => false,
            var other => throw scope.Error($"a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or a Condition, not {other}."),
        };
    }

    private bool ConditionFunction(string function, JsonElement argument, Scope inner)
    {
        switch (function)
        {
            case "Fn::Equals" when argument.ValueKind == JsonValueKind.Array && argument.GetArrayLength() == 2:
                return Comparable(Evaluate(argument[0], inner.At("[0]"))) == Comparable(Evaluate(argument[1], inner.At("[1]")));
            case "Fn::And" when argument.ValueKind == JsonValueKind.Array && argument.GetArrayLength() is >= 2 and <= 10:
                return argument.EnumerateArray().Select((c, i) => ConditionValue(c, inner.At($"[{i}]"))).ToList().All(v => v);
            case "Fn::Or" when argument.ValueKind == JsonValueKind.Array && argument.GetArrayLength() is >= 2 and <= 10:
                return argument.EnumerateArray().Select((c, i) => ConditionValue(c, inner.At($"[{i}]"))).ToList().Any(v => v);
            case "Fn::Not" when argument.ValueKind == JsonValueKind.Array && argument.GetArrayLength() == 1:
                return !ConditionValue(argument[0], inner.At("[0]"));
            default:
                throw inner.Error($"{function} has the wrong number of arguments.");
        }
    }

    private static string? Comparable(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>A resolved scalar as text; lists and objects are an error where text is needed.</summary>
    private static string Text(JsonNode? node, Scope scope) => node is null
        ? throw scope.Error("a value needed here is AWS::NoValue.")
        : Scalar(node) ?? throw scope.Error($"expects text, not {node.ToJsonString()}.");

    private static string? Scalar(JsonNode node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        }
        : null;

    /// <summary>What <c>Ref</c> gives for each type: a name, a URL, an ARN or an id.</summary>
    private string ReferenceOf(TemplateResource resource, Scope scope) => resource.Type switch
    {
        "AWS::SQS::Queue" => QueueUrl(resource, scope),
        "AWS::SNS::Topic" => Arn(scope, "sns", PhysicalName(resource, "TopicName", 256, scope)),
        "AWS::ApiGatewayV2::Api" => ShortId(resource, scope, 10),
        "AWS::ApiGatewayV2::Stage" => resource.Property("StageName") is { } stage ? Text(Evaluate(stage, scope.At("StageName")), scope) : ShortId(resource, scope, 7),
        "AWS::ApiGatewayV2::Route" or "AWS::ApiGatewayV2::Integration" or "AWS::ApiGatewayV2::Authorizer" => ShortId(resource, scope, 7),
        "AWS::Lambda::EventSourceMapping" or "AWS::Lambda::EventInvokeConfig" => StableGuid(scope.Deployed, resource.LogicalId),
        _ => PhysicalName(resource, NameProperty(resource.Type), MaxNameLength(resource.Type), scope),
    };

    private string AttributeOf(TemplateResource resource, string attribute, Scope scope)
    {
        var value = (resource.Type, attribute) switch
        {
            ("AWS::DynamoDB::Table", "Arn") => Arn(scope, "dynamodb", $"table/{ReferenceOf(resource, scope)}"),
            ("AWS::DynamoDB::Table", "StreamArn") => Arn(scope, "dynamodb", $"table/{ReferenceOf(resource, scope)}/stream/1970-01-01T00:00:00.000"),
            ("AWS::SQS::Queue", "Arn") => Arn(scope, "sqs", QueueName(resource, scope)),
            ("AWS::SQS::Queue", "QueueName") => QueueName(resource, scope),
            ("AWS::SQS::Queue", "QueueUrl") => QueueUrl(resource, scope),
            ("AWS::Lambda::Function", "Arn") => Arn(scope, "lambda", $"function:{ReferenceOf(resource, scope)}"),
            ("AWS::Events::Rule", "Arn") => Arn(scope, "events", $"rule/{RuleBusPrefix(resource, scope)}{ReferenceOf(resource, scope)}"),
            ("AWS::Events::EventBus", "Arn") => Arn(scope, "events", $"event-bus/{ReferenceOf(resource, scope)}"),
            ("AWS::Events::EventBus", "Name") => ReferenceOf(resource, scope),
            ("AWS::ApiGatewayV2::Api", "ApiId") => ReferenceOf(resource, scope),
            ("AWS::ApiGatewayV2::Api", "ApiEndpoint") => scope.Deployed.HttpApiEndpoint
                ?? $"https://{ReferenceOf(resource, scope)}.execute-api.{scope.Deployed.Region}.{scope.Deployed.UrlSuffix}",
            ("AWS::IAM::Role", "Arn") => $"arn:{scope.Deployed.Partition}:iam::{scope.Deployed.AccountId}:role/{ReferenceOf(resource, scope)}",
            ("AWS::IAM::Role", "RoleId") => "AROA" + Suffix(scope.Deployed, resource.LogicalId, 17),
            ("AWS::Logs::LogGroup", "Arn") => Arn(scope, "logs", $"log-group:{ReferenceOf(resource, scope)}:*"),
            ("AWS::SNS::Topic", "TopicArn") => ReferenceOf(resource, scope),
            ("AWS::SNS::Topic", "TopicName") => PhysicalName(resource, "TopicName", 256, scope),
            _ => null,
        };
        return value ?? throw scope.Error($"{resource.LogicalId} ({resource.Type}) has no attribute {attribute} this resolver knows.");
    }

    private string QueueName(TemplateResource resource, Scope scope) => PhysicalName(resource, "QueueName", 80, scope);

    private string QueueUrl(TemplateResource resource, Scope scope)
    {
        var instance = scope.Deployed;
        var endpoint = instance.QueueEndpoint?.TrimEnd('/') ?? $"https://sqs.{instance.Region}.{instance.UrlSuffix}";
        return $"{endpoint}/{instance.AccountId}/{QueueName(resource, scope)}";
    }

    /// <summary>A rule on a bus other than the default one has the bus's name in its ARN.</summary>
    private string RuleBusPrefix(TemplateResource resource, Scope scope) =>
        resource.Property("EventBusName") is { } bus && Text(Evaluate(bus, scope.At("EventBusName")), scope) is var name && name != "default" && !name.StartsWith("arn:", StringComparison.Ordinal)
            ? name + "/"
            : "";

    private static string Arn(Scope scope, string service, string resource) =>
        $"arn:{scope.Deployed.Partition}:{service}:{scope.Deployed.Region}:{scope.Deployed.AccountId}:{resource}";

    /// <summary>The resource's own name when its name property sets one; else CloudFormation's generated <c>Stack-LogicalId-SUFFIX</c>.</summary>
    private string PhysicalName(TemplateResource resource, string? nameProperty, int maxLength, Scope scope)
    {
        if (nameProperty is not null && resource.Property(nameProperty) is { } name && Evaluate(name, scope.At(nameProperty)) is { } resolved)
        {
            return Text(resolved, scope);
        }

        var instance = scope.Deployed;
        var suffix = Suffix(instance, resource.LogicalId, 12);
        var stem = $"{instance.StackName}-{resource.LogicalId}";
        var room = maxLength - suffix.Length - 1;
        return $"{(stem.Length > room ? stem[..room] : stem)}-{suffix}";
    }

    private static string? NameProperty(string type) => type switch
    {
        "AWS::DynamoDB::Table" => "TableName",
        "AWS::Lambda::Function" => "FunctionName",
        "AWS::Events::Rule" or "AWS::Events::EventBus" => "Name",
        "AWS::IAM::Role" => "RoleName",
        "AWS::IAM::Policy" => "PolicyName",
        "AWS::Logs::LogGroup" => "LogGroupName",
        "AWS::CloudWatch::Alarm" => "AlarmName",
        _ => null,
    };

    private static int MaxNameLength(string type) => type switch
    {
        "AWS::Lambda::Function" or "AWS::IAM::Role" or "AWS::Events::Rule" => 64,
        _ => 255,
    };

    private static string ShortId(TemplateResource resource, Scope scope, int length) => Suffix(scope.Deployed, resource.LogicalId, length).ToLowerInvariant();

    /// <summary>Upper-case letters and digits derived from the account, stack and logical id: the same every time.</summary>
    private static string Suffix(StackInstance instance, string logicalId, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{instance.AccountId}/{instance.Region}/{instance.StackName}/{logicalId}"));
        return new string([.. hash.Take(length).Select(b => alphabet[b % alphabet.Length])]);
    }

    private static string StableGuid(StackInstance instance, string logicalId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{instance.AccountId}/{instance.Region}/{instance.StackName}/{logicalId}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
