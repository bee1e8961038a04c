using System.Text.Json;

namespace FirstService.Tests;

public sealed class ServiceTests
{
    [Fact]
    public void The_manifest_declares_the_function_its_trigger_and_its_table()
    {
        using var manifest = JsonDocument.Parse(InsightService.Manifest);

        var function = manifest.RootElement.GetProperty("functions").EnumerateArray()
            .Single(f => f.GetProperty("handler").GetString() == "StoreScan");
        Assert.Equal("EventBridge", function.GetProperty("trigger").GetString());
        Assert.Equal("readwrite", function.GetProperty("tables")[0].GetProperty("access").GetString());
        Assert.Equal("ExpiresAt", manifest.RootElement.GetProperty("tables")[0].GetProperty("timeToLive").GetString());
    }

    [Fact]
    public void A_scan_item_survives_the_round_trip_through_its_stored_form()
    {
        var scan = new ScanItem("1f3e2c7a-9b1d-4c3e-8f2a-0123456789ab", "M2-0001", DateTimeOffset.FromUnixTimeMilliseconds(1767225600000), "4006381333931",
            DateTimeOffset.FromUnixTimeSeconds(1_775_000_000));

        var item = ScanItem.ToItem(scan);

        Assert.Equal(scan, ScanItem.FromItem(item));
        Assert.Equal("1775000000", item["ExpiresAt"].N);
    }
}
