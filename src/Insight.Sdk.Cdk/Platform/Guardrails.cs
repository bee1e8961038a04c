using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.AWS.Organizations;
using Constructs;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// The guardrails of <see cref="GuardrailPolicies"/> as Organizations policies attached to the tenants unit. A document
/// over Organizations' size limit, or more policies on the unit than Organizations allows per target (counting the
/// policies attached outside the platform, <c>FullAWSAccess</c> by default), stops the synth naming the target and the
/// quota, not the deployment.
/// </summary>
public class Guardrails : Construct
{
    private readonly Dictionary<string, CfnPolicy> _policies = new(StringComparer.Ordinal);

    /// <summary>Creates and attaches the service control policies and the tag policy.</summary>
    /// <exception cref="GuardrailPolicyException">A policy document is too large, or the unit would carry too many policies.</exception>
    public Guardrails(Construct scope, string id, PlatformSettings settings)
        : base(scope, id)
    {
        Documents = [.. GuardrailPolicies.ServiceControlPolicies(settings), GuardrailPolicies.TenantTagPolicy()];
        var problems = GuardrailPolicies.TargetProblems(
            $"{settings.TenantsOrganizationalUnitId} (tenants unit)", Documents, settings.ExistingServiceControlPolicies);
        if (problems.Count > 0)
        {
            throw new GuardrailPolicyException(problems);
        }

        foreach (var policy in Documents)
        {
            _policies[policy.Name] = new CfnPolicy(this, policy.Name, new CfnPolicyProps
            {
                Name = policy.Name,
                Description = policy.Description,
                Type = policy.Type,

                // CloudFormation takes the document as an object and hands it to Organizations minified, as measured.
                Content = Plain(JsonNode.Parse(policy.Document)!),
                TargetIds = [settings.TenantsOrganizationalUnitId],
            });
        }
    }

    /// <summary>The policy documents.</summary>
    public IReadOnlyList<GuardrailPolicy> Documents { get; }

    /// <summary>The policies by name.</summary>
    public IReadOnlyDictionary<string, CfnPolicy> Policies => _policies;

    /// <summary>A JSON document as the dictionaries, arrays and strings jsii hands to the CDK.</summary>
    private static object Plain(JsonNode node) => node switch
    {
        JsonObject map => map.ToDictionary(p => p.Key, p => Plain(p.Value!)),
        JsonArray list => list.Select(item => Plain(item!)).ToArray(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value => value.GetValue<double>(),
        _ => throw new InvalidDataException($"Unexpected JSON node {node.ToJsonString()}."),
    };
}

/// <summary>One or more guardrail policies cannot be created as written.</summary>
public sealed class GuardrailPolicyException(IReadOnlyList<string> problems)
    : Exception("The guardrail policies cannot be created:\n  " + string.Join("\n  ", problems))
{
    /// <summary>Every problem found, each naming its policy.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
