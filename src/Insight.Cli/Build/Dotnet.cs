using System.Diagnostics;
using System.Text;

namespace Insight.Cli.Build;

/// <summary>What a <c>dotnet</c> command printed, and whether it succeeded.</summary>
internal sealed record DotnetResult(bool Succeeded, string StandardOutput, string Output)
{
    /// <summary>Standard output, line by line.</summary>
    public IEnumerable<string> Lines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the <c>dotnet</c> command line, passing each line it prints to a progress callback.</summary>
internal static class Dotnet
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static async Task<DotnetResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, Action<string>? progress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new BuildException("dotnet did not start.");
        var standardOutput = new StringBuilder();
        var all = new StringBuilder();
        var reading = Task.WhenAll(
            Read(process.StandardOutput, line =>
            {
                lock (all)
                {
                    standardOutput.AppendLine(line);
                    all.AppendLine(line);
                }

                progress?.Invoke(line);
            }),
            Read(process.StandardError, line =>
            {
                lock (all)
                {
                    all.AppendLine(line);
                }
            }));
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await reading.ConfigureAwait(false);
        return new DotnetResult(process.ExitCode == 0, standardOutput.ToString(), all.ToString());
    }

    private static async Task Read(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    }
}
