using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Insight.Local.RuntimeApi;

namespace Insight.Benchmarks;

/// <summary>
/// Cold start of samples/ScanIngest: from just before <see cref="Process.Start()"/> to the runtime's first
/// <c>GET /runtime/invocation/next</c>, the point where Lambda considers init done. The native-AOT
/// <c>bootstrap</c> against the same service on the JIT (<c>dotnet ScanIngest.dll</c>).
/// <para>
/// Each iteration is one fresh process. BenchmarkDotNet's Mean covers the whole method (start, init, first
/// /next, kill and reap); the pure start-to-first-/next interval is recorded separately and shown in the
/// <c>StartToNext*</c> columns, and printed at GlobalCleanup.
/// </para>
/// </summary>
[Config(typeof(ColdStartConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: Warmups, iterationCount: Iterations)]
public class ColdStartBenchmarks
{
    /// <summary>Measured iterations; the last this many samples of a run are the reported ones.</summary>
    public const int Iterations = 30;

    public const int Warmups = 3;

    private readonly List<double> _samples = [];
    private RuntimeApiServer? _server;
    private string _bootstrap = "";
    private string _dll = "";
    private string _dotnet = "";

    /// <summary>
    /// samples/ScanIngest, or the ScanIngest project folder named by <c>INSIGHT_BENCHMARK_SCANINGEST</c> (for
    /// example an untouched export of a commit, so a publish there cannot collide with builds in this checkout).
    /// </summary>
    private static string SampleDir =>
        Environment.GetEnvironmentVariable("INSIGHT_BENCHMARK_SCANINGEST") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(RepoPaths.Root, "samples", "ScanIngest");

    [GlobalSetup(Target = nameof(AotBootstrap))]
    public void SetupAot()
    {
        _bootstrap = Path.Combine(SampleDir, "bin", "Release", "net10.0", "linux-x64", "publish", "bootstrap");
        EnsureBuilt(_bootstrap, "publish", SampleDir, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true");
        Prepare(nameof(AotBootstrap), _bootstrap);
    }

    [GlobalSetup(Target = nameof(JitDll))]
    public void SetupJit()
    {
        _dll = Path.Combine(SampleDir, "bin", "Release", "net10.0", "ScanIngest.dll");
        EnsureBuilt(_dll, "build", SampleDir, "-c", "Release");
        Prepare(nameof(JitDll), _dll);
    }

    [IterationSetup]
    public void StartServer() => _server = RuntimeApiServer.StartAsync().GetAwaiter().GetResult();

    [IterationCleanup]
    public void StopServer()
    {
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server = null;
    }

    /// <summary>The same service on the JIT: <c>dotnet ScanIngest.dll</c>.</summary>
    [Benchmark(Baseline = true)]
    public double JitDll() => StartToFirstNext(_dotnet, _dll);

    /// <summary>The native-AOT <c>bootstrap</c> Lambda's provided.al2023 runtime starts.</summary>
    [Benchmark]
    public double AotBootstrap() => StartToFirstNext(_bootstrap, null);

    [GlobalCleanup]
    public void Cleanup()
    {
        var method = _bootstrap.Length > 0 ? nameof(AotBootstrap) : nameof(JitDll);
        var reported = _samples.Skip(Math.Max(0, _samples.Count - Iterations)).ToArray();
        File.WriteAllLines(SamplesFile(method), reported.Select(ms => ms.ToString("R", CultureInfo.InvariantCulture)));

        var stats = Stats.Of(reported);
        Console.WriteLine(
            $"// {nameof(ColdStartBenchmarks)}.{method}: process start -> first GET /next over the last {reported.Length} of {_samples.Count} runs: " +
            $"median {stats.Median:F2} ms, mean {stats.Mean:F2} ms, min {stats.Min:F2} ms, p90 {stats.P90:F2} ms, max {stats.Max:F2} ms");
    }

    internal static string SamplesFile(string method) => Path.Combine(RepoPaths.Artifacts, $"coldstart-{method}.samples.txt");

    private void Prepare(string method, string target)
    {
        _dotnet = DotnetHost();
        Directory.CreateDirectory(RepoPaths.Artifacts);
        File.Delete(SamplesFile(method));
        Console.WriteLine($"// {method}: {target} ({File.GetLastWriteTimeUtc(target):u}, {new FileInfo(target).Length:N0} bytes)");

        // An existing build is used as it is; say so when the sources have moved on since.
        var src = Path.GetFullPath(Path.Combine(SampleDir, "..", "..", "src"));
        var newest = Directory.EnumerateFiles(SampleDir, "*.cs", SearchOption.TopDirectoryOnly)
            .Concat(Directory.Exists(src) ? Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories) : [])
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (File: file, Time: File.GetLastWriteTimeUtc(file)))
            .MaxBy(file => file.Time);
        if (newest.File is not null && newest.Time > File.GetLastWriteTimeUtc(target))
        {
            Console.WriteLine($"// WARNING: {target} is older than {newest.File} ({newest.Time:u}); it measures the service as it was built then.");
        }
    }

    private double StartToFirstNext(string executable, string? dll)
    {
        var server = _server ?? throw new InvalidOperationException("No Runtime API server.");
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll ?? executable),
        };
        if (dll is not null)
        {
            info.ArgumentList.Add(dll);
        }

        // Nothing of BenchmarkDotNet's own runtime tuning (DOTNET_*/COMPlus_* knobs) may leak into the measured process.
        foreach (var name in info.Environment.Keys.ToList())
        {
            if ((name.StartsWith("DOTNET_", StringComparison.Ordinal) && !name.StartsWith("DOTNET_ROOT", StringComparison.Ordinal))
                || name.StartsWith("COMPlus_", StringComparison.Ordinal))
            {
                info.Environment.Remove(name);
            }
        }

        info.Environment["AWS_LAMBDA_RUNTIME_API"] = server.Address;
        info.Environment["_HANDLER"] = "RecordScan";
        info.Environment["INSIGHT_TENANT_ID"] = "t1";
        info.Environment["INSIGHT_ACCOUNT_ID"] = "123456789012";
        info.Environment["AWS_REGION"] = "eu-central-1";

        // RecordScan's DynamoDB tables (newer versions of the sample), named as the stack names them. Nothing is
        // called before the first invocation, and there is none.
        info.Environment["INSIGHT_TABLE_SCANS"] = "t1-scans";
        info.Environment["INSIGHT_TABLE_SCAN_STATS"] = "t1-scan-stats";

        var output = new StringBuilder();
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var firstNext = server.FirstNextRequestTimestamp;
            var finished = Task.WhenAny(firstNext, server.InitError, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)))
                .GetAwaiter().GetResult();
            if (finished != firstNext)
            {
                throw new InvalidOperationException(
                    $"{executable} never polled /next (init error: {(server.InitError.IsCompletedSuccessfully ? server.InitError.Result.ErrorMessage : "none")}, " +
                    $"exited: {process.HasExited}). Output:\n{Snapshot(output)}");
            }

            var ms = Stopwatch.GetElapsedTime(started, firstNext.Result).TotalMilliseconds;
            _samples.Add(ms);
            return ms;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>Builds or publishes the sample once when its output is missing.</summary>
    private static void EnsureBuilt(string target, string verb, string project, params string[] arguments)
    {
        if (File.Exists(target))
        {
            return;
        }

        Console.WriteLine($"// {target} is missing: running dotnet {verb} {project} {string.Join(' ', arguments)}");
        var info = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        info.ArgumentList.Add(verb);
        info.ArgumentList.Add(project);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var build = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        build.WaitForExit();
        if (build.ExitCode != 0 || !File.Exists(target))
        {
            throw new InvalidOperationException($"dotnet {verb} failed (exit {build.ExitCode}) or did not produce {target}.");
        }
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return root is not null && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
    }
}

/// <summary>Adds the start-to-first-/next columns, read from what the benchmark processes recorded.</summary>
internal sealed class ColdStartConfig : ManualConfig
{
    public ColdStartConfig()
    {
        AddColumn(
            new StartToNextColumn("StartToNext Median", s => s.Median),
            new StartToNextColumn("StartToNext Min", s => s.Min),
            new StartToNextColumn("StartToNext P90", s => s.P90));
    }
}

internal readonly record struct Stats(double Median, double Mean, double Min, double P90, double Max)
{
    public static Stats Of(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
        {
            return default;
        }

        var sorted = samples.Order().ToArray();
        return new Stats(Percentile(sorted, 0.5), sorted.Average(), sorted[0], Percentile(sorted, 0.9), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}

/// <summary>A statistic of the pure start-to-first-/next interval, which BenchmarkDotNet's own columns do not isolate.</summary>
internal sealed class StartToNextColumn(string name, Func<Stats, double> statistic) : IColumn
{
    public string Id => nameof(StartToNextColumn) + "." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{name} of process start to the first GET /runtime/invocation/next, over the measured iterations (ms)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var file = ColdStartBenchmarks.SamplesFile(benchmarkCase.Descriptor.WorkloadMethod.Name);
        if (!File.Exists(file))
        {
            return "NA";
        }

        var samples = File.ReadAllLines(file)
            .Where(line => line.Length > 0)
            .Select(line => double.Parse(line, CultureInfo.InvariantCulture))
            .ToArray();
        return samples.Length == 0 ? "NA" : $"{statistic(Stats.Of(samples)).ToString("F2", CultureInfo.InvariantCulture)} ms";
    }

    public override string ToString() => ColumnName;
}
