namespace Insight.Integration.Tests;

/// <summary>The arm64 cross-compile that deployments use by default.</summary>
[Collection(PublishCollection.Name)]
public sealed class Arm64PublishTests(PublishedScanIngestArm64 published) : IClassFixture<PublishedScanIngestArm64>
{
    [Fact]
    public void Arm64_publish_is_warning_free_and_yields_an_aarch64_bootstrap()
    {
        Assert.DoesNotMatch(@"warning [A-Z]+\d+", published.PublishOutput);
        using var file = File.OpenRead(published.Bootstrap);
        var header = new byte[20];
        file.ReadExactly(header);

        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(0xB7, BitConverter.ToUInt16(header, 18)); // e_machine: EM_AARCH64
        Assert.True(File.Exists(Path.Combine(published.Folder, "insight.manifest.json")));
    }

    [Fact]
    public void Arm64_bootstrap_needs_no_glibc_newer_than_provided_al2023_has()
    {
        Assert.True(published.NewestGlibcNeeded() <= new Version(2, 34), $"bootstrap needs GLIBC_{published.NewestGlibcNeeded()}");
    }
}
