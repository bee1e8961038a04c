using System.Diagnostics;

namespace Insight.Packaging.Tests;

/// <summary>Runs a command the way a user types it, and keeps what it printed.</summary>
public static class Shell
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string command, params string[] arguments)
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
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var reading = Task.WhenAll(Pump(process.StandardOutput, output), Pump(process.StandardError, output));
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await reading;
            Assert.Fail($"{command} {string.Join(' ', arguments)} did not finish in {timeout}:\n{output}");
        }

        await reading;
        return (process.ExitCode, output.ToString());
    }

    public static async Task<string> RunOrFailAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string command, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(workingDirectory, environment, timeout, command, arguments);
        Assert.True(exitCode == 0, $"{command} {string.Join(' ', arguments)} exited {exitCode}:\n{output}");
        return output;
    }

    private static async Task Pump(StreamReader reader, System.Text.StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
