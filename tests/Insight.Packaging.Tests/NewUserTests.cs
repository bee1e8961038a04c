using System.Globalization;
using System.Text.RegularExpressions;

namespace Insight.Packaging.Tests;

/// <summary>
/// The path a new user takes, offline from the packed packages: pack, install the templates, scaffold a monorepo and
/// a second service, build, test, publish natively, synthesize — then see a drift warning as they would in the IDE.
/// </summary>
public sealed partial class NewUserTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "insight-newuser-" + Guid.NewGuid().ToString("N")[..8]);

    // A version of its own per run: the machine's package cache never serves an older build of the same version.
    private readonly string _version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Packed_templates_scaffold_a_monorepo_that_builds_tests_publishes_and_synthesizes()
    {
        var repository = TestRepository.Root;
        var packages = Path.Combine(_root, "packages");
        var hive = Path.Combine(_root, "hive");
        Directory.CreateDirectory(_root);

        // Built under an artifacts path of its own, so it never races the other tests' builds in the source tree.
        await Shell.RunOrFailAsync(repository, "dotnet", "pack", "Insight.Sdk.sln", "-c", "Release", "-o", packages, "--artifacts-path", Path.Combine(_root, "build"), $"-p:Version={_version}");
        Assert.True(File.Exists(Path.Combine(packages, $"Insight.Sdk.{_version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(packages, $"Insight.Sdk.Cdk.{_version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(packages, $"Insight.Templates.{_version}.nupkg")));

        await Shell.RunOrFailAsync(_root, "dotnet", "new", "install", Path.Combine(packages, $"Insight.Templates.{_version}.nupkg"), "--debug:custom-hive", hive);
        await Shell.RunOrFailAsync(_root, "dotnet", "new", "insight-monorepo", "-n", "Plant", "--ServiceName", "ScanIngest", "--InsightVersion", _version, "--debug:custom-hive", hive);
        var monorepo = Path.Combine(_root, "Plant");
        await Shell.RunOrFailAsync(monorepo, "dotnet", "new", "insight-service", "-n", "Orders", "-o", "services", "--skipRestore", "--debug:custom-hive", hive);
        await Shell.RunOrFailAsync(monorepo, "dotnet", "new", "insight-handler", "-n", "CountMetrics", "--kind", "metric", "--namespace", "Orders", "-o", "services/Orders", "--debug:custom-hive", hive);
        await Shell.RunOrFailAsync(monorepo, "dotnet", "sln", "add", "services/Orders/Orders.csproj", "services/Orders.Tests/Orders.Tests.csproj");

        // The Insight packages come from the packed folder; everything else from the machine's usual sources.
        File.WriteAllText(Path.Combine(monorepo, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="insight-packed" value="{packages}" />
              </packageSources>
            </configuration>
            """);

        var build = await Shell.RunOrFailAsync(monorepo, "dotnet", "build", "-c", "Release");
        Assert.DoesNotMatch(WarningLine(), build);
        Assert.Contains("0 Warning(s)", build, StringComparison.Ordinal);

        var test = await Shell.RunOrFailAsync(monorepo, "dotnet", "test", "-c", "Release", "--no-build");
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+2", test);

        var publishFolder = Path.Combine(_root, "publish");
        var publish = await Shell.RunOrFailAsync(monorepo, "dotnet", "publish", "services/ScanIngest", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", publishFolder);
        Assert.DoesNotMatch(WarningLine(), publish);
        Assert.True(File.Exists(Path.Combine(publishFolder, "bootstrap")));
        Assert.Contains("\"StoreScan\"", File.ReadAllText(Path.Combine(publishFolder, "insight.manifest.json")), StringComparison.Ordinal);

        var cdkOut = Path.Combine(_root, "cdk.out");
        await Shell.RunOrFailAsync(monorepo, "dotnet", "run", "--project", "infra", "-c", "Release", "--", cdkOut);
        Assert.Contains("\"provided.al2023\"", File.ReadAllText(Path.Combine(cdkOut, "ScanIngest.template.json")), StringComparison.Ordinal);

        // Drift, as a developer would see it: a hard-coded account id in a handler.
        var handler = Path.Combine(monorepo, "services", "ScanIngest", "StoreScan.cs");
        File.WriteAllText(handler, File.ReadAllText(handler).Replace(
            "metrics.Add(stored ? \"ScansStored\" : \"ScansDuplicate\", 1);",
            "metrics.Add(stored ? \"ScansStored\" : \"ScansDuplicate\", 1);\n        if (tenant.AccountId == \"123456789012\") { metrics.Add(\"Special\", 1); }",
            StringComparison.Ordinal));
        var (_, drifted) = await Shell.RunAsync(monorepo, "dotnet", "build", "services/ScanIngest", "-c", "Release", "-p:TreatWarningsAsErrors=false");
        Assert.Matches(@"StoreScan\.cs\(\d+,\d+\): warning INS100", drifted);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [GeneratedRegex(@": warning [A-Z]+\d+")]
    private static partial Regex WarningLine();
}
