using System.Text.Json;
using Insight.Sdk.Cdk.Platform;

namespace Insight.Sdk.Cdk.Tests.Platform;

/// <summary>What every synthesized template grants, and what the platform encrypts.</summary>
[Collection(SynthCollection.Name)]
public sealed class LeastPrivilegeTests(SynthesizedFleet fleet)
{
    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    /// <summary>The platform template and every service template of the sample infrastructure app.</summary>
    private IEnumerable<(string Template, JsonElement Root)> Templates() =>
        [("platform", Platform.Template), .. fleet.Result.Templates.Select(t => (Path.GetFileName(t), JsonDocument.Parse(File.ReadAllText(t)).RootElement.Clone()))];

    /// <summary>Every policy statement anywhere in a template: role policies, resource policies, key policies.</summary>
    private static IEnumerable<(string Resource, JsonElement Statement)> Statements(JsonElement template)
    {
        foreach (var resource in template.GetProperty("Resources").EnumerateObject())
        {
            foreach (var statement in Find(resource.Value))
            {
                yield return (resource.Name, statement);
            }
        }

        static IEnumerable<JsonElement> Find(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                if (value.TryGetProperty("Statement", out var statements) && statements.ValueKind == JsonValueKind.Array)
                {
                    foreach (var statement in statements.EnumerateArray())
                    {
                        yield return statement;
                    }
                }

                foreach (var inner in value.EnumerateObject().SelectMany(p => Find(p.Value)))
                {
                    yield return inner;
                }
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var inner in value.EnumerateArray().SelectMany(Find))
                {
                    yield return inner;
                }
            }
        }
    }

    [Fact]
    public void No_allow_statement_in_any_template_has_the_action_star()
    {
        var templates = Templates().ToList();
        Assert.True(templates.Count >= 2);
        var checkedStatements = 0;
        foreach (var (template, root) in templates)
        {
            foreach (var (resource, statement) in Statements(root).Where(s => s.Statement.GetProperty("Effect").GetString() == "Allow"))
            {
                checkedStatements++;
                Assert.False(statement.TryGetProperty("NotAction", out _), $"{template}/{resource} allows with NotAction");
                var actions = statement.GetProperty("Action").Items().Select(a => a.GetString()).ToList();
                Assert.DoesNotContain("*", actions);
            }
        }

        Assert.True(checkedStatements > 50);
    }

    [Fact]
    public void The_pipeline_deploys_through_a_cloudformation_role_without_administrator_rights()
    {
        var pipeline = Platform.Template.Resources("AWS::CodePipeline::Pipeline").Single().Properties;
        var rollout = pipeline.GetProperty("Stages").EnumerateArray().Single(s => s.GetProperty("Name").GetString() == "RollOut").GetProperty("Actions")[0];
        var role = rollout.GetProperty("Configuration").GetProperty("RoleArn").Target()!;
        Assert.StartsWith("ReleaseDeploymentRole", role, StringComparison.Ordinal);
        Assert.Equal(
            "cloudformation.amazonaws.com",
            Platform.Template.Resource(role).GetProperty("Properties").GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0].GetProperty("Principal").GetProperty("Service").GetString());

        var statements = Platform.Template.Resources("AWS::IAM::Policy")
            .Where(p => p.Properties.GetProperty("Roles").EnumerateArray().Any(r => r.Target() == role))
            .SelectMany(p => p.Properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            .ToDictionary(s => s.GetProperty("Sid").GetString()!);
        Assert.Contains("StackSets", statements.Keys);
        Assert.Contains("GuardrailPolicies", statements.Keys);

        // Roles only under the stack's own name, and passed only to the services that run them.
        var roles = SynthesizedPlatform.Text(statements["StackRoles"].GetProperty("Resource"));
        Assert.EndsWith($":role/{Platform.Settings.StackName}-*", roles, StringComparison.Ordinal);
        Assert.Equal(
            ["states.amazonaws.com", "codebuild.amazonaws.com", "codepipeline.amazonaws.com"],
            statements["PassStackRoles"].GetProperty("Condition").GetProperty("StringEquals").GetProperty("iam:PassedToService").EnumerateArray().Select(s => s.GetString()));
        Assert.All(statements.Values, s => Assert.DoesNotContain(s.GetProperty("Action").Items(), a => a.GetString()!.EndsWith(":*", StringComparison.Ordinal)));
    }

    [Fact]
    public void Stack_instance_actions_are_granted_on_the_stackset_target_and_type_arns()
    {
        var instanceActions = new[] { "cloudformation:CreateStackInstances", "cloudformation:UpdateStackInstances", "cloudformation:UpdateStackSet" };
        var grants = Statements(Platform.Template)
            .Where(s => s.Statement.GetProperty("Effect").GetString() == "Allow")
            .Where(s => s.Statement.GetProperty("Action").Items().Any(a => instanceActions.Contains(a.GetString(), StringComparer.OrdinalIgnoreCase)))
            .ToList();

        // Vending (create and update instances), the retry step (update the stack set) and the deployment role.
        Assert.Contains(grants, g => g.Resource.StartsWith("AccountVending", StringComparison.Ordinal));
        Assert.Contains(grants, g => g.Resource.StartsWith("ReleaseRetryFailedInstances", StringComparison.Ordinal));
        Assert.Contains(grants, g => g.Resource.StartsWith("ReleaseDeploymentRole", StringComparison.Ordinal));
        foreach (var (resource, statement) in grants)
        {
            var arns = statement.GetProperty("Resource").Items().Select(SynthesizedPlatform.Text).ToList();
            Assert.Contains(arns, a => a.Contains($":stackset/{Platform.Settings.StackSetNamePrefix}*", StringComparison.Ordinal));
            Assert.Contains(arns, a => a.Contains($":stackset-target/{Platform.Settings.StackSetNamePrefix}*", StringComparison.Ordinal));
            Assert.Contains(arns, a => a.EndsWith(":cloudformation:*:*:type/resource/AWS-*", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Topics_are_encrypted_with_a_key_cloudwatch_can_use_from_members_and_the_monitoring_account()
    {
        var topics = Platform.Template.Resources("AWS::SNS::Topic").ToList();
        Assert.Equal(2, topics.Count);
        var keys = topics.Select(t => t.Properties.GetProperty("KmsMasterKeyId").Target()).Distinct().ToList();
        var keyId = Assert.Single(keys)!;
        var key = Platform.Template.Resource(keyId).GetProperty("Properties");
        Assert.Equal("AWS::KMS::Key", Platform.Template.Resource(keyId).GetProperty("Type").GetString());
        Assert.True(key.GetProperty("EnableKeyRotation").GetBoolean());

        var statements = key.GetProperty("KeyPolicy").GetProperty("Statement").EnumerateArray().Where(s => s.TryGetProperty("Sid", out _)).ToDictionary(s => s.GetProperty("Sid").GetString()!);
        var members = statements["MemberAccountAlarmsPublish"];
        Assert.Equal("cloudwatch.amazonaws.com", members.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal(Platform.Settings.OrganizationId, members.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:SourceOrgID").GetString());
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey*"], members.GetProperty("Action").Items().Select(a => a.GetString()));
        var monitoring = statements["MonitoringAccountAlarmsPublish"];
        Assert.Equal("cloudwatch.amazonaws.com", monitoring.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("AWS::AccountId", monitoring.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:SourceAccount").GetProperty("Ref").GetString());
        var organization = statements["OrganizationPublishesThroughSns"].GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal(Platform.Settings.OrganizationId, organization.GetProperty("aws:PrincipalOrgID").GetString());
        Assert.Contains("sns.", SynthesizedPlatform.Text(organization.GetProperty("kms:ViaService")), StringComparison.Ordinal);

        // Whoever publishes to the platform events topic in this account may use the key: vending and the approval.
        var keyGrants = Platform.Template.Resources("AWS::IAM::Policy")
            .Where(p => p.Properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
                .Any(s => s.GetProperty("Action").Items().Any(a => a.GetString() == "kms:GenerateDataKey*") && s.GetProperty("Resource").Target() == keyId))
            .Select(p => p.Id)
            .ToList();
        Assert.Contains(keyGrants, id => id.StartsWith("AccountVendingStateMachineRole", StringComparison.Ordinal));
        Assert.Contains(keyGrants, id => id.StartsWith("ReleaseApprovalRole", StringComparison.Ordinal));
    }
}
