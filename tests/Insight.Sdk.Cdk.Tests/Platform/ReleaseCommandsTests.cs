using Insight.Sdk.Cdk.Platform;

namespace Insight.Sdk.Cdk.Tests.Platform;

/// <summary>The pipeline's build steps need nothing but the monorepo: no script of this repository is sourced.</summary>
[Collection(SynthCollection.Name)]
public sealed class ReleaseCommandsTests
{
    [Fact]
    public void The_publish_step_installs_what_it_needs_itself_and_sources_no_repository_script()
    {
        var template = SynthesizedPlatform.Shared.Template.GetRawText();

        Assert.DoesNotContain("scripts/", template, StringComparison.Ordinal);
        Assert.DoesNotContain("prerequisites.sh", template, StringComparison.Ordinal);
        Assert.Contains("gcc-aarch64-linux-gnu", template, StringComparison.Ordinal);
        Assert.Contains("apt-get install", ReleasePipeline.CrossCompilePrerequisites, StringComparison.Ordinal);
    }
}
