using Insight.Sdk.Cdk.Fleet;
using Insight.Sdk.Cdk.Templates;

namespace Insight.Cli.Local.Emulation.Planning;

/// <summary>
/// One service's synthesized StackSet template and the per-account parameter overrides the synth wrote beside it
/// (<c>&lt;Service&gt;.instances.json</c>, from the infrastructure app's tenant registry), if any.
/// </summary>
/// <param name="Service">The service (its stack's name).</param>
/// <param name="Template">The template as synthesized.</param>
/// <param name="Overrides">Each account's parameter overrides, by account id.</param>
internal sealed record ServiceTemplate(string Service, CloudFormationTemplate Template, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Overrides)
{
    /// <summary>The parameter a service template takes the tenant by; a template without it is not deployed to tenant accounts.</summary>
    public const string TenantParameter = "TenantId";

    /// <summary>
    /// The service templates of a cloud assembly folder (the synth's output): every top-level <c>*.template.json</c> with
    /// a <see cref="TenantParameter"/> parameter, with its <c>*.instances.json</c> when the synth wrote one.
    /// </summary>
    /// <exception cref="PlanningException">The folder holds no service template.</exception>
    public static IReadOnlyList<ServiceTemplate> LoadAll(string cloudAssembly)
    {
        if (!Directory.Exists(cloudAssembly))
        {
            throw new PlanningException([$"{cloudAssembly} does not exist: synthesize the infrastructure app first, or leave out --cdk-out."]);
        }

        var services = new List<ServiceTemplate>();
        foreach (var file in Directory.GetFiles(cloudAssembly, "*.template.json").Order(StringComparer.Ordinal))
        {
            var template = CloudFormationTemplate.Load(file);
            if (!template.Parameters.ContainsKey(TenantParameter))
            {
                continue;
            }

            var instances = Path.Combine(cloudAssembly, $"{template.Name}.instances.json");
            var overrides = File.Exists(instances)
                ? System.Text.Json.JsonSerializer.Deserialize<List<StackInstanceOverrides>>(File.ReadAllText(instances))!
                    .ToDictionary(o => o.Account, o => o.Parameters, StringComparer.Ordinal)
                : [];
            services.Add(new ServiceTemplate(template.Name, template, overrides));
        }

        return services.Count > 0
            ? services
            : throw new PlanningException([$"{cloudAssembly} holds no service template (a *.template.json with a {TenantParameter} parameter)."]);
    }
}
