using System.Text.Json;
using Insight.Local.Events;

namespace Insight.Local.Tests.Events;

/// <summary>
/// A target's input, following the EventBridge user guide's "Transforming target input" and the
/// PutTargets reference (Input, InputPath, InputTransformer).
/// </summary>
public sealed class EventTargetInputTests
{
    private const string RuleName = "orders-to-billing";
    private const string RuleArn = "arn:aws:events:eu-central-1:111122223333:rule/orders-to-billing";

    private const string Event = """
        {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification",
         "source":"aws.ec2","account":"111122223333","time":"2015-11-11T21:29:54Z","region":"us-east-1",
         "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
         "detail":{"instance-id":"i-0123456789","state":"RUNNING","count":3,"tags":{"team":"blue"},"quote":"say \"hi\""}}
        """;

    [Fact]
    public void Without_settings_the_target_receives_the_whole_event()
    {
        var result = Apply();

        Assert.True(JsonElement.DeepEquals(Parse(Event), Parse(result)));
    }

    [Fact]
    public void Constant_input_is_passed_as_is()
    {
        Assert.Equal("""{"job":"nightly"}""", Apply(input: """{"job":"nightly"}"""));
    }

    [Fact]
    public void Constant_input_must_be_json()
    {
        var ex = Assert.Throws<ArgumentException>(() => Apply(input: "nightly"));

        Assert.StartsWith("Input: must be valid JSON text", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$", null)]
    [InlineData("$.detail", """{"instance-id":"i-0123456789","state":"RUNNING","count":3,"tags":{"team":"blue"},"quote":"say \"hi\""}""")]
    [InlineData("$.detail.state", "\"RUNNING\"")]
    [InlineData("$.detail.count", "3")]
    [InlineData("$.detail.tags.team", "\"blue\"")]
    [InlineData("$.detail['instance-id']", "\"i-0123456789\"")]
    [InlineData("$.resources[0]", "\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\"")]
    [InlineData("$.resources[1]", "null")]
    [InlineData("$.detail.missing", "null")]
    [InlineData("$.detail.state.deeper", "null")]
    public void Input_path_selects_part_of_the_event(string path, string? expected)
    {
        var result = Apply(inputPath: path);

        Assert.True(JsonElement.DeepEquals(Parse(expected ?? Event), Parse(result)), result);
    }

    [Theory]
    [InlineData("detail", "InputPath: \"detail\" is not a JSON path: it must start with '$'")]
    [InlineData("$..state", "InputPath: \"$..state\" has an empty member name")]
    [InlineData("$.detail.*", "InputPath: \"$.detail.*\": wildcards are not supported")]
    [InlineData("$.resources[x]", "InputPath: \"$.resources[x]\": [x] is neither an array index nor a quoted member name")]
    [InlineData("$.resources[0", "InputPath: \"$.resources[0\" has an unclosed '['")]
    public void Bad_input_path_is_refused_naming_the_property(string path, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => Apply(inputPath: path));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_of_the_three_may_be_set()
    {
        var ex = Assert.Throws<ArgumentException>(() => Apply(input: "{}", inputPath: "$"));

        Assert.StartsWith("Input and InputPath: a target sets at most one of", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_outside_quotes_get_json_values()
    {
        var result = Transform(
            """{"instance": <instance>, "state": <state>, "count": <count>, "tags": <tags>, "gone": <gone>}""",
            ("instance", "$.detail.instance-id"), ("state", "$.detail.state"), ("count", "$.detail.count"),
            ("tags", "$.detail.tags"), ("gone", "$.detail.gone"));

        Assert.True(JsonElement.DeepEquals(
            Parse("""{"instance":"i-0123456789","state":"RUNNING","count":3,"tags":{"team":"blue"},"gone":null}"""),
            Parse(result)), result);
    }

    [Fact]
    public void Placeholders_inside_quotes_get_text()
    {
        // The user guide's example: "<instance> is in state <state>" inside a JSON string.
        var result = Transform(
            """{"message": "instance <instance> is in state <state>, count <count>, quote <quote>, gone '<gone>'"}""",
            ("instance", "$.detail.instance-id"), ("state", "$.detail.state"), ("count", "$.detail.count"),
            ("quote", "$.detail.quote"), ("gone", "$.detail.gone"));

        Assert.Equal(
            "instance i-0123456789 is in state RUNNING, count 3, quote say \"hi\", gone ''",
            Parse(result).GetProperty("message").GetString());
    }

    [Fact]
    public void A_quoted_string_template_is_json()
    {
        var result = Transform("\"<instance> is in state <state>\"", ("instance", "$.detail.instance-id"), ("state", "$.detail.state"));

        Assert.Equal("\"i-0123456789 is in state RUNNING\"", result);
    }

    [Fact]
    public void A_template_that_is_not_json_is_delivered_as_a_string()
    {
        var result = Transform("Instance <instance> is in state <state>", ("instance", "$.detail.instance-id"), ("state", "$.detail.state"));

        Assert.Equal("Instance i-0123456789 is in state RUNNING", Parse(result).GetString());
    }

    [Fact]
    public void A_bare_placeholder_template_gives_the_value()
    {
        var result = Transform("<tags>", ("tags", "$.detail.tags"));

        Assert.True(JsonElement.DeepEquals(Parse("""{"team":"blue"}"""), Parse(result)), result);
    }

    [Fact]
    public void Predefined_placeholders_describe_the_rule_and_the_event()
    {
        var result = Transform(
            """{"rule": "<aws.events.rule-name>", "arn": <aws.events.rule-arn>, "at": "<aws.events.event.ingestion-time>", "event": <aws.events.event>, "full": <aws.events.event.json>}""");
        var json = Parse(result);

        Assert.Equal(RuleName, json.GetProperty("rule").GetString());
        Assert.Equal(RuleArn, json.GetProperty("arn").GetString());
        Assert.Equal("2015-11-11T21:29:54Z", json.GetProperty("at").GetString());
        Assert.Equal("aws.ec2", json.GetProperty("event").GetProperty("source").GetString());
        Assert.False(json.GetProperty("event").TryGetProperty("detail", out _), "aws.events.event leaves out the detail");
        Assert.True(JsonElement.DeepEquals(Parse(Event), json.GetProperty("full")));
    }

    [Fact]
    public void Unknown_placeholders_stay_as_written()
    {
        var result = Transform("""{"html": "<b>bold</b> <state>"}""", ("state", "$.detail.state"));

        Assert.Equal("<b>bold</b> RUNNING", Parse(result).GetProperty("html").GetString());
    }

    [Fact]
    public void A_json_template_that_breaks_is_refused_naming_the_template()
    {
        var ex = Assert.Throws<ArgumentException>(() => Transform("""{"state": <state>""", ("state", "$.detail.state")));

        Assert.StartsWith("InputTransformer.InputTemplate: the filled template is not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserved_and_bad_paths_in_the_map_are_refused_naming_the_entry()
    {
        var reserved = Assert.Throws<ArgumentException>(() => Transform("<aws.mine>", ("aws.mine", "$.detail")));
        var badPath = Assert.Throws<ArgumentException>(() => Transform("<x>", ("x", "detail.state")));

        Assert.StartsWith("InputTransformer.InputPathsMap[\"aws.mine\"]: names starting with \"aws.\" are reserved", reserved.Message, StringComparison.Ordinal);
        Assert.StartsWith("InputTransformer.InputPathsMap[\"x\"]: \"detail.state\" is not a JSON path", badPath.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_a_hundred_paths()
    {
        var map = Enumerable.Range(0, 101).ToDictionary(i => $"p{i}", _ => "$.detail");

        var ex = Assert.Throws<ArgumentException>(() => EventTargetInput.Apply(
            Parse(Event), null, null, new InputTransformerSpec(map, "{}"), RuleName, RuleArn));

        Assert.StartsWith("InputTransformer.InputPathsMap: at most 100 entries, found 101", ex.Message, StringComparison.Ordinal);
    }

    private static string Apply(string? input = null, string? inputPath = null) =>
        EventTargetInput.Apply(Parse(Event), input, inputPath, null, RuleName, RuleArn);

    private static string Transform(string template, params (string Name, string Path)[] paths) =>
        EventTargetInput.Apply(
            Parse(Event),
            null,
            null,
            new InputTransformerSpec(paths.ToDictionary(p => p.Name, p => p.Path), template),
            RuleName,
            RuleArn);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
