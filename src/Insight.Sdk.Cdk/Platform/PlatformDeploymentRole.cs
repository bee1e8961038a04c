using Amazon.CDK.AWS.IAM;
using Constructs;
using CdkAws = Amazon.CDK.Aws;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// The role CloudFormation assumes when the pipeline's roll-out deploys the platform stack: it may create, change and
/// delete exactly the kinds of resource the platform stack holds, named the way CloudFormation names that stack's
/// resources where the service allows it, and nothing else — no <c>*</c> action, no other stack, no other account.
/// </summary>
/// <remarks>
/// The role belongs to the stack it deploys, so a change to it is reviewed in the repository like any other, and an
/// administrator deploys the platform stack the first time. Physical names CloudFormation generates start with the
/// stack's name (roles, topics, log groups) or its lower-cased name (buckets); state machines, build projects and keys
/// get generated names that do not, so those grants are scoped to this account and region.
/// </remarks>
public class PlatformDeploymentRole : Construct
{
    /// <summary>Creates the role, trusted by CloudFormation only.</summary>
    public PlatformDeploymentRole(Construct scope, string id, PlatformSettings settings)
        : base(scope, id)
    {
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("cloudformation.amazonaws.com"),
            Description = $"CloudFormation deploys {settings.StackName} with this role (the release pipeline's roll-out).",
        });
        foreach (var statement in Statements(settings))
        {
            Role.AddToPolicy(statement);
        }
    }

    /// <summary>The role.</summary>
    public Role Role { get; }

    /// <summary>What the role may do, one statement per kind of resource in the platform stack.</summary>
    public static IEnumerable<PolicyStatement> Statements(PlatformSettings settings)
    {
        var partition = CdkAws.PARTITION;
        var region = CdkAws.REGION;
        var account = CdkAws.ACCOUNT_ID;
        var stack = settings.StackName;
        var stackRoles = $"arn:{partition}:iam::{account}:role/{stack}-*";

        yield return Allow(
            "StackRoles",
            [
                "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy",
                "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
                "iam:TagRole", "iam:UntagRole",
            ],
            [stackRoles]);
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PassStackRoles",
            Actions = ["iam:PassRole"],
            Resources = [stackRoles],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["iam:PassedToService"] = new[] { "states.amazonaws.com", "codebuild.amazonaws.com", "codepipeline.amazonaws.com" },
                },
            },
        });
        yield return Allow(
            "Buckets",
            [
                "s3:CreateBucket", "s3:DeleteBucket", "s3:GetBucketLocation", "s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
                "s3:GetBucketVersioning", "s3:PutBucketVersioning", "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration",
                "s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock", "s3:GetBucketTagging", "s3:PutBucketTagging",
                "s3:GetBucketOwnershipControls", "s3:PutBucketOwnershipControls",
            ],
            [$"arn:{partition}:s3:::{stack.ToLowerInvariant()}-*"]);

        // The stack sets' templates are read by CloudFormation as the caller.
        yield return Allow("ReleaseTemplates", ["s3:GetObject"], [$"arn:{partition}:s3:::{stack.ToLowerInvariant()}-*/releases/*"]);
        yield return Allow(
            "Topics",
            ["sns:CreateTopic", "sns:DeleteTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:TagResource", "sns:UntagResource", "sns:ListTagsForResource"],
            [$"arn:{partition}:sns:{region}:{account}:{stack}-*"]);
        yield return Allow("CreateTopicKey", ["kms:CreateKey"], ["*"]);
        yield return Allow(
            "TopicKey",
            [
                "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:GetKeyRotationStatus",
                "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:ListResourceTags",
            ],
            [$"arn:{partition}:kms:{region}:{account}:key/*"]);
        yield return Allow(
            "Registry",
            [
                "dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:DescribeTable", "dynamodb:UpdateTable", "dynamodb:DescribeContinuousBackups",
                "dynamodb:UpdateContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:TagResource", "dynamodb:UntagResource", "dynamodb:ListTagsOfResource",
            ],
            [$"arn:{partition}:dynamodb:{region}:{account}:table/{settings.RegistryTableName}"]);
        yield return Allow(
            "LogGroups",
            ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:TagResource", "logs:UntagResource", "logs:ListTagsForResource"],
            [$"arn:{partition}:logs:{region}:{account}:log-group:{stack}-*"]);

        // A state machine that logs needs its creator to set up the log delivery; these actions take no resource.
        yield return Allow(
            "StateMachineLogDelivery",
            [
                "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
                "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
            ],
            ["*"]);
        yield return Allow(
            "StateMachines",
            ["states:CreateStateMachine", "states:UpdateStateMachine", "states:DeleteStateMachine", "states:DescribeStateMachine", "states:TagResource", "states:UntagResource", "states:ListTagsForResource"],
            [$"arn:{partition}:states:{region}:{account}:stateMachine:*"]);
        yield return Allow(
            "BuildProjects",
            ["codebuild:CreateProject", "codebuild:UpdateProject", "codebuild:DeleteProject", "codebuild:BatchGetProjects"],
            [$"arn:{partition}:codebuild:{region}:{account}:project/*"]);
        yield return Allow(
            "Pipeline",
            ["codepipeline:CreatePipeline", "codepipeline:UpdatePipeline", "codepipeline:DeletePipeline", "codepipeline:GetPipeline", "codepipeline:TagResource", "codepipeline:UntagResource", "codepipeline:ListTagsForResource"],
            [$"arn:{partition}:codepipeline:{region}:{account}:{stack}-release"]);
        if (settings.Source.ConnectionArn is { } connection)
        {
            yield return Allow("SourceConnection", ["codestar-connections:PassConnection", "codeconnections:PassConnection"], [connection]);
        }

        yield return Allow("StackSets", [.. StackSetActions], ServiceStackSets.IamResources(settings));
        if (settings.CallAs == "DELEGATED_ADMIN")
        {
            // StackSets checks that a delegated administrator really is one; the action takes no resource.
            yield return Allow("DelegatedAdministrator", ["organizations:ListDelegatedAdministrators"], ["*"]);
        }

        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CreateGuardrailPolicies",
            Actions = ["organizations:CreatePolicy"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["organizations:PolicyType"] = new[] { GuardrailPolicies.ServiceControlPolicy, GuardrailPolicies.TagPolicy },
                },
            },
        });
        yield return Allow(
            "GuardrailPolicies",
            [
                "organizations:DescribePolicy", "organizations:UpdatePolicy", "organizations:DeletePolicy", "organizations:AttachPolicy",
                "organizations:DetachPolicy", "organizations:ListTargetsForPolicy", "organizations:TagResource", "organizations:UntagResource",
                "organizations:ListTagsForResource",
            ],
            [
                $"arn:{partition}:organizations::*:policy/{settings.OrganizationId}/*",
                $"arn:{partition}:organizations::*:ou/{settings.OrganizationId}/{settings.TenantsOrganizationalUnitId}",
            ]);

        // The CDK's bootstrap version parameter is resolved by CloudFormation as the caller.
        yield return Allow("BootstrapVersion", ["ssm:GetParameters"], [$"arn:{partition}:ssm:{region}:{account}:parameter/cdk-bootstrap/*"]);
    }

    /// <summary>What the platform stack does to its stack sets and their instances.</summary>
    public static IReadOnlyList<string> StackSetActions { get; } =
    [
        "cloudformation:CreateStackSet", "cloudformation:UpdateStackSet", "cloudformation:DeleteStackSet", "cloudformation:DescribeStackSet",
        "cloudformation:DescribeStackSetOperation", "cloudformation:ListStackInstances", "cloudformation:ListStackSetOperations",
        "cloudformation:CreateStackInstances", "cloudformation:UpdateStackInstances", "cloudformation:DeleteStackInstances",
        "cloudformation:TagResource", "cloudformation:UntagResource",
    ];

    private static PolicyStatement Allow(string sid, string[] actions, IReadOnlyList<string> resources) => new(new PolicyStatementProps
    {
        Sid = sid,
        Effect = Effect.ALLOW,
        Actions = actions,
        Resources = [.. resources],
    });
}
