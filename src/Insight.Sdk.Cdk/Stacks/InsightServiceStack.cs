using Amazon.CDK;
using Constructs;
using Insight.Sdk.Manifest;
using Insight.Sdk.Cdk.Services;

namespace Insight.Sdk.Cdk.Stacks;

/// <summary>
/// One service's stack, synthesized as a template a CloudFormation StackSet can push to every tenant account:
/// environment-agnostic (no account or region in it), no bootstrap-version rule, no CDK assets (function packages
/// come from an organization-shared bucket named by a parameter), tenant values as parameters.
/// </summary>
/// <remarks>
/// In an app whose context names a release index (<see cref="ReleaseIndex.ContextKey"/>), the functions' code key is the
/// service's content-addressed key from that index, unless the options set a key format of their own.
/// </remarks>
public class InsightServiceStack : Stack
{
    private static readonly string DefaultKeyFormat = new InsightServiceOptions().ArtifactKeyFormat;

    /// <summary>Creates the stack and the service in it.</summary>
    public InsightServiceStack(Construct scope, string id, ServiceManifest manifest, InsightServiceOptions? options = null)
        : base(scope, id, new StackProps
        {
            Description = $"Insight service {manifest.Service}: one stack instance per tenant account.",
            Synthesizer = new DefaultStackSynthesizer(new DefaultStackSynthesizerProps { GenerateBootstrapVersionRule = false }),
        })
    {
        Parameters = new TenantParameters(this);
        Service = new InsightServiceConstruct(this, "Service", manifest, Parameters, WithReleaseCode(scope, manifest, options ?? new InsightServiceOptions()));
    }

    /// <summary>The parameters each stack instance sets.</summary>
    public TenantParameters Parameters { get; }

    /// <summary>The service's resources.</summary>
    public InsightServiceConstruct Service { get; }

    private static InsightServiceOptions WithReleaseCode(Construct scope, ServiceManifest manifest, InsightServiceOptions options)
    {
        if (options.ArtifactKeyFormat != DefaultKeyFormat || ReleaseIndex.FromContext(scope) is not { } release)
        {
            return options;
        }

        var package = release.Package(manifest.Service);

        // One bootstrap serves every function, so every function runs on the architecture it was built for.
        var built = package.Architecture == "x86_64" ? LambdaArchitecture.X86_64 : LambdaArchitecture.Arm64;
        var mismatched = manifest.Functions.Where(f => f.Architecture != built).Select(f => $"{f.Name} ({Name(f.Architecture)})").ToList();
        if (mismatched.Count > 0)
        {
            throw new InvalidDataException(
                $"{manifest.Service} was built for {package.Architecture} (its InsightArchitecture), but {string.Join(", ", mismatched)} " +
                $"declare another architecture. Remove Architecture from those handlers or change InsightArchitecture in the project.");
        }

        return options with { ArtifactKeyFormat = package.CodeKey };
    }

    private static string Name(LambdaArchitecture architecture) => architecture == LambdaArchitecture.X86_64 ? "x86_64" : "arm64";
}
