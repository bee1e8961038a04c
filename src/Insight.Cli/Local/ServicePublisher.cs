using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Insight.Cli.Local;

/// <summary>What <c>dotnet publish</c> printed, and whether it succeeded.</summary>
internal sealed record PublishResult(bool Succeeded, string Output);

/// <summary>Publishes a service natively, as it ships to Lambda, for the architecture of this machine so its bootstrap runs here.</summary>
internal static class ServicePublisher
{
    /// <summary>The Linux runtime identifier of this machine.</summary>
    public static string RuntimeIdentifier { get; } = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>Runs <c>dotnet publish</c> of <paramref name="project"/> with native AOT into <paramref name="outputFolder"/>.</summary>
    /// <param name="project">The service's project folder or file.</param>
    /// <param name="outputFolder">Where <c>bootstrap</c> and <c>insight.manifest.json</c> go.</param>
    /// <param name="artifactsPath">
    /// Where intermediate files go instead of the projects' own <c>obj</c> and <c>bin</c>, so the publish cannot
    /// collide with another build of the same projects running at the same time; null for the usual places.
    /// </param>
    /// <param name="cancellationToken">Stops the publish, with every process it started.</param>
    public static async Task<PublishResult> PublishAsync(string project, string outputFolder, string? artifactsPath, CancellationToken cancellationToken)
    {
        List<string> arguments = ["publish", project, "-c", "Release", "-r", RuntimeIdentifier, "-p:PublishAot=true", "-o", outputFolder, "-nologo"];
        if (artifactsPath is not null)
        {
            arguments.AddRange(["--artifacts-path", artifactsPath]);
        }

        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new LocalRunException("dotnet did not start.");
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new PublishResult(process.ExitCode == 0, await standardOutput.ConfigureAwait(false) + await standardError.ConfigureAwait(false));
    }
}
