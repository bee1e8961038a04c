using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Insight.Local.DynamoDb;

/// <summary>
/// AWS's DynamoDB Local (the Java emulator, with transactions and conditions) running in memory on a free loopback
/// port. The jar ships in the npm package <c>amplify-dynamodb-simulator</c>; it is fetched once into
/// <c>.tools/dynamodb-local</c> of the repository when missing.
/// </summary>
public sealed class DynamoDbLocal : IAsyncDisposable
{
    /// <summary>The npm package that carries <c>DynamoDBLocal.jar</c> 1.25.1.</summary>
    public const string Package = "amplify-dynamodb-simulator@2.9.30";

    /// <summary>One fetch at a time in this process; other processes are kept apart by the staging folder.</summary>
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly Process _process;

    private DynamoDbLocal(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The endpoint to give a DynamoDB client.</summary>
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Starts DynamoDB Local and waits until it accepts connections.</summary>
    /// <param name="toolsFolder">Where the emulator is kept (fetched there when missing).</param>
    /// <param name="cancellationToken">Stops waiting for the start.</param>
    public static async Task<DynamoDbLocal> StartAsync(string toolsFolder, CancellationToken cancellationToken = default)
    {
        var emulator = await EnsureInstalledAsync(toolsFolder, cancellationToken).ConfigureAwait(false);
        var port = FreePort();
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = emulator,
        };
        foreach (var argument in new[] { $"-Djava.library.path={Path.Combine(emulator, "DynamoDBLocal_lib")}", "-jar", Path.Combine(emulator, "DynamoDBLocal.jar"), "-inMemory", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-disableTelemetry" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("java did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("DynamoDB Local needs Java 17 or later on PATH (Debian: apt-get install openjdk-17-jre-headless).", exception);
        }

        // Drain the emulator's output so it never blocks on a full pipe.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var local = new DynamoDbLocal(process, port);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!await local.AcceptsConnectionsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException($"DynamoDB Local did not start on port {port} (exit code {(process.HasExited ? process.ExitCode : "none")}).");
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Cancelled or failed while waiting: the emulator must not outlive the caller.
            await local.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return local;
    }

    /// <summary>The folder holding <c>DynamoDBLocal.jar</c>, fetching the npm package first if it is missing.</summary>
    /// <remarks>
    /// Test fixtures and test projects start DynamoDB Local in parallel, so the package is fetched and unpacked in a
    /// folder of its own and moved into place in one step: no caller ever sees a half-written archive or jar, and when
    /// two fetch at once the first move wins and the other's copy is discarded.
    /// </remarks>
    public static async Task<string> EnsureInstalledAsync(string toolsFolder, CancellationToken cancellationToken = default)
    {
        var home = Path.Combine(toolsFolder, "dynamodb-local");
        var package = Path.Combine(home, "package");
        var emulator = Path.Combine(package, "emulator");
        if (File.Exists(Path.Combine(emulator, "DynamoDBLocal.jar")))
        {
            return emulator;
        }

        await InstallGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var staging = Path.Combine(home, ".staging-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (File.Exists(Path.Combine(emulator, "DynamoDBLocal.jar")))
            {
                return emulator;
            }

            Directory.CreateDirectory(staging);
            await RunAsync("npm", staging, cancellationToken, "pack", Package, "--silent").ConfigureAwait(false);
            var archive = Directory.GetFiles(staging, "amplify-dynamodb-simulator-*.tgz").Single();
            await RunAsync("tar", staging, cancellationToken, "xzf", archive).ConfigureAwait(false);
            if (!File.Exists(Path.Combine(staging, "package", "emulator", "DynamoDBLocal.jar")))
            {
                throw new InvalidOperationException($"{Package} did not contain emulator/DynamoDBLocal.jar.");
            }

            try
            {
                Directory.Move(Path.Combine(staging, "package"), package);
            }
            catch (IOException) when (File.Exists(Path.Combine(emulator, "DynamoDBLocal.jar")))
            {
                // Another process moved its copy into place first; it is the same package.
            }

            return emulator;
        }
        finally
        {
            InstallGate.Release();
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string command, string workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
