using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Insight.Testing;

namespace Insight.Packaging.Tests;

/// <summary>
/// The README's "Start a new monorepo" section, run as it stands, in an empty folder outside the repository with a NuGet
/// packages folder that has never seen the Insight packages: pack, scaffold, a second service, a handler of each
/// trigger, build, test, the tool, publish and zip per service, synth with content keys. Then what a team does next:
/// the CI script again without a change (the service templates stay byte-identical), the README's "Run it locally"
/// section (two tenant accounts from the templates, events in with insight send, a table per account, a poison message
/// in the dead-letter queue, a route with and without a token), and a hard-coded account id, reported as drift.
/// </summary>
public sealed partial class NewMonorepoTests : IDisposable
{
    private static readonly TimeSpan ReadmeTimeout = TimeSpan.FromMinutes(40);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan LocalRunTimeout = TimeSpan.FromMinutes(25);
    private static readonly string[] Services = ["Orders", "Receiving"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "insight-monorepo-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<string, string> _environment;

    public NewMonorepoTests()
    {
        Directory.CreateDirectory(_root);
        _environment = new Dictionary<string, string>
        {
            ["INSIGHT_SDK"] = TestRepository.Root,
            ["NUGET_PACKAGES"] = Path.Combine(_root, ".nuget-packages"),
        };
    }

    [Fact]
    public async Task The_readme_section_scaffolds_a_monorepo_that_builds_tests_packages_and_synthesizes_by_content()
    {
        var commands = ReadmeSection.Commands(Path.Combine(TestRepository.Root, "README.md"), "start-a-new-monorepo");
        var hive = Path.Combine(_root, ".template-hive");

        // The one addition: `dotnet new` uses a private template hive, so the machine's templates are left as they were.
        var script = $$"""
            set -euo pipefail
            dotnet() { if [ "$1" = new ]; then command dotnet "$@" --debug:custom-hive '{{hive}}'; else command dotnet "$@"; fi; }
            {{commands}}
            """;
        var workspace = Path.Combine(_root, "work");
        Directory.CreateDirectory(workspace);
        var output = await Shell.RunOrFailAsync(workspace, _environment, ReadmeTimeout, "bash", "-c", script);

        // dotnet build: zero warnings; dotnet test: each service's tests ran and passed.
        Assert.DoesNotMatch(WarningLine(), output);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);
        Assert.Equal(2, PassedTestRuns().Matches(output).Count);

        var monorepo = Path.Combine(workspace, "Plant");
        Assert.Contains("Deploying 2 service(s): Orders, Receiving", output, StringComparison.Ordinal);
        var release = ReadRelease(monorepo);
        foreach (var service in Services)
        {
            var package = release.GetProperty("services").GetProperty(service);
            var codeKey = package.GetProperty("codeKey").GetString()!;
            Assert.Matches($"^{service}/arm64/[0-9a-f]{{64}}\\.zip$", codeKey);
            AssertDeterministicZipForArm64(Path.Combine(monorepo, "artifacts", "release", codeKey));

            // Every function of the service runs the package under its content key; the template is stored under its own.
            var template = File.ReadAllBytes(Path.Combine(monorepo, "cdk.out", $"{service}.template.json"));
            var keys = CodeKeys(template);
            Assert.NotEmpty(keys);
            Assert.All(keys, key => Assert.Equal(codeKey, key));
            var templateKey = package.GetProperty("templateKey").GetString()!;
            Assert.Matches($"^templates/{service}/[0-9a-f]{{64}}\\.template\\.json$", templateKey);
            Assert.Equal(template, File.ReadAllBytes(Path.Combine(monorepo, "artifacts", "release", templateKey)));
        }

        // The platform that rolls the services out, from Insight.Sdk.Cdk: one stack set per service, vending, guardrails.
        var platformTemplate = Path.Combine(monorepo, "cdk.out", "platform", "InsightPlatform.template.json");
        Assert.True(File.Exists(platformTemplate), $"the synth wrote no platform template:\n{output}");
        using (var platform = JsonDocument.Parse(File.ReadAllBytes(platformTemplate)))
        {
            var stackSets = platform.RootElement.GetProperty("Resources").EnumerateObject()
                .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::CloudFormation::StackSet")
                .Select(r => r.Value.GetProperty("Properties").GetProperty("StackSetName").ToString()).ToList();
            Assert.All(Services, service => Assert.Contains(stackSets, name => name.Contains(service, StringComparison.Ordinal)));
        }

        // Every trigger the README added is a function of Orders.
        using (var orders = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(monorepo, "artifacts", "publish", "Orders", "insight.manifest.json"))))
        {
            var triggers = orders.RootElement.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("trigger").GetString()).ToHashSet();
            Assert.Equal(["EventBridge", "HttpApi", "Schedule", "SqsBatch"], triggers.Order());
        }

        // The CI script again, without a change: every service keeps its keys and its template, byte for byte.
        var templatesBefore = Services.ToDictionary(s => s, s => File.ReadAllBytes(Path.Combine(monorepo, "cdk.out", $"{s}.template.json")));
        var releaseBefore = File.ReadAllText(Path.Combine(monorepo, "artifacts", "release", "release.json"));
        var ci = await Shell.RunOrFailAsync(monorepo, _environment, StepTimeout, "bash", "ci.sh");
        Assert.Contains("unchanged, already packaged", ci, StringComparison.Ordinal);
        foreach (var service in Services)
        {
            Assert.Equal(templatesBefore[service], File.ReadAllBytes(Path.Combine(monorepo, "cdk.out", $"{service}.template.json")));
        }

        Assert.Equal(releaseBefore, File.ReadAllText(Path.Combine(monorepo, "artifacts", "release", "release.json")));

        // The README's local run, in the same monorepo: its check script exits non-zero at the first thing not as it says.
        var local = await Shell.RunOrFailAsync(
            monorepo, _environment, LocalRunTimeout, "bash", "-c", "set -euo pipefail\n" + ReadmeSection.Commands(Path.Combine(TestRepository.Root, "README.md"), "run-locally"));
        Assert.Matches(@"tenant-001 Orders dead-letter queue \S+: 1 visible", local);
        Assert.Contains("\"tenant\":\"tenant-001\"", local, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(monorepo, ".insight", "local", "run.json")), "insight local left its run.json behind");

        // Drift, as a developer sees it in the IDE: a hard-coded account id in a handler.
        var handler = Path.Combine(monorepo, "services", "Orders", "StoreOrdersEvent.cs");
        var source = File.ReadAllText(handler);
        var anchor = "metrics.Add(stored ? \"EventsStored\" : \"EventsDuplicate\", 1);";
        Assert.Contains(anchor, source, StringComparison.Ordinal);
        File.WriteAllText(handler, source.Replace(anchor, anchor + "\n        if (tenant.AccountId == \"123456789012\") { metrics.Add(\"Special\", 1); }", StringComparison.Ordinal));
        var (_, drifted) = await Shell.RunAsync(monorepo, _environment, StepTimeout, "dotnet", "build", "services/Orders", "-c", "Release", "-p:TreatWarningsAsErrors=false");
        Assert.Matches(@"StoreOrdersEvent\.cs\(\d+,\d+\): warning INS100", drifted);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static JsonElement ReadRelease(string monorepo)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(monorepo, "artifacts", "release", "release.json")));
        return document.RootElement.Clone();
    }

    private static List<string> CodeKeys(byte[] template)
    {
        using var document = JsonDocument.Parse(template);
        return [.. document.RootElement.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::Lambda::Function")
            .Select(r => r.Value.GetProperty("Properties").GetProperty("Code").GetProperty("S3Key").GetString()!)];
    }

    /// <summary>The zip Lambda takes: the bootstrap (an aarch64 executable) and the manifest, in that order, with fixed times.</summary>
    private static void AssertDeterministicZipForArm64(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["bootstrap", "insight.manifest.json"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, entry => Assert.Equal(new DateTime(1980, 1, 1), entry.LastWriteTime.DateTime));
        Assert.Equal(0b111_101_101, (zip.Entries[0].ExternalAttributes >> 16) & 0b111_111_111);

        // ELF header: e_machine at offset 18 is 0xB7 for aarch64.
        using var bootstrap = zip.Entries[0].Open();
        var header = new byte[20];
        bootstrap.ReadExactly(header);
        Assert.Equal("\u007fELF", System.Text.Encoding.ASCII.GetString(header, 0, 4));
        Assert.Equal(0xB7, BitConverter.ToUInt16(header, 18));
    }

    [GeneratedRegex(@": warning [A-Z]+\d+")]
    private static partial Regex WarningLine();

    [GeneratedRegex(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+5\b")]
    private static partial Regex PassedTestRuns();
}
