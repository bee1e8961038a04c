using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.CodeBuild;
using Amazon.CDK.AWS.CodePipeline;
using IStageProps = Amazon.CDK.AWS.CodePipeline.IStageProps;
using StageProps = Amazon.CDK.AWS.CodePipeline.StageProps;
using Amazon.CDK.AWS.CodePipeline.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SNS;
using Constructs;
using CdkAws = Amazon.CDK.Aws;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// The one pipeline from the monorepo to every tenant account: test, publish each service natively for linux-arm64,
/// synthesize, (approve,) roll out by deploying the platform stack with the new release — which updates every service's
/// stack set — and finally retry the stack instances that failed within the failure tolerance.
/// </summary>
/// <remarks>
/// Partial failure, by design: each stack set operation runs with the rollout's failure tolerance. Failures within the
/// tolerance let the operation succeed with those instances marked FAILED; the <c>RetryFailedInstances</c> action then
/// re-runs exactly them as a new operation of the stack set itself (<c>update-stack-set</c> with the previous template
/// and parameters, restricted to the failed accounts), which keeps each instance's overrides and touches no other
/// instance, up to <see cref="Insight.Sdk.Fleet.RolloutPreferences.RetryRounds"/> times, and fails the pipeline naming what is still
/// failed. Failures beyond the tolerance stop the operation (and, with sequential regions, every later region); the
/// platform stack's update then fails and CloudFormation rolls the stack sets back to the previous release.
/// </remarks>
public class ReleasePipeline : Construct
{
    /// <summary>The pipeline's stage names, in order.</summary>
    public static IReadOnlyList<string> StageNames(bool approval) =>
        approval ? ["Source", "BuildAndTest", "Publish", "Synth", "Approve", "RollOut", "RetryFailedInstances"]
                 : ["Source", "BuildAndTest", "Publish", "Synth", "RollOut", "RetryFailedInstances"];

    private readonly PlatformSettings _settings;

    /// <summary>Creates the pipeline and its CodeBuild projects.</summary>
    public ReleasePipeline(
        Construct scope,
        string id,
        PlatformSettings settings,
        IReadOnlyList<PlatformService> services,
        IBucket artifactBucket,
        ServiceStackSets stackSets,
        ITopic notifications,
        TopicEncryptionKey notificationsKey)
        : base(scope, id)
    {
        _settings = settings;
        var sourceOutput = new Artifact_("Source");
        var synthOutput = new Artifact_("PlatformTemplate");
        var (sourceAction, release) = Source(sourceOutput);

        var test = Project("BuildAndTest", "Builds the solution and runs every test (bash .ci/run).", ["bash .ci/run"], Duration.Minutes(90));
        var publish = Project("Publish", "Publishes each service natively for linux-arm64 and uploads its bootstrap package.", [.. PublishCommands(services)], Duration.Minutes(60));
        var synth = Project("Synth", "Synthesizes every template and uploads the service templates for their stack sets.", [.. SynthCommands(services)], Duration.Minutes(30), new Dictionary<string, object>
        {
            ["base-directory"] = $"{CdkOutDirectory}/platform",
            ["files"] = new[] { "**/*" },
        });
        var retry = Project("RetryFailedInstances", "Re-runs stack instances that failed within the failure tolerance.", [RetryScript], Duration.Hours(8), installDotnet: false);
        artifactBucket.GrantReadWrite(publish);
        artifactBucket.GrantReadWrite(synth);
        foreach (var region in settings.OtherRegions.Values)
        {
            publish.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["s3:PutObject"],
                Resources = [$"arn:{CdkAws.PARTITION}:s3:::{region.ArtifactBucket}/*"],
            }));
        }

        GrantStackSetRetries(retry);

        var environment = new Dictionary<string, IBuildEnvironmentVariable>
        {
            [ReleaseArtifacts.ReleaseVariable] = new BuildEnvironmentVariable { Value = release },
            ["ARTIFACT_BUCKET"] = new BuildEnvironmentVariable { Value = artifactBucket.BucketName },
        };
        var retryEnvironment = new Dictionary<string, IBuildEnvironmentVariable>
        {
            ["STACK_SETS"] = new BuildEnvironmentVariable { Value = string.Join(' ', services.Select(s => settings.StackSetName(s.Name))) },
            ["REGIONS"] = new BuildEnvironmentVariable { Value = string.Join(' ', stackSets.Regions) },
            ["TENANTS_OU"] = new BuildEnvironmentVariable { Value = settings.TenantsOrganizationalUnitId },
            ["CALL_AS"] = new BuildEnvironmentVariable { Value = settings.CallAs },
            ["RETRY_ROUNDS"] = new BuildEnvironmentVariable { Value = settings.Rollout.RetryRounds.ToString(CultureInfo.InvariantCulture) },
            ["PARAMETERS"] = new BuildEnvironmentVariable { Value = string.Join(' ', ServiceStackSets.ParameterNames) },
        };

        DeploymentRole = new PlatformDeploymentRole(this, "DeploymentRole", settings);
        var stages = new List<IStageProps>
        {
            new StageProps { StageName = "Source", Actions = [sourceAction] },
            new StageProps { StageName = "BuildAndTest", Actions = [Build("Test", test, sourceOutput, environment)] },
            new StageProps { StageName = "Publish", Actions = [Build("PublishArm64", publish, sourceOutput, environment)] },
            new StageProps { StageName = "Synth", Actions = [Build("Synthesize", synth, sourceOutput, environment, synthOutput)] },
        };
        if (settings.RequireApproval)
        {
            // The approval request is published with the action's role, which needs the topic's key as well.
            var approvalRole = new Role(this, "ApprovalRole", new RoleProps { AssumedBy = new AccountRootPrincipal() });
            notificationsKey.GrantPublish(approvalRole);
            stages.Add(new StageProps
            {
                StageName = "Approve",
                Actions =
                [
                    new ManualApprovalAction(new ManualApprovalActionProps
                    {
                        ActionName = "ApproveRollout",
                        NotificationTopic = notifications,
                        Role = approvalRole,
                        AdditionalInformation = $"Release {release} rolls out to every account of {settings.TenantsOrganizationalUnitId}. `insight fleet plan` estimates how long it takes.",
                    }),
                ],
            });
        }

        stages.Add(new StageProps
        {
            StageName = "RollOut",
            Actions =
            [
                new CloudFormationCreateUpdateStackAction(new CloudFormationCreateUpdateStackActionProps
                {
                    ActionName = "UpdateStackSets",
                    StackName = settings.StackName,
                    TemplatePath = synthOutput.AtPath($"{settings.StackName}.template.json"),

                    // CloudFormation deploys with a role scoped to what the platform stack holds, not administrator rights.
                    AdminPermissions = false,
                    DeploymentRole = DeploymentRole.Role,
                    CfnCapabilities = [CfnCapabilities.NAMED_IAM],
                    ParameterOverrides = new Dictionary<string, object> { [PlatformStack.ReleaseParameterName] = release },
                }),
            ],
        });
        stages.Add(new StageProps { StageName = "RetryFailedInstances", Actions = [Build("RetryFailedInstances", retry, sourceOutput, retryEnvironment)] });

        Pipeline = new Pipeline(this, "Pipeline", new PipelineProps
        {
            PipelineName = $"{settings.StackName}-release",
            PipelineType = PipelineType.V2,

            // Every action runs in this account: no cross-account KMS key for the pipeline's artifacts.
            CrossAccountKeys = false,
            Stages = [.. stages],
        });
    }

    /// <summary>The folder the synth stage writes the templates to, relative to the source root.</summary>
    public const string CdkOutDirectory = "cdk.out";

    /// <summary>
    /// The retry step's script. For every stack set it lists the instances whose last operation failed, starts one
    /// operation over exactly those accounts (previous template, previous parameter values, so overrides stay), waits
    /// for all, and repeats up to <c>RETRY_ROUNDS</c> times; it exits non-zero naming whatever is still failed.
    /// </summary>
    public const string RetryScript = """
        set -euo pipefail
        failed_accounts() {
          aws cloudformation list-stack-instances --stack-set-name "$1" --call-as "$CALL_AS" \
            --filters Name=DETAILED_STATUS,Values=FAILED --query 'Summaries[].Account' --output text \
            | tr '\t' '\n' | grep -E '^[0-9]{12}$' | sort -u | paste -sd, - || true
        }
        wait_for() {
          while true; do
            status=$(aws cloudformation describe-stack-set-operation --stack-set-name "$1" --operation-id "$2" \
              --call-as "$CALL_AS" --query StackSetOperation.Status --output text)
            case "$status" in
              SUCCEEDED|FAILED|STOPPED) echo "$1: retry operation $2 $status"; return 0 ;;
              *) sleep 30 ;;
            esac
          done
        }
        parameters=""
        for name in $PARAMETERS; do parameters="$parameters ParameterKey=$name,UsePreviousValue=true"; done
        for round in $(seq 1 "$RETRY_ROUNDS"); do
          started=""
          for stack_set in $STACK_SETS; do
            accounts=$(failed_accounts "$stack_set")
            [ -z "$accounts" ] && continue
            echo "$stack_set: retrying the failed instances of accounts $accounts (round $round of $RETRY_ROUNDS)"
            operation=$(aws cloudformation update-stack-set --stack-set-name "$stack_set" --call-as "$CALL_AS" \
              --use-previous-template --parameters $parameters --capabilities CAPABILITY_IAM \
              --deployment-targets "OrganizationalUnitIds=$TENANTS_OU,Accounts=$accounts,AccountFilterType=INTERSECTION" \
              --regions $REGIONS \
              --operation-preferences "ConcurrencyMode=SOFT_FAILURE_TOLERANCE,MaxConcurrentPercentage=100,FailureTolerancePercentage=100" \
              --query OperationId --output text)
            started="$started $stack_set:$operation"
          done
          [ -z "$started" ] && break
          for entry in $started; do wait_for "${entry%%:*}" "${entry#*:}"; done
        done
        remaining=0
        for stack_set in $STACK_SETS; do
          accounts=$(failed_accounts "$stack_set")
          if [ -n "$accounts" ]; then
            echo "$stack_set: still failed in accounts $accounts; list-stack-instances shows each status reason."
            remaining=1
          fi
        done
        exit $remaining
        """;

    /// <summary>The pipeline.</summary>
    public Pipeline Pipeline { get; }

    /// <summary>The role CloudFormation deploys the platform stack with in the roll-out.</summary>
    public PlatformDeploymentRole DeploymentRole { get; }

    /// <summary>Installs clang, lld and the aarch64 GNU toolchain (the cross-compile's linker and sysroot) and zip, when missing.</summary>
    public const string CrossCompilePrerequisites =
        "command -v clang >/dev/null && command -v ld.lld >/dev/null && command -v aarch64-linux-gnu-gcc >/dev/null && command -v zip >/dev/null"
        + " || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu zip)";

    /// <summary>The commands that publish every service's arm64 bootstrap and upload it under the release's key.</summary>
    public IEnumerable<string> PublishCommands(IReadOnlyList<PlatformService> services)
    {
        // What the linux-arm64 native-AOT cross-compile needs, installed here so a team's monorepo needs no script of its own.
        yield return CrossCompilePrerequisites;
        foreach (var service in services)
        {
            var output = $"out/{service.Name}";
            var package = $"out/{service.Name}-arm64.zip";
            var key = ReleaseArtifacts.PackageKey(service.Name, "$" + ReleaseArtifacts.ReleaseVariable, "arm64");
            yield return $"dotnet publish {service.Project} -c Release -r linux-arm64 -p:PublishAot=true -p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld -o {output}";
            yield return $"(cd {output} && zip -q -j ../{service.Name}-arm64.zip bootstrap)";
            yield return $"aws s3 cp {package} \"s3://$ARTIFACT_BUCKET/{key}\"";
            foreach (var (region, resources) in _settings.OtherRegions)
            {
                yield return $"aws s3 cp {package} \"s3://{resources.ArtifactBucket}/{key}\" --region {region}";
            }
        }
    }

    /// <summary>The commands that synthesize every template for the release and upload each service's StackSet template.</summary>
    public IEnumerable<string> SynthCommands(IReadOnlyList<PlatformService> services)
    {
        yield return $"dotnet run --project {_settings.InfraProject} -c Release -- \"$CODEBUILD_SRC_DIR/{CdkOutDirectory}\"";
        foreach (var service in services)
        {
            var key = ReleaseArtifacts.TemplateKey(service.Name, "$" + ReleaseArtifacts.ReleaseVariable);
            yield return $"aws s3 cp {CdkOutDirectory}/{service.Name}.template.json \"s3://$ARTIFACT_BUCKET/{key}\"";
        }
    }

    private (IAction Action, string Release) Source(Artifact_ output)
    {
        var source = _settings.Source;
        if (source.ConnectionArn is not null)
        {
            var parts = source.Repository!.Split('/');
            var action = new CodeStarConnectionsSourceAction(new CodeStarConnectionsSourceActionProps
            {
                ActionName = "Monorepo",
                ConnectionArn = source.ConnectionArn,
                Owner = parts[0],
                Repo = parts[1],
                Branch = source.Branch,
                Output = output,
            });
            return (action, action.Variables.CommitId);
        }

        var commit = new CodeCommitSourceAction(new CodeCommitSourceActionProps
        {
            ActionName = "Monorepo",
            Repository = Amazon.CDK.AWS.CodeCommit.Repository.FromRepositoryName(this, "Repository", source.CodeCommitRepository!),
            Branch = source.Branch,
            Output = output,
        });
        return (commit, commit.Variables.CommitId);
    }

    private PipelineProject Project(string id, string description, string[] commands, Duration timeout, Dictionary<string, object>? artifacts = null, bool installDotnet = true)
    {
        var phases = new Dictionary<string, object>
        {
            ["build"] = new Dictionary<string, object> { ["commands"] = commands },
        };
        if (installDotnet && _settings.BuildImage is null)
        {
            // CodeBuild's standard image has no .NET 10 SDK; Microsoft's install script puts one on the path.
            phases["install"] = new Dictionary<string, object>
            {
                ["commands"] = new[]
                {
                    "curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh",
                    "bash /tmp/dotnet-install.sh --channel 10.0 --install-dir /usr/local/dotnet10",
                    "export PATH=/usr/local/dotnet10:$PATH DOTNET_ROOT=/usr/local/dotnet10",
                },
            };
        }

        var spec = new Dictionary<string, object>
        {
            ["version"] = "0.2",
            ["env"] = new Dictionary<string, object>
            {
                ["shell"] = "bash",
                ["variables"] = new Dictionary<string, object> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            },
            ["phases"] = phases,
        };
        if (artifacts is not null)
        {
            spec["artifacts"] = artifacts;
        }

        return new PipelineProject(this, id, new PipelineProjectProps
        {
            Description = description,
            BuildSpec = BuildSpec.FromObject(spec),
            Timeout = timeout,
            Environment = new BuildEnvironment
            {
                BuildImage = _settings.BuildImage is null ? LinuxBuildImage.STANDARD_7_0 : LinuxBuildImage.FromDockerRegistry(_settings.BuildImage),

                // Native AOT and the full test run want the memory.
                ComputeType = ComputeType.LARGE,
            },
        });
    }

    private static CodeBuildAction Build(string name, IProject project, Artifact_ input, Dictionary<string, IBuildEnvironmentVariable> environment, Artifact_? output = null) =>
        new(new CodeBuildActionProps
        {
            ActionName = name,
            Project = project,
            Input = input,
            Outputs = output is null ? null : [output],
            EnvironmentVariables = environment,
        });

    private void GrantStackSetRetries(PipelineProject retry)
    {
        retry.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["cloudformation:ListStackInstances", "cloudformation:UpdateStackSet", "cloudformation:DescribeStackSetOperation"],
            Resources = [.. ServiceStackSets.IamResources(_settings)],
        }));
        if (_settings.CallAs == "DELEGATED_ADMIN")
        {
            retry.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["organizations:ListDelegatedAdministrators"],
                Resources = ["*"],
            }));
        }
    }
}
