using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.CDK;
using Insight.Sdk.Cdk.Services;

namespace Insight.Sdk.Cdk.Stacks;

/// <summary>
/// Deploys every service the infrastructure project references. The generator gives the infrastructure assembly one
/// typed stack per referenced service; this creates all of them, so a service joins the fleet by being referenced and
/// never by a hand-written line that can be forgotten. Leaving one out takes its name in <c>excluded</c>.
/// </summary>
public static class ServiceStacks
{
    /// <summary>
    /// Creates the stack of every service whose generated stack class is in <paramref name="infrastructure"/>, except
    /// those named in <paramref name="excluded"/>.
    /// </summary>
    /// <param name="app">The app the stacks join.</param>
    /// <param name="infrastructure">The infrastructure project's assembly, which holds the generated stacks.</param>
    /// <param name="excluded">Services deliberately not deployed; each must be one the project references.</param>
    /// <param name="options">Options per service name; null for the defaults.</param>
    /// <exception cref="InvalidOperationException">An excluded name is not a referenced service, or nothing is left to deploy.</exception>
    public static DeployedServices AddAll(App app, Assembly infrastructure, IEnumerable<string>? excluded = null, Func<string, InsightServiceOptions?>? options = null)
    {
        var generated = GeneratedStacks(infrastructure);
        var left = new SortedSet<string>(excluded ?? [], StringComparer.Ordinal);
        var unknown = left.Where(name => !generated.ContainsKey(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Excluded {string.Join(", ", unknown)}, which the infrastructure project does not reference (it references {Names(generated.Keys)}).");
        }

        var stacks = new List<InsightServiceStack>();
        foreach (var (service, constructor) in generated)
        {
            if (!left.Contains(service))
            {
                try
                {
                    stacks.Add((InsightServiceStack)constructor.Invoke([app, service, options?.Invoke(service)]));
                }
                catch (TargetInvocationException exception) when (exception.InnerException is not null)
                {
                    // The stack's own exception (a release without the service, an architecture mismatch) is the one to show.
                    ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
                }
            }
        }

        return stacks.Count > 0
            ? new DeployedServices(stacks, [.. left])
            : throw new InvalidOperationException($"No service to deploy: the infrastructure project references {Names(generated.Keys)} and excludes {Names(left)}.");
    }

    /// <summary>Each generated service stack's constructor <c>(Construct scope, string id, InsightServiceOptions? options)</c>, by service name (the id's default).</summary>
    private static SortedDictionary<string, ConstructorInfo> GeneratedStacks(Assembly infrastructure)
    {
        var found = new SortedDictionary<string, ConstructorInfo>(StringComparer.Ordinal);
        foreach (var type in infrastructure.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.IsSubclassOf(typeof(InsightServiceStack))))
        {
            var constructor = type.GetConstructors().FirstOrDefault(c => c.GetParameters() is [var scope, var id, var options]
                && scope.ParameterType == typeof(Constructs.Construct) && id.ParameterType == typeof(string) && id.HasDefaultValue
                && options.ParameterType == typeof(InsightServiceOptions));
            if (constructor?.GetParameters()[1].DefaultValue is string service)
            {
                found[service] = constructor;
            }
        }

        return found;
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}

/// <summary>The service stacks an app deploys, and the services left out by name.</summary>
public sealed record DeployedServices(IReadOnlyList<InsightServiceStack> Stacks, IReadOnlyList<string> Excluded)
{
    /// <summary>
    /// The deployed services as the platform rolls them out (one stack set each), with the project that builds each
    /// one's functions under <paramref name="servicesFolder"/> of the monorepo.
    /// </summary>
    public IReadOnlyList<Platform.PlatformService> PlatformServices(string servicesFolder = "services") =>
        [.. Stacks.Select(stack => new Platform.PlatformService(stack.StackName, $"{servicesFolder}/{stack.StackName}", stack.Service.Manifest))];

    /// <summary>One line saying what is deployed and what is left out, for the synth to print.</summary>
    public string Describe() =>
        $"Deploying {Stacks.Count} service(s): {string.Join(", ", Stacks.Select(s => s.StackName))}" +
        (Excluded.Count > 0 ? $"; excluded by name: {string.Join(", ", Excluded)}" : "");
}
