using System.Text.Json;
using Insight.Sdk.Cdk.Platform;

namespace Insight.Sdk.Cdk.Tests.Platform;

[Collection(SynthCollection.Name)]
public sealed class ReleasePipelineTests
{
    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    private static JsonElement Pipeline => Platform.Template.Resources("AWS::CodePipeline::Pipeline").Single().Properties;

    private static JsonElement Action(string stage) =>
        Pipeline.GetProperty("Stages").EnumerateArray().Single(s => s.GetProperty("Name").GetString() == stage).GetProperty("Actions")[0];

    /// <summary>The buildspec of the CodeBuild project an action runs.</summary>
    private static JsonElement BuildSpec(string stage)
    {
        var project = Action(stage).GetProperty("Configuration").GetProperty("ProjectName").Target()!;
        return JsonDocument.Parse(Platform.Template.Resource(project).GetProperty("Properties").GetProperty("Source").GetProperty("BuildSpec").GetString()!).RootElement.Clone();
    }

    private static string[] Commands(string stage) => [.. BuildSpec(stage).GetProperty("phases").GetProperty("build").GetProperty("commands").EnumerateArray().Select(c => c.GetString()!)];

    [Fact]
    public void The_pipeline_tests_publishes_synthesizes_approves_rolls_out_and_retries_in_that_order()
    {
        Assert.Equal(
            ReleasePipeline.StageNames(Platform.Settings.RequireApproval),
            Pipeline.GetProperty("Stages").EnumerateArray().Select(s => s.GetProperty("Name").GetString()));
        var source = Action("Source");
        Assert.Equal("CodeStarSourceConnection", source.GetProperty("ActionTypeId").GetProperty("Provider").GetString());
        Assert.Equal(Platform.Settings.Source.ConnectionArn, source.GetProperty("Configuration").GetProperty("ConnectionArn").GetString());
        Assert.Equal(["bash .ci/run"], Commands("BuildAndTest"));
    }

    [Fact]
    public void Each_service_is_published_natively_for_arm64_under_the_release_key()
    {
        var commands = Commands("Publish");
        foreach (var service in Infra.FleetApp.Services)
        {
            Assert.Contains($"dotnet publish {service.Project} -c Release -r linux-arm64 -p:PublishAot=true -p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld -o out/{service.Name}", commands);
            Assert.Contains($"aws s3 cp out/{service.Name}-arm64.zip \"s3://$ARTIFACT_BUCKET/{ReleaseArtifacts.PackageKey(service.Name, "$INSIGHT_RELEASE", "arm64")}\"", commands);
        }

        var synth = Commands("Synth");
        Assert.StartsWith($"dotnet run --project {Platform.Settings.InfraProject}", synth[0], StringComparison.Ordinal);
        foreach (var service in Infra.FleetApp.Services)
        {
            Assert.Contains($"aws s3 cp cdk.out/{service.Name}.template.json \"s3://$ARTIFACT_BUCKET/{ReleaseArtifacts.TemplateKey(service.Name, "$INSIGHT_RELEASE")}\"", synth);
        }

        // Every build learns the release from the source commit.
        var release = SynthesizedPlatform.Text(Action("Publish").GetProperty("Configuration").GetProperty("EnvironmentVariables"));
        Assert.Contains("\"name\":\"INSIGHT_RELEASE\"", release, StringComparison.Ordinal);
        Assert.Contains("#{Source_Monorepo_NS.CommitId}", release, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rollout_deploys_the_platform_stack_with_the_new_release()
    {
        var rollout = Action("RollOut").GetProperty("Configuration");

        Assert.Equal(Platform.Settings.StackName, rollout.GetProperty("StackName").GetString());
        Assert.Equal("PlatformTemplate::" + Platform.Settings.StackName + ".template.json", rollout.GetProperty("TemplatePath").GetString());
        using var overrides = JsonDocument.Parse(rollout.GetProperty("ParameterOverrides").GetString()!);
        Assert.Equal("#{Source_Monorepo_NS.CommitId}", overrides.RootElement.GetProperty(PlatformStack.ReleaseParameterName).GetString());
        Assert.Equal("ApproveRollout", Action("Approve").GetProperty("Name").GetString());
    }

    [Fact]
    public void Failed_instances_are_retried_as_a_stack_set_operation_over_exactly_those_accounts()
    {
        var script = Assert.Single(Commands("RetryFailedInstances"));
        Assert.Contains("--filters Name=DETAILED_STATUS,Values=FAILED", script, StringComparison.Ordinal);
        Assert.Contains("update-stack-set", script, StringComparison.Ordinal);
        Assert.Contains("--use-previous-template", script, StringComparison.Ordinal);
        Assert.Contains("UsePreviousValue=true", script, StringComparison.Ordinal);
        Assert.Contains("AccountFilterType=INTERSECTION", script, StringComparison.Ordinal);
        Assert.Contains("exit $remaining", script, StringComparison.Ordinal);

        var environment = JsonSerializer.Deserialize<List<Dictionary<string, string>>>(SynthesizedPlatform.Text(Action("RetryFailedInstances").GetProperty("Configuration").GetProperty("EnvironmentVariables")))!
            .ToDictionary(v => v["name"], v => v["value"]);
        Assert.Equal(string.Join(' ', Infra.FleetApp.Services.Select(s => Platform.Settings.StackSetName(s.Name))), environment["STACK_SETS"]);
        Assert.Equal(string.Join(' ', ServiceStackSets.ParameterNames), environment["PARAMETERS"]);
        Assert.Equal(Platform.Settings.TenantsOrganizationalUnitId, environment["TENANTS_OU"]);
        Assert.Equal(Platform.Settings.Rollout.RetryRounds.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["RETRY_ROUNDS"]);
    }

    [Fact]
    public void The_retry_script_is_valid_bash()
    {
        var script = Path.Combine(Platform.Directory, "retry.sh");
        File.WriteAllText(script, ReleasePipeline.RetryScript);
        using var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-n", script]) { RedirectStandardError = true })!;
        var error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();

        Assert.True(bash.ExitCode == 0, error);
    }
}
