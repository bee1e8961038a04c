using System.Text.RegularExpressions;
using Insight.Sdk.Fleet;

namespace Insight.Cli.Tests.Fleet;

/// <summary>The fleet's shared contract: declared once in src/, and what the infrastructure app writes the tool reads.</summary>
public sealed class FleetContractTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "insight-fleet-contract-" + Guid.NewGuid().ToString("N")[..8]);

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(TestRepository.Root, "src"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetExtension(f) is ".cs" or ".props" or ".targets" or ".json")
            .Select(f => (Path.GetRelativePath(TestRepository.Root, f), File.ReadAllText(f)));

    [Theory]
    [InlineData("FleetDescription")]
    [InlineData("RolloutPreferences")]
    [InlineData("TenantId")]
    public void Src_declares_each_fleet_type_once_in_Insight_Sdk_Fleet(string type)
    {
        var declarations = SourceFiles()
            .Where(f => Regex.IsMatch(f.Text, $@"\b(record|class|struct)\s+{type}\b"))
            .Select(f => f.Path.Replace('\\', '/'))
            .ToList();

        Assert.Equal([$"src/Insight.Sdk/Fleet/{type}.cs"], declarations);
    }

    [Fact]
    public void Src_spells_the_tenant_id_pattern_once()
    {
        var body = TenantId.Pattern.Trim('^', '$');
        var occurrences = SourceFiles().SelectMany(f => Enumerable.Repeat(f.Path, CountOf(f.Text, body))).ToList();

        Assert.Equal(["src/Insight.Sdk/Fleet/TenantId.cs".Replace('/', Path.DirectorySeparatorChar)], occurrences);
    }

    [Theory]
    [InlineData("acme-logistics", true)]
    [InlineData("a1", true)]
    [InlineData("a", false)]
    [InlineData("-acme", false)]
    [InlineData("Acme", false)]
    [InlineData("acme_logistics", false)]
    [InlineData(null, false)]
    public void The_tenant_id_rule(string? tenant, bool valid)
    {
        Assert.Equal(valid, TenantId.IsValid(tenant));
        Assert.True(TenantId.IsValid(new string('a', 63)));
        Assert.False(TenantId.IsValid(new string('a', 64)));
    }

    [Fact]
    public void A_written_description_reads_back_equal()
    {
        var description = RetirementPlannerTests.Fleet;

        var path = description.Write(_folder);
        var read = FleetDescription.Load(path);

        Assert.Equal(FleetDescription.FileName, Path.GetFileName(path));
        Assert.Equal(description.StackSets, read.StackSets);
        Assert.Equal(description.Regions, read.Regions);
        Assert.Equal(description.Rollout, read.Rollout);
        Assert.Equal(description with { StackSets = read.StackSets, Regions = read.Regions }, read);
        Assert.Contains("\"tenantsOrganizationalUnitId\": \"ou-exmp-tenants01\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_stack_sets_is_not_a_description()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, FleetDescription.FileName);
        File.WriteAllText(path, """{"platformStack":"P","tenantsOrganizationalUnitId":"ou-x","callAs":"SELF","stackSets":[],"regions":[],"registryTable":"r","platformRoleName":"p","rollout":{}}""");

        Assert.Throws<InvalidDataException>(() => FleetDescription.Load(path));
        File.WriteAllText(path, "not json");
        Assert.Throws<InvalidDataException>(() => FleetDescription.Load(path));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
