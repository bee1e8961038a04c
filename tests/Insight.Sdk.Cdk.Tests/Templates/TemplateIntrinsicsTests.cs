using System.Text.Json;
using System.Text.Json.Nodes;
using Insight.Sdk.Cdk.Templates;

namespace Insight.Sdk.Cdk.Tests.Templates;

/// <summary>The one resolver of the template model, for one stack instance: every intrinsic, condition and pseudo parameter.</summary>
public sealed class TemplateIntrinsicsTests
{
    private static readonly StackInstance Instance = new("Orders", "123456789012", "eu-central-1", new Dictionary<string, string>
    {
        ["TenantId"] = "tenant-007",
        ["Stage"] = "prod",
        ["Zones"] = "a, b,c",
    });

    private const string Template = """
    {
      "Parameters": {
        "TenantId": { "Type": "String" },
        "Stage": { "Type": "String", "Default": "dev" },
        "Size": { "Type": "Number", "Default": "3" },
        "Zones": { "Type": "CommaDelimitedList" },
        "Missing": { "Type": "String" },
        "EventBusName": { "Type": "String", "Default": "tenant-bus" }
      },
      "Mappings": { "Sizes": { "prod": { "Memory": "1024" }, "dev": { "Memory": "128" } } },
      "Conditions": {
        "IsProd": { "Fn::Equals": [ { "Ref": "Stage" }, "prod" ] },
        "IsDev": { "Fn::Not": [ { "Condition": "IsProd" } ] },
        "ProdAndTenant": { "Fn::And": [ { "Condition": "IsProd" }, { "Fn::Equals": [ { "Ref": "TenantId" }, "tenant-007" ] } ] },
        "DevOrTenant": { "Fn::Or": [ { "Condition": "IsDev" }, { "Fn::Equals": [ "x", "x" ] } ] },
        "Loop": { "Fn::Not": [ { "Condition": "Loop" } ] }
      },
      "Resources": {
        "Table": { "Type": "AWS::DynamoDB::Table", "Properties": {} },
        "NamedTable": { "Type": "AWS::DynamoDB::Table", "Properties": { "TableName": { "Fn::Sub": "${TenantId}-orders" } } },
        "Queue": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": "orders-in" } },
        "Function": { "Type": "AWS::Lambda::Function", "Properties": { "FunctionName": "Orders-Place" } },
        "Api": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "ProtocolType": "HTTP" } },
        "Rule": { "Type": "AWS::Events::Rule", "Properties": { "EventBusName": { "Ref": "EventBusName" } } },
        "DevOnly": { "Type": "AWS::SQS::Queue", "Condition": "IsDev", "Properties": {} },
        "Probe": { "Type": "Test::Probe", "Properties": { "Value": null } }
      }
    }
    """;

    private static readonly CloudFormationTemplate Parsed = CloudFormationTemplate.Parse("Orders", Template);

    private static JsonNode? Resolve(string json) => Parsed.ResolveValue(JsonDocument.Parse(json).RootElement, Instance, "Probe Properties.Value");

    private static string Text(string json) => Resolve(json)!.GetValue<string>();

    private static string Error(string json) => Assert.Throws<TemplateResolutionException>(() => Resolve(json)).Message;

    [Fact]
    public void Ref_gives_parameters_from_the_instance_then_the_default_and_lists_for_list_types()
    {
        Assert.Equal("tenant-007", Text("""{ "Ref": "TenantId" }"""));
        Assert.Equal("prod", Text("""{ "Ref": "Stage" }"""));
        Assert.Equal("3", Text("""{ "Ref": "Size" }"""));
        Assert.Equal("""["a","b","c"]""", Resolve("""{ "Ref": "Zones" }""")!.ToJsonString());
    }

    [Fact]
    public void A_parameter_without_value_is_an_error_naming_it_and_where_it_was_needed()
    {
        var message = Error("""{ "Ref": "Missing" }""");
        Assert.Contains("Orders: Probe Properties.Value.Ref", message, StringComparison.Ordinal);
        Assert.Contains("parameter Missing has no value", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudo_parameters_come_from_the_instance_and_NoValue_removes_the_property()
    {
        Assert.Equal("123456789012", Text("""{ "Ref": "AWS::AccountId" }"""));
        Assert.Equal("eu-central-1", Text("""{ "Ref": "AWS::Region" }"""));
        Assert.Equal("aws", Text("""{ "Ref": "AWS::Partition" }"""));
        Assert.Equal("amazonaws.com", Text("""{ "Ref": "AWS::URLSuffix" }"""));
        Assert.Equal("Orders", Text("""{ "Ref": "AWS::StackName" }"""));
        Assert.StartsWith("arn:aws:cloudformation:eu-central-1:123456789012:stack/Orders/", Text("""{ "Ref": "AWS::StackId" }"""), StringComparison.Ordinal);
        var resolved = Resolve("""{ "Keep": 1, "Drop": { "Ref": "AWS::NoValue" }, "List": [ "a", { "Ref": "AWS::NoValue" } ] }""")!;
        Assert.Equal("""{"Keep":1,"List":["a"]}""", resolved.ToJsonString());
    }

    [Fact]
    public void Ref_and_GetAtt_of_resources_give_the_names_and_arns_the_account_gives_them()
    {
        var table = Text("""{ "Ref": "Table" }""");
        Assert.Matches("^Orders-Table-[A-Z0-9]{12}$", table);
        Assert.Equal(table, Text("""{ "Ref": "Table" }""")); // stable
        Assert.Equal($"arn:aws:dynamodb:eu-central-1:123456789012:table/{table}", Text("""{ "Fn::GetAtt": [ "Table", "Arn" ] }"""));
        Assert.StartsWith($"arn:aws:dynamodb:eu-central-1:123456789012:table/{table}/stream/", Text("""{ "Fn::GetAtt": "Table.StreamArn" }"""), StringComparison.Ordinal);
        Assert.Equal("tenant-007-orders", Text("""{ "Ref": "NamedTable" }"""));

        Assert.Equal("https://sqs.eu-central-1.amazonaws.com/123456789012/orders-in", Text("""{ "Ref": "Queue" }"""));
        Assert.Equal("arn:aws:sqs:eu-central-1:123456789012:orders-in", Text("""{ "Fn::GetAtt": [ "Queue", "Arn" ] }"""));
        Assert.Equal("orders-in", Text("""{ "Fn::GetAtt": [ "Queue", "QueueName" ] }"""));

        Assert.Equal("Orders-Place", Text("""{ "Ref": "Function" }"""));
        Assert.Equal("arn:aws:lambda:eu-central-1:123456789012:function:Orders-Place", Text("""{ "Fn::GetAtt": [ "Function", "Arn" ] }"""));

        var api = Text("""{ "Ref": "Api" }""");
        Assert.Matches("^[a-z0-9]{10}$", api);
        Assert.Equal($"https://{api}.execute-api.eu-central-1.amazonaws.com", Text("""{ "Fn::GetAtt": [ "Api", "ApiEndpoint" ] }"""));
        var local = Instance with { HttpApiEndpoint = "http://127.0.0.1:4100", QueueEndpoint = "http://127.0.0.1:4200/" };
        Assert.Equal("http://127.0.0.1:4100", Parsed.Attribute(Parsed.Resource("Api")!, "ApiEndpoint", local));
        Assert.Equal("http://127.0.0.1:4200/123456789012/orders-in", Parsed.PhysicalId(Parsed.Resource("Queue")!, local));

        // A rule on a bus other than the default one carries the bus in its ARN.
        Assert.Matches("^arn:aws:events:eu-central-1:123456789012:rule/tenant-bus/Orders-Rule-[A-Z0-9]{12}$", Text("""{ "Fn::GetAtt": [ "Rule", "Arn" ] }"""));
    }

    [Fact]
    public void An_unknown_attribute_or_resource_is_an_error_naming_it()
    {
        Assert.Contains("Queue (AWS::SQS::Queue) has no attribute Nope", Error("""{ "Fn::GetAtt": [ "Queue", "Nope" ] }"""), StringComparison.Ordinal);
        Assert.Contains("Ref Ghost names neither a parameter nor a resource", Error("""{ "Ref": "Ghost" }"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Sub_replaces_parameters_pseudo_parameters_resources_attributes_and_variables_and_keeps_escaped_literals()
    {
        Assert.Equal(
            "tenant-007 in eu-central-1: arn:aws:sqs:eu-central-1:123456789012:orders-in Orders-Place ${Literal}",
            Text("""{ "Fn::Sub": "${TenantId} in ${AWS::Region}: ${Queue.Arn} ${Function} ${!Literal}" }"""));
        Assert.Equal("prod/1024", Text("""{ "Fn::Sub": [ "${Stage}/${Memory}", { "Memory": { "Fn::FindInMap": [ "Sizes", { "Ref": "Stage" }, "Memory" ] } } ] }"""));
        Assert.Contains("without closing it", Error("""{ "Fn::Sub": "${TenantId" }"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Join_select_split_findinmap_and_getazs_compose()
    {
        Assert.Equal("a-prod-tenant-007", Text("""{ "Fn::Join": [ "-", [ "a", { "Ref": "Stage" }, { "Ref": "TenantId" } ] ] }"""));
        Assert.Equal("c", Text("""{ "Fn::Select": [ 2, { "Ref": "Zones" } ] }"""));
        Assert.Equal("y", Text("""{ "Fn::Select": [ "1", { "Fn::Split": [ ",", "x,y,z" ] } ] }"""));
        Assert.Equal("1024", Text("""{ "Fn::FindInMap": [ "Sizes", { "Ref": "Stage" }, "Memory" ] }"""));
        Assert.Equal("eu-central-1b", Text("""{ "Fn::Select": [ 1, { "Fn::GetAZs": "" } ] }"""));
        Assert.Contains("index 5 is outside the list of 3", Error("""{ "Fn::Select": [ 5, { "Ref": "Zones" } ] }"""), StringComparison.Ordinal);
        Assert.Contains("mapping Sizes has no test.Memory", Error("""{ "Fn::FindInMap": [ "Sizes", "test", "Memory" ] }"""), StringComparison.Ordinal);
    }

    [Fact]
    public void If_follows_conditions_built_from_equals_and_or_not()
    {
        Assert.True(Parsed.Condition("IsProd", Instance));
        Assert.False(Parsed.Condition("IsDev", Instance));
        Assert.True(Parsed.Condition("ProdAndTenant", Instance));
        Assert.True(Parsed.Condition("DevOrTenant", Instance));
        Assert.False(Parsed.Condition("IsProd", Instance with { Parameters = new Dictionary<string, string> { ["TenantId"] = "t" } }));
        Assert.Equal("big", Text("""{ "Fn::If": [ "IsProd", "big", "small" ] }"""));
        Assert.Equal("""{"A":1}""", Resolve("""{ "A": 1, "B": { "Fn::If": [ "IsDev", 2, { "Ref": "AWS::NoValue" } ] } }""")!.ToJsonString());
        Assert.Contains("condition Loop depends on itself", Assert.Throws<TemplateResolutionException>(() => Parsed.Condition("Loop", Instance)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_whose_condition_is_false_is_not_created_and_cannot_be_referenced()
    {
        Assert.False(Parsed.IsCreated(Parsed.Resource("DevOnly")!, Instance));
        Assert.True(Parsed.IsCreated(Parsed.Resource("Queue")!, Instance));
        Assert.Contains("DevOnly is not created in this stack: its condition IsDev is false", Error("""{ "Ref": "DevOnly" }"""), StringComparison.Ordinal);
    }

    [Fact]
    public void ImportValue_is_refused_naming_the_export()
    {
        var message = Error("""{ "Fn::ImportValue": { "Fn::Sub": "${Stage}-SharedTopic" } }""");
        Assert.Contains("Fn::ImportValue of", message, StringComparison.Ordinal);
        Assert.Contains("SharedTopic", message, StringComparison.Ordinal);
        Assert.Contains("pass the value as a parameter", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_instance_the_cost_model_gets_parameters_and_null_for_what_only_a_deployment_knows()
    {
        Assert.Equal("dev", Parsed.Resolve(JsonDocument.Parse("""{ "Ref": "Stage" }""").RootElement));
        Assert.Equal("1024", Parsed.Resolve(JsonDocument.Parse("""{ "Fn::FindInMap": [ "Sizes", { "Ref": "Stage" }, "Memory" ] }""").RootElement, new Dictionary<string, string> { ["Stage"] = "prod" }));
        Assert.Null(Parsed.Resolve(JsonDocument.Parse("""{ "Ref": "Queue" }""").RootElement));
        Assert.Null(Parsed.Resolve(JsonDocument.Parse("""{ "Fn::Sub": "${AWS::AccountId}" }""").RootElement));
        Assert.Null(Parsed.Resolve(JsonDocument.Parse("""{ "Ref": "Missing" }""").RootElement));
    }
}
