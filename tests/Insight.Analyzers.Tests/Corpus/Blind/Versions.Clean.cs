// Blind corpus, INS111 near-misses: versions equal by major, minor and patch, properties the monorepo does not
// declare, test projects. Written from the rule page only; each case must stay silent.

// ==== case: all-equal
// options: build_property.InsightSdkVersion = 0.1.0; build_property.InsightSdkCentralVersion = 0.1.0; build_property.TargetFramework = net10.0; build_property.InsightTargetFramework = net10.0; build_property.RuntimeIdentifier = linux-arm64; build_property.InsightRuntimeIdentifier = linux-arm64
public static class AllEqual
{
    public static string Describe() => "all-equal";
}

// ==== case: central-sdk-undeclared
// options: build_property.InsightSdkVersion = 0.0.3
public static class CentralSdkUndeclared
{
    public static string Describe() => "central-sdk-undeclared";
}

// ==== case: central-framework-undeclared
// options: build_property.TargetFramework = net8.0
public static class CentralFrameworkUndeclared
{
    public static string Describe() => "central-framework-undeclared";
}

// ==== case: no-runtime-identifier
// options: build_property.InsightRuntimeIdentifier = linux-arm64; build_property.TargetFramework = net10.0; build_property.InsightTargetFramework = net10.0
public static class NoRuntimeIdentifier
{
    public static string Describe() => "no-runtime-identifier";
}

// ==== case: framework-case-differs
// options: build_property.TargetFramework = NET10.0; build_property.InsightTargetFramework = net10.0
public static class FrameworkCaseDiffers
{
    public static string Describe() => "framework-case-differs";
}

// ==== case: sdk-four-part
// options: build_property.InsightSdkVersion = 0.1.0.0; build_property.InsightSdkCentralVersion = 0.1.0
public static class SdkFourPart
{
    public static string Describe() => "sdk-four-part";
}

// ==== case: sdk-build-metadata
// options: build_property.InsightSdkVersion = 0.1.0+sha.5114f85; build_property.InsightSdkCentralVersion = 0.1.0
public static class SdkBuildMetadata
{
    public static string Describe() => "sdk-build-metadata";
}

// ==== case: central-matches-referenced
// options: build_property.InsightSdkCentralVersion = 0.1.0
public static class CentralMatchesReferenced
{
    public static string Describe() => "central-matches-referenced";
}

// ==== case: central-two-part-matches-referenced
// options: build_property.InsightSdkCentralVersion = 0.1
public static class CentralTwoPartMatchesReferenced
{
    public static string Describe() => "central-two-part-matches-referenced";
}

// ==== case: central-prerelease-same-patch
// options: build_property.InsightSdkCentralVersion = 0.1.0-preview.2
public static class CentralPrereleaseSamePatch
{
    public static string Describe() => "central-prerelease-same-patch";
}

// ==== case: sdk-version-empty
// options: build_property.InsightSdkVersion = ; build_property.InsightSdkCentralVersion = 0.1.0
public static class SdkVersionEmpty
{
    public static string Describe() => "sdk-version-empty";
}

// ==== case: runtime-equal-x64
// options: build_property.RuntimeIdentifier = linux-x64; build_property.InsightRuntimeIdentifier = linux-x64
public static class RuntimeEqualX64
{
    public static string Describe() => "runtime-equal-x64";
}

// ==== case: runtime-central-empty
// options: build_property.RuntimeIdentifier = linux-x64; build_property.InsightRuntimeIdentifier = 
public static class RuntimeCentralEmpty
{
    public static string Describe() => "runtime-central-empty";
}

// ==== case: central-four-part
// options: build_property.InsightSdkCentralVersion = 0.1.0.0
public static class CentralFourPart
{
    public static string Describe() => "central-four-part";
}

// ==== case: framework-equal
// options: build_property.TargetFramework = net10.0; build_property.InsightTargetFramework = net10.0
public static class FrameworkEqual
{
    public static string Describe() => "framework-equal";
}

// ==== case: nothing-declared
// options: build_property.MSBuildProjectName = Scans
public static class NothingDeclared
{
    public static string Describe() => "nothing-declared";
}

// ==== case: sdk-and-central-equal-prerelease
// options: build_property.InsightSdkVersion = 0.1.0-rc.1; build_property.InsightSdkCentralVersion = 0.1.0-rc.1
public static class SdkAndCentralEqualPrerelease
{
    public static string Describe() => "sdk-and-central-equal-prerelease";
}

// ==== case: runtime-equal-arm64-framework-equal
// options: build_property.RuntimeIdentifier = linux-arm64; build_property.InsightRuntimeIdentifier = linux-arm64; build_property.TargetFramework = net10.0; build_property.InsightTargetFramework = net10.0
public static class RuntimeEqualArm64FrameworkEqual
{
    public static string Describe() => "runtime-equal-arm64-framework-equal";
}

// ==== case: sdk-matches-central-three-part
// options: build_property.InsightSdkVersion = 0.1.0; build_property.InsightSdkCentralVersion = 0.1.0.0
public static class SdkMatchesCentralThreePart
{
    public static string Describe() => "sdk-matches-central-three-part";
}

// ==== case: central-with-build-metadata
// options: build_property.InsightSdkCentralVersion = 0.1.0+build.7
public static class CentralWithBuildMetadata
{
    public static string Describe() => "central-with-build-metadata";
}

// ==== case: test-project-drifts
// project: test
// options: build_property.InsightSdkVersion = 0.0.1; build_property.InsightSdkCentralVersion = 0.1.0; build_property.TargetFramework = net8.0; build_property.InsightTargetFramework = net10.0
public sealed class VersionTests
{
    [Xunit.Fact]
    public void Runs() => _ = nameof(VersionTests);
}
