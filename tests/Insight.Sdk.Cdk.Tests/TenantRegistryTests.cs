using System.Globalization;
using System.Text.Json;
using Insight.Sdk.Cdk.Fleet;
using Insight.Sdk.Cdk.Stacks;
using Insight.Sdk.Cdk.Synthesis;

namespace Insight.Sdk.Cdk.Tests;

[Collection(SynthCollection.Name)]
public sealed class TenantRegistryTests(SynthesizedFleet fleet)
{
    [Fact]
    public void Six_thousand_tenants_become_instance_overrides_and_leave_the_template_unchanged()
    {
        var registry = Registry(6000);
        var outdir = Path.Combine(fleet.Directory, "fleet-6000");

        var result = StackSetTemplates.Synthesize(Infra.FleetApp.Create(outdir));
        var overrides = Infra.FleetApp.WriteInstanceOverrides(outdir, registry);

        // The fleet has several services; each gets its overrides, and ScanIngest's template stands for all of them.
        Assert.Equal(Infra.FleetApp.StackNames.Length, overrides.Count);
        Assert.Equal(fleet.ScanIngestJson, File.ReadAllText(result.Templates.Single(t => t.EndsWith("ScanIngest.template.json", StringComparison.Ordinal))));
        using var instances = JsonDocument.Parse(File.ReadAllText(overrides.Single(o => o.EndsWith("ScanIngest.instances.json", StringComparison.Ordinal))));
        var all = instances.RootElement.EnumerateArray().ToList();
        Assert.Equal(6000, all.Count);
        var last = all[^1];
        Assert.Equal(registry.Tenants[^1].AccountId, last.GetProperty("account").GetString());
        Assert.Equal("tenant-5999", last.GetProperty("parameters").GetProperty("TenantId").GetString());
        Assert.Equal(ScheduleSlots.ForAccount(registry.Tenants[^1].AccountId), last.GetProperty("parameters").GetProperty("ScheduleSlot").GetString());
    }

    [Fact]
    public void Settings_travel_as_json_text()
    {
        using var settings = JsonDocument.Parse("""{"shiftStart":"06:00"}""");
        var registry = new TenantRegistry([new TenantAccount("plant-1", "345678901234", settings.RootElement.Clone())]);

        var parameters = Assert.Single(registry.InstanceOverrides()).Parameters;

        Assert.Equal("""{"shiftStart":"06:00"}""", parameters["TenantSettings"]);
    }

    public static TenantRegistry Registry(int tenants) =>
        new([.. Enumerable.Range(0, tenants).Select(i => new TenantAccount($"tenant-{i}", (200_000_000_000L + i).ToString(CultureInfo.InvariantCulture)))]);
}
