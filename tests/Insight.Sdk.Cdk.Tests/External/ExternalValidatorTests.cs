using System.Text.Json;
using System.Text.Json.Nodes;
using Insight.Sdk.Cdk.Tests.Platform;

namespace Insight.Sdk.Cdk.Tests.External;

/// <summary>
/// What a template linter and a states-language validator say of what the SDK synthesizes, with AWS's data and an
/// independent validator rather than our own reading of the rules.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class ExternalValidatorTests(SynthesizedFleet fleet)
{
    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    [Fact]
    public void Every_service_template_matches_the_AWS_resource_specification()
    {
        var problems = fleet.Result.Templates.SelectMany(path =>
            ResourceSpecification.Shared.Check(Path.GetFileName(path), JsonDocument.Parse(File.ReadAllText(path)).RootElement));

        Assert.Empty(problems);
    }

    [Fact]
    public void The_platform_template_and_the_templates_its_stack_sets_carry_match_the_AWS_resource_specification()
    {
        Assert.Contains("TemplateBody", Platform.Json, StringComparison.Ordinal);

        Assert.Empty(ResourceSpecification.Shared.Check(Platform.Settings.StackName, Platform.Template));
    }

    [Fact]
    public void The_specification_check_names_each_kind_of_mistake()
    {
        var template = JsonNode.Parse(fleet.ScanIngestJson)!.AsObject();
        var resources = template["Resources"]!.AsObject();
        var (functionId, function) = resources.First(r => (string?)r.Value!["Type"] == "AWS::Lambda::Function");
        var properties = function!["Properties"]!.AsObject();
        properties["MemSize"] = 256;
        properties.Remove("Role");
        properties["PackageType"] = "Jar";
        properties["Timeout"] = "ten";
        function["DependsOn"] = "Nowhere";
        template["Outputs"] = new JsonObject
        {
            ["Name"] = new JsonObject { ["Value"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(functionId, "Url") } },
            ["Missing"] = new JsonObject { ["Value"] = new JsonObject { ["Ref"] = "Nothing" } },
        };

        var problems = ResourceSpecification.Shared.Check("Broken", JsonDocument.Parse(template.ToJsonString()).RootElement);

        var where = $"Broken/{functionId} (AWS::Lambda::Function)";
        Assert.Contains($"{where}.MemSize: no such property", problems);
        Assert.Contains($"{where}: the required property Role is missing", problems);
        Assert.Contains($"{where}.PackageType: Jar is not one of Image, Zip", problems);
        Assert.Contains($"{where}.Timeout: expected a number, found the string \"ten\"", problems);
        Assert.Contains($"{where}: DependsOn names Nowhere, which the template does not declare", problems);
        Assert.Contains($"Broken Outputs: Fn::GetAtt {functionId}.Url: AWS::Lambda::Function has no attribute Url", problems);
        Assert.Contains("Broken Outputs: Ref names Nothing, which is no resource, parameter or pseudo parameter", problems);
        Assert.Equal(7, problems.Count);
    }

    [Fact]
    public void The_specification_check_reads_the_templates_stack_sets_carry_inline()
    {
        var template = JsonNode.Parse(Platform.Json)!;
        var baseline = template["Resources"]!.AsObject().Select(r => r.Value!)
            .First(r => r["Properties"]?["TemplateBody"] is JsonValue body && body.GetValue<string>().Contains("AWS::Oam::Link", StringComparison.Ordinal));
        baseline["Properties"]!["TemplateBody"] = baseline["Properties"]!["TemplateBody"]!.GetValue<string>().Replace("\"ResourceTypes\"", "\"ResourceType\"", StringComparison.Ordinal);

        var problems = ResourceSpecification.Shared.Check("Platform", JsonDocument.Parse(template.ToJsonString()).RootElement);

        Assert.Contains(problems, p => p.Contains("TemplateBody/", StringComparison.Ordinal) && p.EndsWith(".ResourceType: no such property", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("TemplateBody/", StringComparison.Ordinal) && p.EndsWith("the required property ResourceTypes is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void The_vending_state_machine_is_valid_states_language()
    {
        Assert.Null(StatesLanguage.Problems(Platform.Definition));
    }

    [Fact]
    public void The_states_language_validator_names_a_transition_to_no_state()
    {
        var definition = JsonNode.Parse(Platform.Definition.GetRawText())!;
        var state = definition["States"]!.AsObject().First(s => s.Value!["Next"] is not null).Value!;
        state["Next"] = "NoSuchState";

        var problems = StatesLanguage.Problems(JsonDocument.Parse(definition.ToJsonString()).RootElement);

        Assert.NotNull(problems);
        Assert.Contains("NoSuchState", problems, StringComparison.Ordinal);
    }
}
