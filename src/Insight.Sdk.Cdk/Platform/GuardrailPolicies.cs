using System.Globalization;
using System.Text.Json.Nodes;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>One Organizations policy: its name, what it is for, its type and its document (minified JSON).</summary>
public sealed record GuardrailPolicy(string Name, string Description, string Type, string Document);

/// <summary>
/// The organization's guardrails as Organizations policy documents, written once and attached to the tenants unit so
/// every tenant account is held to them from the moment it is created. Plain documents (no CloudFormation tokens), so
/// their size is known before anything is deployed.
/// </summary>
public static class GuardrailPolicies
{
    /// <summary>The largest service control policy Organizations accepts, in characters (Quotas for AWS Organizations).</summary>
    public const int MaxServiceControlPolicyCharacters = 5_120;

    /// <summary>The largest tag policy Organizations accepts, in characters (Quotas for AWS Organizations).</summary>
    public const int MaxTagPolicyCharacters = 10_000;

    /// <summary>Policy type of service control policies.</summary>
    public const string ServiceControlPolicy = "SERVICE_CONTROL_POLICY";

    /// <summary>Policy type of tag policies.</summary>
    public const string TagPolicy = "TAG_POLICY";

    /// <summary>The service control policy with the tenant guardrails that do not grow with the settings.</summary>
    public const string TenantGuardrailsPolicy = "insight-tenant-guardrails";

    /// <summary>The service control policy that keeps tenant accounts in the allowed regions.</summary>
    public const string AllowedRegionsPolicy = "insight-allowed-regions";

    /// <summary>The service control policy Organizations attaches to every root, unit and account unless it is replaced.</summary>
    public const string FullAwsAccess = "FullAWSAccess";

    /// <summary>At most this many service control policies may be attached to one root, unit or account (Quotas for AWS Organizations).</summary>
    public const int MaxServiceControlPoliciesPerTarget = 5;

    /// <summary>At most this many tag policies may be attached to one root, unit or account (Quotas for AWS Organizations).</summary>
    public const int MaxTagPoliciesPerTarget = 10;

    /// <summary>The tag key every tenant resource and account carries, with the tenant id as its value.</summary>
    public const string TenantTagKey = "tenant";

    // Services without regional endpoints, or whose calls land in us-east-1 whatever the caller's region; denying them
    // outside the allowed regions would break IAM, Organizations, billing and support.
    private static readonly string[] GlobalServiceActions =
    [
        "account:*", "aws-portal:*", "budgets:*", "ce:*", "cloudfront:*", "cur:*", "globalaccelerator:*", "health:*",
        "iam:*", "organizations:*", "pricing:*", "route53:*", "route53domains:*", "shield:*", "sts:*", "support:*",
        "trustedadvisor:*", "waf:*", "wafv2:*", "ec2:DescribeRegions", "s3:ListAllMyBuckets", "s3:GetAccountPublic*",
        "s3:PutAccountPublic*",
    ];

    private static readonly string[] AuditTrailActions =
    [
        "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
        "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
        "config:DeleteRetentionConfiguration",
    ];

    private static readonly string[] RoleChangeActions =
    [
        "iam:AttachRolePolicy", "iam:CreateRole", "iam:DeleteRole", "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy",
        "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:TagRole", "iam:UntagRole",
    ];

    /// <summary>
    /// The service control policies, two so that with Organizations' default <c>FullAWSAccess</c> three of the five a
    /// target may carry are used: <see cref="TenantGuardrailsPolicy"/> (no leaving the organization; no stopping or
    /// deleting CloudTrail and Config; no IAM users or access keys; no changes to platform roles except by the platform
    /// role) and <see cref="AllowedRegionsPolicy"/> (no region outside <see cref="PlatformSettings.AllowedRegions"/>,
    /// global services excepted), which grows with the region list and so stands alone.
    /// </summary>
    public static IReadOnlyList<GuardrailPolicy> ServiceControlPolicies(PlatformSettings settings)
    {
        var platformRole = $"arn:aws:iam::*:role/{settings.PlatformRoleName}";
        var exceptPlatformRole = Condition("ArnNotLike", "aws:PrincipalArn", platformRole);
        return
        [
            Scp(
                TenantGuardrailsPolicy,
                $"Tenant accounts stay in the organization, keep their audit trail, have no IAM users, and leave {settings.PlatformRolePrefix}* roles to {settings.PlatformRoleName}.",
                Deny("DenyLeaveOrganization", ["organizations:LeaveOrganization"]),
                Deny("ProtectCloudTrailAndConfig", AuditTrailActions, condition: exceptPlatformRole),
                Deny("DenyIamUsersAndAccessKeys", ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"]),
                Deny(
                    "ProtectPlatformRoles",
                    RoleChangeActions,
                    resource: $"arn:aws:iam::*:role/{settings.PlatformRolePrefix}*",
                    condition: exceptPlatformRole)),
            Scp(
                AllowedRegionsPolicy,
                "Regional services only in the allowed regions; global services are exempt.",
                DenyOutsideRegions(settings.AllowedRegions, exceptPlatformRole)),
        ];
    }

    /// <summary>
    /// The tag policy: the <see cref="TenantTagKey"/> key is spelled one way everywhere, so cost and inventory reports
    /// group by tenant. (Tag policies standardize keys and values; they do not make a tag mandatory.)
    /// </summary>
    public static GuardrailPolicy TenantTagPolicy()
    {
        var document = new JsonObject
        {
            ["tags"] = new JsonObject
            {
                [TenantTagKey] = new JsonObject { ["tag_key"] = new JsonObject { ["@@assign"] = TenantTagKey } },
            },
        };
        return new GuardrailPolicy("insight-tenant-tag", $"The {TenantTagKey} tag key, spelled one way in every account.", TagPolicy, document.ToJsonString());
    }

    /// <summary>
    /// The problems of attaching <paramref name="policies"/> to <paramref name="target"/>, where
    /// <paramref name="existingServiceControlPolicies"/> are attached already: every document over its type's size limit,
    /// and more policies of a type than Organizations lets one target carry. Each problem names the target and the quota.
    /// </summary>
    public static IReadOnlyList<string> TargetProblems(string target, IReadOnlyList<GuardrailPolicy> policies, IReadOnlyList<string> existingServiceControlPolicies)
    {
        var problems = new List<string>();
        foreach (var policy in policies)
        {
            var limit = policy.Type == ServiceControlPolicy ? MaxServiceControlPolicyCharacters : MaxTagPolicyCharacters;
            if (policy.Document.Length > limit)
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{target}: {policy.Name}: the policy document is {policy.Document.Length:N0} characters; AWS Organizations accepts at most {limit:N0} for a {policy.Type} (quota: maximum policy size). Split it or shorten its lists."));
            }
        }

        string[] scps = [.. existingServiceControlPolicies, .. policies.Where(p => p.Type == ServiceControlPolicy).Select(p => p.Name)];
        if (scps.Length > MaxServiceControlPoliciesPerTarget)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{target}: {scps.Length} service control policies would be attached ({string.Join(", ", scps)}); AWS Organizations allows at most {MaxServiceControlPoliciesPerTarget} per root, unit or account (quota: service control policies attached to a target), {FullAwsAccess} included. Merge guardrails into fewer policies."));
        }

        var tagPolicies = policies.Count(p => p.Type == TagPolicy);
        if (tagPolicies > MaxTagPoliciesPerTarget)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{target}: {tagPolicies} tag policies would be attached; AWS Organizations allows at most {MaxTagPoliciesPerTarget} per root, unit or account (quota: tag policies attached to a target)."));
        }

        return problems;
    }

    private static GuardrailPolicy Scp(string name, string description, params JsonObject[] statements) =>
        new(name, description, ServiceControlPolicy, new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray([.. statements]),
        }.ToJsonString());

    private static JsonObject Deny(string sid, IEnumerable<string> actions, string resource = "*", JsonObject? condition = null)
    {
        var statement = new JsonObject
        {
            ["Sid"] = sid,
            ["Effect"] = "Deny",
            ["Action"] = new JsonArray([.. actions.Select(a => JsonValue.Create(a))]),
            ["Resource"] = resource,
        };
        if (condition is not null)
        {
            statement["Condition"] = condition.DeepClone();
        }

        return statement;
    }

    private static JsonObject DenyOutsideRegions(IEnumerable<string> allowedRegions, JsonObject exceptPlatformRole)
    {
        var condition = Condition("StringNotEquals", "aws:RequestedRegion", [.. allowedRegions]);
        foreach (var (key, value) in exceptPlatformRole)
        {
            condition[key] = value!.DeepClone();
        }

        return new JsonObject
        {
            ["Sid"] = "DenyOutsideAllowedRegions",
            ["Effect"] = "Deny",
            ["NotAction"] = new JsonArray([.. GlobalServiceActions.Select(a => JsonValue.Create(a))]),
            ["Resource"] = "*",
            ["Condition"] = condition,
        };
    }

    private static JsonObject Condition(string test, string key, params string[] values) => new()
    {
        [test] = new JsonObject { [key] = values.Length == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => JsonValue.Create(v))]) },
    };
}
