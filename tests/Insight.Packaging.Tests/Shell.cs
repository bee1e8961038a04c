using System.Diagnostics;

namespace Insight.Packaging.Tests;

/// <summary>Runs a command the way a user types it, and keeps what it printed.</summary>
public static class Shell
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No build servers: they would outlive the test and hold the temporary folders.
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        return (process.ExitCode, await output + await error);
    }

    public static async Task<string> RunOrFailAsync(string workingDirectory, string command, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(workingDirectory, command, arguments);
        Assert.True(exitCode == 0, $"{command} {string.Join(' ', arguments)} exited {exitCode}:\n{output}");
        return output;
    }
}
