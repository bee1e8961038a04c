using System.Xml.Linq;
using Insight.Cli.Build;


// Parameters whose names say it all go without a <param> tag.
#pragma warning disable CS1573
namespace Insight.Cli.Local.Standup;

/// <summary>
/// A team's monorepo as <c>insight local</c> finds it: the folder with the solution, and the infrastructure app in it
/// (an executable that references Insight.Sdk.Cdk and the CDK) whose synth gives every service's template.
/// </summary>
/// <param name="Root">The monorepo's root folder: where <c>.insight/local/</c> goes.</param>
/// <param name="Solution">The solution file, or null when only an infrastructure project was given outside one.</param>
/// <param name="Infra">The infrastructure project, or null when a cloud assembly was given instead.</param>
internal sealed record Monorepo(string Root, string? Solution, string? Infra)
{
    /// <summary>The folder of the run's files below the root: state, issuer key, release, unpacked code.</summary>
    public string LocalFolder => Path.Combine(Root, ".insight", "local");

    /// <summary>
    /// The monorepo at or above <paramref name="start"/>: the nearest folder holding a <c>*.sln</c>/<c>*.slnx</c>, and the one
    /// infrastructure project of that solution, unless <paramref name="infra"/> names it (or <paramref name="needsInfra"/> is false).
    /// </summary>
    /// <exception cref="LocalRunException">No solution, or no or several infrastructure projects; the message says which to pass.</exception>
    public static async Task<Monorepo> FindAsync(string start, string? infra, bool needsInfra, CancellationToken cancellationToken)
    {
        string? solution = null;
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null && solution is null; folder = folder.Parent)
        {
            var found = folder.GetFiles("*.sln").Concat(folder.GetFiles("*.slnx")).Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();
            solution = found.Count switch
            {
                0 => null,
                1 => found[0],
                _ => throw new LocalRunException($"{folder.FullName} holds {found.Count} solutions ({string.Join(", ", found.Select(Path.GetFileName))}); run insight local where one is, or pass --infra."),
            };
        }

        if (infra is not null)
        {
            var project = Path.GetFullPath(infra);
            if (Directory.Exists(project))
            {
                project = Directory.GetFiles(project, "*.csproj") is [var only] ? only : throw new LocalRunException($"--infra {infra}: the folder holds no single project file; name the .csproj.");
            }

            if (!File.Exists(project))
            {
                throw new LocalRunException($"--infra {infra}: no such project.");
            }

            return new Monorepo(solution is null ? Path.GetDirectoryName(project)! : Path.GetDirectoryName(solution)!, solution, project);
        }

        if (solution is null)
        {
            throw new LocalRunException($"No solution (*.sln) at or above {Path.GetFullPath(start)}: run insight local in the monorepo, or pass --infra <project> (or --cdk-out <dir>).");
        }

        var root = Path.GetDirectoryName(solution)!;
        if (!needsInfra)
        {
            return new Monorepo(root, solution, null);
        }

        var result = await Dotnet.RunAsync(["sln", solution, "list"], root, progress: null, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LocalRunException($"dotnet sln list failed for {solution}:\n{result.Output}");
        }

        var candidates = result.Lines
            .Select(line => line.Trim())
            .Where(line => line.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(line => Path.GetFullPath(Path.Combine(root, line.Replace('\\', Path.DirectorySeparatorChar))))
            .Where(IsInfrastructureApp)
            .Order(StringComparer.Ordinal)
            .ToList();
        return candidates switch
        {
            [var one] => new Monorepo(root, solution, one),
            [] => throw new LocalRunException(
                $"{Path.GetFileName(solution)} has no infrastructure project (an executable referencing Insight.Sdk.Cdk and Amazon.CDK.Lib); pass --infra <project> or --cdk-out <dir>."),
            _ => throw new LocalRunException(
                $"{Path.GetFileName(solution)} has {candidates.Count} infrastructure projects ({string.Join(", ", candidates.Select(c => Path.GetRelativePath(root, c)))}); pick one with --infra."),
        };
    }

    /// <summary>An executable that references Insight.Sdk.Cdk (package or project) and the CDK itself, read from its project file.</summary>
    internal static bool IsInfrastructureApp(string project)
    {
        if (!File.Exists(project))
        {
            return false;
        }

        XDocument document;
        try
        {
            document = XDocument.Load(project);
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }

        var elements = document.Descendants().ToList();
        var executable = elements.Any(e => e.Name.LocalName == "OutputType" && e.Value.Trim().Equals("Exe", StringComparison.OrdinalIgnoreCase));
        var includes = elements.Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference").Select(e => (string?)e.Attribute("Include") ?? "").ToList();
        return executable
            && includes.Any(i => Path.GetFileNameWithoutExtension(i.Replace('\\', '/')).Equals("Insight.Sdk.Cdk", StringComparison.OrdinalIgnoreCase) || i.Equals("Insight.Sdk.Cdk", StringComparison.OrdinalIgnoreCase))
            && includes.Any(i => i.Equals("Amazon.CDK.Lib", StringComparison.OrdinalIgnoreCase));
    }
}
