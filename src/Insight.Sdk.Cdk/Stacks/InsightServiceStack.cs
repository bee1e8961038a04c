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
public class InsightServiceStack : Stack
{
    /// <summary>Creates the stack and the service in it.</summary>
    public InsightServiceStack(Construct scope, string id, ServiceManifest manifest, InsightServiceOptions? options = null)
        : base(scope, id, new StackProps
        {
            Description = $"Insight service {manifest.Service}: one stack instance per tenant account.",
            Synthesizer = new DefaultStackSynthesizer(new DefaultStackSynthesizerProps { GenerateBootstrapVersionRule = false }),
        })
    {
        Parameters = new TenantParameters(this);
        Service = new InsightServiceConstruct(this, "Service", manifest, Parameters, options ?? new InsightServiceOptions());
    }

    /// <summary>The parameters each stack instance sets.</summary>
    public TenantParameters Parameters { get; }

    /// <summary>The service's resources.</summary>
    public InsightServiceConstruct Service { get; }
}
