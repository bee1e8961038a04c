using System.Text.Json;

namespace Insight.Cli.Build;

/// <summary>A project of the monorepo that builds a service's bootstrap, and the architecture it declares.</summary>
/// <param name="Project">The project file.</param>
/// <param name="Architecture"><c>arm64</c> or <c>x86_64</c>: the project's <c>InsightArchitecture</c>.</param>
internal sealed record ServiceProject(string Project, string Architecture)
{
    /// <summary>The Linux runtime identifier the bootstrap is published for.</summary>
    public string RuntimeIdentifier => RuntimeIdentifierOf(Architecture);

    /// <summary>The runtime identifier of an architecture.</summary>
    public static string RuntimeIdentifierOf(string architecture) => architecture == "x86_64" ? "linux-x64" : "linux-arm64";

    /// <summary>
    /// The service projects of <paramref name="path"/>: a solution file, a project file, or a folder (its one solution,
    /// or else every project below it). A service project is an executable that references Insight.Sdk directly; the
    /// infrastructure app (Insight.Sdk.Cdk) and test projects are not, nor an executable that uses the SDK's types
    /// without being a service (a load driver, a scenario) and says so with <c>&lt;InsightService&gt;false&lt;/InsightService&gt;</c>.
    /// </summary>
    /// <exception cref="BuildException">Nothing to build there, or a project cannot be evaluated.</exception>
    public static async Task<IReadOnlyList<ServiceProject>> FindAsync(string path, string? architectureOverride, CancellationToken cancellationToken)
    {
        var found = new List<ServiceProject>();
        foreach (var project in await CandidatesAsync(Path.GetFullPath(path), cancellationToken))
        {
            if (await EvaluateAsync(project, architectureOverride, cancellationToken) is { } service)
            {
                found.Add(service);
            }
        }

        return found.Count > 0
            ? found
            : throw new BuildException($"No service project in {path}: a service is an executable project that references Insight.Sdk.");
    }

    private static async Task<IReadOnlyList<string>> CandidatesAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return Path.GetExtension(path) is ".sln" or ".slnx" ? await SolutionProjectsAsync(path, cancellationToken) : [path];
        }

        if (!Directory.Exists(path))
        {
            throw new BuildException($"{path} does not exist.");
        }

        var solutions = Directory.GetFiles(path, "*.sln").Concat(Directory.GetFiles(path, "*.slnx")).ToList();
        return solutions.Count switch
        {
            1 => await SolutionProjectsAsync(solutions[0], cancellationToken),
            > 1 => throw new BuildException($"{path} holds {solutions.Count} solutions; name the one to build."),
            _ => [.. Directory.EnumerateFiles(path, "*.csproj", SearchOption.AllDirectories)
                .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                .Order(StringComparer.Ordinal)],
        };
    }

    private static async Task<IReadOnlyList<string>> SolutionProjectsAsync(string solution, CancellationToken cancellationToken)
    {
        var result = await Dotnet.RunAsync(["sln", solution, "list"], Path.GetDirectoryName(solution)!, progress: null, cancellationToken);
        if (!result.Succeeded)
        {
            throw new BuildException($"dotnet sln list failed for {solution}:\n{result.Output}");
        }

        var folder = Path.GetDirectoryName(solution)!;
        return [.. result.Lines
            .Select(line => line.Trim())
            .Where(line => line.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(line => Path.GetFullPath(Path.Combine(folder, line.Replace('\\', Path.DirectorySeparatorChar))))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads what decides whether a project is a service, without building it.</summary>
    private static async Task<ServiceProject?> EvaluateAsync(string project, string? architectureOverride, CancellationToken cancellationToken)
    {
        List<string> arguments = ["msbuild", project, "-getProperty:OutputType", "-getProperty:InsightArchitecture", "-getProperty:InsightService", "-getProperty:IsTestProject", "-getItem:PackageReference", "-getItem:ProjectReference"];
        if (architectureOverride is not null)
        {
            arguments.Add($"-p:InsightArchitecture={architectureOverride}");
        }

        var result = await Dotnet.RunAsync(arguments, Path.GetDirectoryName(project)!, progress: null, cancellationToken);
        if (!result.Succeeded)
        {
            throw new BuildException($"Evaluating {project} failed:\n{result.Output}");
        }

        using var evaluation = JsonDocument.Parse(result.StandardOutput);
        var properties = evaluation.RootElement.GetProperty("Properties");
        var items = evaluation.RootElement.GetProperty("Items");
        var referencesSdk = Identities(items, "PackageReference").Any(id => id.Equals("Insight.Sdk", StringComparison.OrdinalIgnoreCase))
            || Identities(items, "ProjectReference").Any(id => Path.GetFileName(id.Replace('\\', '/')).Equals("Insight.Sdk.csproj", StringComparison.OrdinalIgnoreCase));
        var optedOut = string.Equals(properties.GetProperty("InsightService").GetString(), "false", StringComparison.OrdinalIgnoreCase);

        // The test SDK makes test projects executables, and a service's tests often reference Insight.Sdk directly.
        var isTest = string.Equals(properties.GetProperty("IsTestProject").GetString(), "true", StringComparison.OrdinalIgnoreCase);
        if (isTest || properties.GetProperty("OutputType").GetString() is not ("Exe" or "exe") || !referencesSdk || optedOut)
        {
            return null;
        }

        // Insight.Sdk.props defaults the property to arm64; a project that does not import it yet (not restored) gets the same.
        var architecture = properties.GetProperty("InsightArchitecture").GetString() is { Length: > 0 } declared ? declared : "arm64";
        return architecture is "arm64" or "x86_64"
            ? new ServiceProject(project, architecture)
            : throw new BuildException($"{project} declares InsightArchitecture {architecture}; use arm64 or x86_64.");
    }

    private static IEnumerable<string> Identities(JsonElement items, string type) =>
        items.TryGetProperty(type, out var list) ? list.EnumerateArray().Select(item => item.GetProperty("Identity").GetString() ?? "") : [];
}
