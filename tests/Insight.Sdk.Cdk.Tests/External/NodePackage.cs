using System.Collections.Concurrent;
using System.Diagnostics;

namespace Insight.Sdk.Cdk.Tests.External;

/// <summary>
/// An npm package at a pinned version, fetched with the machine's npm into <c>.tools/</c> of the repository the first
/// time (like DynamoDB Local), and the processes that run it.
/// </summary>
public static class NodePackage
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Installed = new();

    /// <summary>The <c>node_modules</c> folder holding <paramref name="name"/>@<paramref name="version"/> and its dependencies.</summary>
    public static string Modules(string name, string version) =>
        Installed.GetOrAdd($"{name}@{version}", package => new Lazy<string>(() => Install(name, package))).Value;

    /// <summary>Does <paramref name="work"/> in a fresh temporary folder (for the files a run reads), removed afterwards.</summary>
    public static T InScratchFolder<T>(Func<string, T> work)
    {
        var folder = Path.Combine(Path.GetTempPath(), "insight-node-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            return work(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="program"/> and returns what it wrote to standard output.</summary>
    /// <exception cref="InvalidOperationException">It exited with another code than 0; the message holds its standard error.</exception>
    public static string Run(string program, string folder, string[] arguments, params (string Name, string Value)[] environment)
    {
        var (exitCode, output, error) = RunAllowingFailure(program, folder, arguments, environment);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error}{output}");
    }

    /// <summary>Runs <paramref name="program"/> and returns its exit code and both outputs, whatever the code.</summary>
    public static (int ExitCode, string Output, string Error) RunAllowingFailure(string program, string folder, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string Install(string name, string package)
    {
        // "@scope/name@1.2.3" names a folder without its slash.
        var home = Path.Combine(TestRepository.Root, ".tools", package.TrimStart('@').Replace('/', '-'));
        var modules = Path.Combine(home, "node_modules");
        if (!File.Exists(Path.Combine(modules, name, "package.json")))
        {
            Directory.CreateDirectory(home);
            Run("npm", home, ["install", "--prefix", home, package, "--no-audit", "--no-fund", "--silent"]);
        }

        return modules;
    }
}
