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
    /// The service control policies: no leaving the organization; no stopping or deleting CloudTrail and Config; no
    /// region outside <see cref="PlatformSettings.AllowedRegions"/> (global services excepted); no IAM users or access
    /// keys; no changes to platform roles except by the platform role.
    /// </summary>
    public static IReadOnlyList<GuardrailPolicy> ServiceControlPolicies(PlatformSettings settings)
    {
        var platformRole = $"arn:aws:iam::*:role/{settings.PlatformRoleName}";
        var exceptPlatformRole = Condition("ArnNotLike", "aws:PrincipalArn", platformRole);
        return
        [
            Scp(
                "insight-deny-leaving-organization",
                "Tenant accounts cannot leave the organization (and with it every guardrail).",
                Deny("DenyLeaveOrganization", ["organizations:LeaveOrganization"])),
            Scp(
                "insight-protect-audit-trail",
                "Nobody but the platform role stops or deletes CloudTrail trails and AWS Config recording.",
                Deny("ProtectCloudTrailAndConfig", AuditTrailActions, condition: exceptPlatformRole)),
            Scp(
                "insight-allowed-regions",
                "Regional services only in the allowed regions; global services are exempt.",
                DenyOutsideRegions(settings.AllowedRegions, exceptPlatformRole)),
            Scp(
                "insight-deny-iam-users",
                "No IAM users and no long-lived access keys: people sign in through roles.",
                Deny("DenyIamUsersAndAccessKeys", ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"])),
            Scp(
                "insight-protect-platform-roles",
                $"Roles named {settings.PlatformRolePrefix}* change only through {settings.PlatformRoleName}.",
                Deny(
                    "ProtectPlatformRoles",
                    RoleChangeActions,
                    resource: $"arn:aws:iam::*:role/{settings.PlatformRolePrefix}*",
                    condition: exceptPlatformRole)),
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

    /// <summary>The problems of <paramref name="policies"/>: documents over their type's size limit, each named.</summary>
    public static IReadOnlyList<string> SizeProblems(IEnumerable<GuardrailPolicy> policies) =>
    [
        .. policies
            .Select(p => (Policy: p, Limit: p.Type == ServiceControlPolicy ? MaxServiceControlPolicyCharacters : MaxTagPolicyCharacters))
            .Where(p => p.Policy.Document.Length > p.Limit)
            .Select(p => string.Create(
                CultureInfo.InvariantCulture,
                $"{p.Policy.Name}: the policy document is {p.Policy.Document.Length:N0} characters; AWS Organizations accepts at most {p.Limit:N0} for a {p.Policy.Type}. Split it or shorten its lists.")),
    ];

    private static GuardrailPolicy Scp(string name, string description, JsonObject statement) =>
        new(name, description, ServiceControlPolicy, new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(statement),
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
