using System.Text.Json;
using Insight.Sdk.Cdk.Platform;
using Insight.Sdk.Fleet;

namespace Insight.Sdk.Cdk.Tests.Platform;

[Collection(SynthCollection.Name)]
public sealed class ServiceStackSetTests(SynthesizedFleet fleet)
{
    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    private static List<(string Id, JsonElement Properties)> StackSets => [.. Platform.Template.Resources("AWS::CloudFormation::StackSet")];

    [Fact]
    public void One_service_managed_stack_set_per_service_targets_the_tenants_unit_with_automatic_deployment()
    {
        Assert.Equal(
            Infra.FleetApp.Services.Select(s => Platform.Settings.StackSetName(s.Name)).Order(),
            StackSets.Select(s => s.Properties.GetProperty("StackSetName").GetString()).Order());
        foreach (var (_, stackSet) in StackSets)
        {
            Assert.Equal("SERVICE_MANAGED", stackSet.GetProperty("PermissionModel").GetString());
            Assert.Equal(Platform.Settings.CallAs, stackSet.GetProperty("CallAs").GetString());
            var autoDeployment = stackSet.GetProperty("AutoDeployment");
            Assert.True(autoDeployment.GetProperty("Enabled").GetBoolean());
            Assert.True(autoDeployment.GetProperty("RetainStacksOnAccountRemoval").GetBoolean());
            Assert.True(stackSet.GetProperty("ManagedExecution").GetProperty("Active").GetBoolean());
            var group = Assert.Single(stackSet.GetProperty("StackInstancesGroup").EnumerateArray());
            Assert.Equal([Platform.Settings.TenantsOrganizationalUnitId], group.GetProperty("DeploymentTargets").GetProperty("OrganizationalUnitIds").EnumerateArray().Select(o => o.GetString()));
            Assert.Equal(Platform.Settings.DeploymentRegions, group.GetProperty("Regions").EnumerateArray().Select(r => r.GetString()));
        }
    }

    [Fact]
    public void Operation_preferences_are_the_configured_rollout()
    {
        var rollout = Platform.Settings.Rollout;
        foreach (var (_, stackSet) in StackSets)
        {
            var preferences = stackSet.GetProperty("OperationPreferences");
            Assert.Equal(rollout.MaxConcurrentPercentage, preferences.GetProperty("MaxConcurrentPercentage").GetInt32());
            Assert.Equal(rollout.FailureTolerancePercentage, preferences.GetProperty("FailureTolerancePercentage").GetInt32());
            Assert.Equal(rollout.ConcurrencyMode, preferences.GetProperty("ConcurrencyMode").GetString());
            Assert.Equal("SEQUENTIAL", preferences.GetProperty("RegionConcurrencyType").GetString());
            Assert.Equal(Platform.Settings.DeploymentRegions, preferences.GetProperty("RegionOrder").EnumerateArray().Select(r => r.GetString()));
        }
    }

    [Fact]
    public void Stack_sets_exist_once_a_release_is_published_and_are_never_deleted_with_the_platform()
    {
        var release = Platform.Template.GetProperty("Parameters").GetProperty(PlatformStack.ReleaseParameterName);
        Assert.Equal(string.Empty, release.GetProperty("Default").GetString());
        foreach (var (id, stackSet) in StackSets)
        {
            var resource = Platform.Template.Resource(id);
            Assert.Equal("HasRelease", resource.GetProperty("Condition").GetString());
            Assert.Equal("Retain", resource.GetProperty("DeletionPolicy").GetString());
            Assert.Equal("Retain", resource.GetProperty("UpdateReplacePolicy").GetString());

            // The template of each release lives under its own key, so a release is a template change.
            var url = stackSet.GetProperty("TemplateURL").GetRawText();
            var service = stackSet.GetProperty("StackSetName").GetString()![Platform.Settings.StackSetNamePrefix.Length..];
            Assert.Contains("\"/releases/\"", url, StringComparison.Ordinal);
            Assert.Contains($"\"/templates/{service}.template.json\"", url, StringComparison.Ordinal);
            Assert.Contains($"\"Ref\":\"{PlatformStack.ReleaseParameterName}\"", url.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_service_parameter_has_a_stack_set_value_and_the_alarm_topic_is_the_central_one()
    {
        var serviceParameters = fleet.ScanIngest.GetProperty("Parameters").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(serviceParameters, ServiceStackSets.ParameterNames.Order());
        Assert.Subset(serviceParameters.ToHashSet(), ServiceStackSets.TenantParameterNames.ToHashSet());

        var topic = Platform.Template.Resources("AWS::SNS::Topic").Single(t => t.Id.StartsWith("FleetAlarms", StringComparison.Ordinal)).Id;
        var bucket = Platform.Template.Resources("AWS::S3::Bucket").Single(b => b.Id.StartsWith("Artifacts", StringComparison.Ordinal)).Id;
        foreach (var (_, stackSet) in StackSets)
        {
            var parameters = stackSet.GetProperty("Parameters").EnumerateArray().ToDictionary(p => p.GetProperty("ParameterKey").GetString()!, p => p.GetProperty("ParameterValue"));
            Assert.Equal(serviceParameters, parameters.Keys.Order());
            Assert.Equal(topic, parameters["AlarmTopicArn"].Target());
            Assert.Equal(bucket, parameters["ArtifactBucket"].Target());
            Assert.Equal(ServiceStackSets.UnassignedTenant, parameters["TenantId"].GetString());
        }
    }

    [Fact]
    public void Vending_checks_tenant_ids_with_the_service_stacks_own_rule()
    {
        var rule = fleet.ScanIngest.GetProperty("Parameters").GetProperty("TenantId").GetProperty("AllowedPattern").GetString();

        Assert.Equal(TenantId.Pattern, rule);
        Assert.Matches(rule!, ServiceStackSets.UnassignedTenant);
    }

    [Fact]
    public void The_fleet_description_names_what_the_stack_created()
    {
        var description = Platform.Description;

        Assert.Equal(StackSets.Select(s => s.Properties.GetProperty("StackSetName").GetString()).Order(), description.StackSets.Order());
        Assert.Equal(Platform.Settings.DeploymentRegions, description.Regions);
        Assert.Equal(Platform.Settings.TenantsOrganizationalUnitId, description.TenantsOrganizationalUnitId);
        Assert.Equal(Platform.Settings.RegistryTableName, Platform.Template.Resources("AWS::DynamoDB::Table").Single().Properties.GetProperty("TableName").GetString());
    }

    [Fact]
    public void The_artifact_bucket_and_alarm_topic_admit_the_organization_and_nobody_else()
    {
        var organization = Platform.Settings.OrganizationId;
        var topicPolicy = Platform.Template.Resources("AWS::SNS::TopicPolicy").Single().Properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(2, topicPolicy.Count);
        static string? Condition(JsonElement statement, string key) =>
            statement.GetProperty("Condition").GetProperty("StringEquals").TryGetProperty(key, out var value) ? value.GetString() : null;
        var members = Assert.Single(topicPolicy, s => Condition(s, "aws:PrincipalOrgID") is not null);
        Assert.Equal(organization, Condition(members, "aws:PrincipalOrgID"));
        Assert.Equal("*", members.GetProperty("Principal").GetProperty("AWS").GetString());
        var alarms = Assert.Single(topicPolicy, s => Condition(s, "aws:SourceOrgID") is not null);
        Assert.Equal(organization, Condition(alarms, "aws:SourceOrgID"));
        Assert.Equal("cloudwatch.amazonaws.com", alarms.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.All(topicPolicy, s => Assert.Equal("sns:Publish", s.GetProperty("Action").GetString()));

        var bucketStatements = Platform.Template.Resources("AWS::S3::BucketPolicy")
            .SelectMany(p => p.Properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            .Where(s => s.GetProperty("Effect").GetString() == "Allow")
            .ToList();
        var read = Assert.Single(bucketStatements);
        Assert.Equal("s3:GetObject", read.GetProperty("Action").GetString());
        Assert.Equal(organization, read.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:PrincipalOrgID").GetString());
    }

    [Fact]
    public void A_release_points_every_function_at_that_release_s_package()
    {
        var outdir = Path.Combine(Platform.Directory, "release");
        var result = Synthesis.StackSetTemplates.Synthesize(Infra.FleetApp.Create(outdir, "0123abcd"));

        foreach (var path in result.Templates)
        {
            var service = Path.GetFileName(path).Replace(".template.json", string.Empty, StringComparison.Ordinal);
            using var template = JsonDocument.Parse(File.ReadAllText(path));
            var keys = template.RootElement.Resources("AWS::Lambda::Function").Select(f => f.Properties.GetProperty("Code").GetProperty("S3Key").GetString()).Distinct().ToList();
            Assert.Equal([ReleaseArtifacts.PackageKey(service, "0123abcd", "arm64")], keys);
        }
    }
}
