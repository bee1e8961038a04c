using System.Text.Json;
using Amazon.CDK;
using Insight.Sdk.Cdk.Platform;
using Insight.Sdk.Fleet;

namespace Insight.Sdk.Cdk.Tests.Platform;

[Collection(SynthCollection.Name)]
public sealed class GuardrailTests
{
    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    private static IReadOnlyList<GuardrailPolicy> Policies => GuardrailPolicies.ServiceControlPolicies(Platform.Settings);

    [Fact]
    public void Each_service_control_policy_is_valid_json_within_the_size_limit()
    {
        Assert.Equal([GuardrailPolicies.TenantGuardrailsPolicy, GuardrailPolicies.AllowedRegionsPolicy], Policies.Select(p => p.Name));
        foreach (var policy in Policies)
        {
            using var document = JsonDocument.Parse(policy.Document);
            Assert.Equal("2012-10-17", document.RootElement.GetProperty("Version").GetString());
            Assert.InRange(policy.Document.Length, 1, GuardrailPolicies.MaxServiceControlPolicyCharacters);
            Assert.All(document.RootElement.GetProperty("Statement").EnumerateArray(), s => Assert.Equal("Deny", s.GetProperty("Effect").GetString()));
        }

        Assert.Empty(GuardrailPolicies.TargetProblems("tenants", Policies, [GuardrailPolicies.FullAwsAccess]));
    }

    [Fact]
    public void The_policies_deny_what_the_platform_forbids()
    {
        JsonElement Statement(string sid) => Policies
            .SelectMany(p => JsonDocument.Parse(p.Document).RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.Clone()))
            .Single(s => s.GetProperty("Sid").GetString() == sid);
        static string[] Actions(JsonElement statement, string key = "Action") => [.. statement.GetProperty(key).EnumerateArray().Select(a => a.GetString()!)];

        Assert.Equal(["organizations:LeaveOrganization"], Actions(Statement("DenyLeaveOrganization")));

        var audit = Statement("ProtectCloudTrailAndConfig");
        Assert.Contains("cloudtrail:StopLogging", Actions(audit));
        Assert.Contains("cloudtrail:DeleteTrail", Actions(audit));
        Assert.Contains("config:StopConfigurationRecorder", Actions(audit));
        Assert.Contains("config:DeleteConfigurationRecorder", Actions(audit));

        var regions = Statement("DenyOutsideAllowedRegions");
        Assert.Equal(Platform.Settings.AllowedRegions, regions.GetProperty("Condition").GetProperty("StringNotEquals").GetProperty("aws:RequestedRegion").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("iam:*", Actions(regions, "NotAction"));
        Assert.Contains("organizations:*", Actions(regions, "NotAction"));
        Assert.Contains("sts:*", Actions(regions, "NotAction"));

        Assert.Equal(["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"], Actions(Statement("DenyIamUsersAndAccessKeys")));

        var roles = Statement("ProtectPlatformRoles");
        Assert.Equal($"arn:aws:iam::*:role/{Platform.Settings.PlatformRolePrefix}*", roles.GetProperty("Resource").GetString());
        Assert.Contains("iam:UpdateAssumeRolePolicy", Actions(roles));
        Assert.Equal($"arn:aws:iam::*:role/{Platform.Settings.PlatformRoleName}", roles.GetProperty("Condition").GetProperty("ArnNotLike").GetProperty("aws:PrincipalArn").GetString());
    }

    [Fact]
    public void Policies_are_attached_to_the_tenants_unit()
    {
        var policies = Platform.Template.Resources("AWS::Organizations::Policy").ToList();

        Assert.Equal(2, policies.Count(p => p.Properties.GetProperty("Type").GetString() == GuardrailPolicies.ServiceControlPolicy));
        var tag = Assert.Single(policies, p => p.Properties.GetProperty("Type").GetString() == GuardrailPolicies.TagPolicy).Properties;
        Assert.Equal(GuardrailPolicies.TenantTagKey, tag.GetProperty("Content").GetProperty("tags").GetProperty("tenant").GetProperty("tag_key").GetProperty("@@assign").GetString());
        foreach (var (_, policy) in policies)
        {
            Assert.Equal([Platform.Settings.TenantsOrganizationalUnitId], policy.GetProperty("TargetIds").EnumerateArray().Select(t => t.GetString()));

            // The document CloudFormation hands to Organizations is the one measured.
            var name = policy.GetProperty("Name").GetString();
            var measured = Policies.Concat([GuardrailPolicies.TenantTagPolicy()]).Single(p => p.Name == name).Document;
            Assert.Equal(measured, JsonSerializer.Serialize(policy.GetProperty("Content")));
        }
    }

    [Fact]
    public void An_oversized_policy_stops_the_synth_with_its_name()
    {
        var regions = Enumerable.Range(0, 400).Select(i => $"xx-region-{i}").ToList();
        var settings = Platform.Settings with { AllowedRegions = regions };

        var exception = Assert.Throws<GuardrailPolicyException>(() => new Guardrails(new Stack(new App(), "Oversized"), "Guardrails", settings));

        var problem = Assert.Single(exception.Problems);
        Assert.StartsWith($"{settings.TenantsOrganizationalUnitId} (tenants unit): insight-allowed-regions: the policy document is ", problem, StringComparison.Ordinal);
        Assert.Contains("5,120", problem, StringComparison.Ordinal);
        Assert.Contains("maximum policy size", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Scps_per_target_stay_within_five_counting_FullAWSAccess()
    {
        // The synthesized platform: per target, the policies attached by the stack plus those attached outside it.
        var attached = Platform.Template.Resources("AWS::Organizations::Policy")
            .Where(p => p.Properties.GetProperty("Type").GetString() == GuardrailPolicies.ServiceControlPolicy)
            .SelectMany(p => p.Properties.GetProperty("TargetIds").EnumerateArray().Select(t => t.GetString()!))
            .GroupBy(t => t);
        Assert.NotEmpty(attached);
        Assert.Contains(GuardrailPolicies.FullAwsAccess, Platform.Settings.ExistingServiceControlPolicies);
        foreach (var target in attached)
        {
            Assert.InRange(target.Count() + Platform.Settings.ExistingServiceControlPolicies.Count, 1, GuardrailPolicies.MaxServiceControlPoliciesPerTarget);
        }
    }

    [Fact]
    public void A_sixth_scp_on_the_tenants_unit_stops_the_synth_naming_the_unit_and_the_quota()
    {
        var settings = Platform.Settings with { ExistingServiceControlPolicies = ["FullAWSAccess", "org-a", "org-b", "org-c"] };

        var exception = Assert.Throws<GuardrailPolicyException>(() => new Guardrails(new Stack(new App(), "TooMany"), "Guardrails", settings));

        var problem = Assert.Single(exception.Problems);
        Assert.StartsWith($"{settings.TenantsOrganizationalUnitId} (tenants unit): 6 service control policies would be attached (FullAWSAccess, org-a, org-b, org-c, insight-tenant-guardrails, insight-allowed-regions)", problem, StringComparison.Ordinal);
        Assert.Contains("at most 5 per root, unit or account", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_name_every_problem_at_once()
    {
        var settings = Platform.Settings with
        {
            OrganizationId = "org-1",
            CallAs = "ADMIN",
            Rollout = new RolloutPreferences { MaxConcurrentPercentage = 0 },
            DeploymentRegions = ["eu-central-1", "ap-southeast-2"],
            Source = new PipelineSource { Branch = "main" },
        };

        var problems = Assert.Throws<PlatformSettingsException>(settings.Validate).Problems;

        Assert.Contains(problems, p => p.StartsWith("organizationId org-1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("callAs is ADMIN", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("rollout.maxConcurrentPercentage is 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("deployment region ap-southeast-2 is not in allowedRegions", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("deployment region ap-southeast-2 is not the home region", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("source needs exactly one", StringComparison.Ordinal));
    }
}
