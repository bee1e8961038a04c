using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;


// Parameters whose names say it all go without a <param> tag.
#pragma warning disable CS1573
namespace Insight.Cli.Build;

/// <summary>
/// <c>insight build</c>: publishes every service of a monorepo natively for the architecture it declares and packages
/// each as one zip under a content-addressed key, with <c>release.json</c> mapping each service to its key. The CI
/// script, the release pipeline and the local fleet all take their bootstraps from here.
/// </summary>
internal static class BuildCommand
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(15);

    /// <summary>The command, writing to <paramref name="output"/> (standard output by default).</summary>
    public static Command Create(TextWriter? output = null)
    {
        var path = new Argument<string>("path")
        {
            Description = "The monorepo: a solution, a folder (its one solution, or else every project below it) or one service project",
            DefaultValueFactory = _ => ".",
        };
        var releaseDir = new Option<string?>("--output", "-o") { Description = "The release folder: <Service>/<arch>/<sha256>.zip and release.json, laid out as the artifact bucket's keys (default: artifacts/release beside the solution)" };
        var publishDir = new Option<string?>("--publish-dir") { Description = "Where each service is published, one folder per project (default: artifacts/publish beside the solution)" };
        var architecture = new Option<string?>("--architecture")
        {
            Description = "Build every service for arm64, x86_64 or host (this machine) instead of the InsightArchitecture each declares; for running locally, not for release",
        };
        architecture.AcceptOnlyFromAmong("arm64", "x86_64", "host");

        var command = new Command("build", "Publish every service natively for its declared architecture and package each as a content-addressed zip, with release.json for the synth")
        {
            path, releaseDir, publishDir, architecture,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            output ?? Console.Out, parse.GetValue(path)!, parse.GetValue(releaseDir), parse.GetValue(publishDir), parse.GetValue(architecture), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(TextWriter output, string path, string? releaseDir, string? publishDir, string? architecture, CancellationToken cancellationToken)
    {
        try
        {
            var root = MonorepoFolder(Path.GetFullPath(path));
            await BuildReleaseAsync(
                output,
                path,
                Path.GetFullPath(releaseDir ?? Path.Combine(root, "artifacts", "release")),
                Path.GetFullPath(publishDir ?? Path.Combine(root, "artifacts", "publish")),
                architecture,
                cancellationToken);
            return 0;
        }
        catch (BuildException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return 1;
        }
    }

    /// <summary>
    /// The publish-and-zip step: publishes every service of <paramref name="path"/> natively and packages each under its
    /// content key in <paramref name="release"/>, with <c>release.json</c>. <c>insight local</c> runs the same step with
    /// <paramref name="architecture"/> <c>host</c>.
    /// </summary>
    /// <param name="architecture"><c>arm64</c>, <c>x86_64</c> or <c>host</c> for every service; null for each one's declared architecture.</param>
    /// <returns>The path of <c>release.json</c>.</returns>
    /// <exception cref="BuildException">No service, a failed publish, or two projects building one service.</exception>
    public static async Task<string> BuildReleaseAsync(TextWriter output, string path, string release, string publish, string? architecture, CancellationToken cancellationToken)
    {
        var chosen = architecture == "host" ? HostArchitecture() : architecture;
        var total = Stopwatch.StartNew();
        output.WriteLine($"Finding the service projects of {path} …");
        var services = await ServiceProject.FindAsync(path, chosen, cancellationToken);
        output.WriteLine($"{services.Count} service project(s): {string.Join(", ", services.Select(s => $"{Path.GetFileNameWithoutExtension(s.Project)} ({s.Architecture})"))}");

        var packages = new List<ServicePackage>();
        foreach (var service in services)
        {
            var folder = Path.Combine(publish, Path.GetFileNameWithoutExtension(service.Project));
            await PublishAsync(output, service, folder, chosen is not null, cancellationToken);
            var package = ServicePackage.Read(folder, service.Architecture);
            var written = package.WriteZip(folder, release);
            output.WriteLine($"  {package.Service}: {package.CodeKey} ({(written ? "new" : "unchanged, already packaged")})");
            packages.Add(package);
        }

        var duplicates = packages.GroupBy(p => p.Service).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new BuildException($"More than one project builds the service {string.Join(", ", duplicates)}; each service needs a name of its own.");
        }

        var index = ReleaseIndexFile.Write(release, packages);
        output.WriteLine($"Wrote {index}: {packages.Count} service(s) in {total.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s.");
        return index;
    }

    /// <summary>
    /// Publishes one service natively. Publishing is incremental: an unchanged service skips the compile and the native
    /// link, so a second build of an unchanged monorepo takes seconds per service instead of minutes.
    /// </summary>
    private static async Task PublishAsync(TextWriter output, ServiceProject service, string folder, bool overridden, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(service.Project);
        output.WriteLine($"Publishing {name} natively for {service.RuntimeIdentifier} …");
        List<string> arguments = ["publish", service.Project, "-c", "Release", "-r", service.RuntimeIdentifier, "-p:PublishAot=true", "-o", folder, "-nologo"];
        if (overridden)
        {
            arguments.Add($"-p:InsightArchitecture={service.Architecture}");
        }

        // Native code generation is silent for a minute or more; say what is happening at least every few seconds.
        var watch = Stopwatch.StartNew();
        var stage = "restoring";
        var lastReport = TimeSpan.Zero;
        void Progress(string line)
        {
            var next = line switch
            {
                _ when line.Contains("Restored", StringComparison.Ordinal) || line.Contains("All projects are up-to-date", StringComparison.Ordinal) => "compiling",
                _ when line.Contains(".dll", StringComparison.Ordinal) && line.Contains(" -> ", StringComparison.Ordinal) => "generating native code",
                _ when line.Contains(" -> ", StringComparison.Ordinal) && line.TrimEnd().EndsWith('/') => "copying the publish output",
                _ => stage,
            };
            lock (output)
            {
                if (next != stage || watch.Elapsed - lastReport >= ProgressInterval)
                {
                    stage = next;
                    lastReport = watch.Elapsed;
                    output.WriteLine($"  {name}: {stage} ({watch.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s)");
                }
            }
        }

        using var ticker = new Timer(_ => Progress(""), null, ProgressInterval, ProgressInterval);
        var result = await Dotnet.RunAsync(arguments, Path.GetDirectoryName(service.Project)!, Progress, cancellationToken);
        await ticker.DisposeAsync();
        if (!result.Succeeded)
        {
            throw new BuildException($"dotnet publish of {service.Project} failed:\n{result.Output}");
        }

        output.WriteLine($"  {name}: published in {watch.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s");
    }

    /// <summary>The folder default outputs go to: the solution's (or the project's) folder, or the folder given.</summary>
    private static string MonorepoFolder(string path) => File.Exists(path) ? Path.GetDirectoryName(path)! : path;

    /// <summary>This machine's architecture, as a service declares one.</summary>
    public static string HostArchitecture() => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x86_64";
}
