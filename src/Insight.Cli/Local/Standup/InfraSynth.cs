using Insight.Cli.Build;


// Parameters whose names say it all go without a <param> tag.
#pragma warning disable CS1573
namespace Insight.Cli.Local.Standup;

/// <summary>Synthesizes the monorepo's infrastructure app against a release, as the pipeline does.</summary>
internal static class InfraSynth
{
    /// <summary>
    /// Runs <c>dotnet run --project &lt;infra&gt; -- &lt;cloud assembly&gt; &lt;release.json&gt;</c> into a fresh
    /// <paramref name="cloudAssembly"/>: every service's template, with each function's code key from the release.
    /// </summary>
    /// <param name="architecture">
    /// The architecture every service was built for (this machine's): the app compiles the services it references, and
    /// their manifests must declare the architecture the release's packages were built for.
    /// </param>
    /// <exception cref="LocalRunException">The synth failed; the message holds what it printed.</exception>
    public static async Task RunAsync(string infra, string cloudAssembly, string releaseIndex, string architecture, TextWriter output, CancellationToken cancellationToken)
    {
        if (Directory.Exists(cloudAssembly))
        {
            Directory.Delete(cloudAssembly, recursive: true);
        }

        output.WriteLine($"Synthesizing {Path.GetFileName(infra)} against {releaseIndex} …");
        var result = await Dotnet.RunAsync(
            ["run", "--project", infra, "-c", "Release", $"--property:InsightArchitecture={architecture}", "--", cloudAssembly, releaseIndex],
            Path.GetDirectoryName(infra)!,
            progress: null,
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LocalRunException($"The synth of {infra} failed:\n{result.Output}");
        }
    }
}
