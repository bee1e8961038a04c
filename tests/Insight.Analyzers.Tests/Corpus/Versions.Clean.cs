// INS111 near-misses: a project's Insight SDK version, target framework and runtime against what the monorepo declares.
// The build properties are given as the compiler hands them to analyzers; the finding is the project's, so it has no line.

// ==== case: framework-matches
// options: build_property.TargetFramework = net10.0; build_property.InsightTargetFramework = net10.0
public static class FrameworkMatches
{
    public static string Name => "framework-matches";
}

// ==== case: framework-case-differs
// options: build_property.TargetFramework = NET10.0; build_property.InsightTargetFramework = net10.0
public static class FrameworkCaseDiffers
{
    public static string Name => "framework-case-differs";
}

// ==== case: framework-whitespace
// options: build_property.TargetFramework =  net10.0; build_property.InsightTargetFramework = net10.0
public static class FrameworkWhitespace
{
    public static string Name => "framework-whitespace";
}

// ==== case: framework-not-declared
// options: build_property.TargetFramework = net9.0
public static class FrameworkNotDeclared
{
    public static string Name => "framework-not-declared";
}

// ==== case: framework-declared-empty
// options: build_property.TargetFramework = net9.0; build_property.InsightTargetFramework =
public static class FrameworkDeclaredEmpty
{
    public static string Name => "framework-declared-empty";
}

// ==== case: runtime-matches
// options: build_property.RuntimeIdentifier = linux-arm64; build_property.InsightRuntimeIdentifier = linux-arm64
public static class RuntimeMatches
{
    public static string Name => "runtime-matches";
}

// ==== case: runtime-unset-in-project
// options: build_property.RuntimeIdentifier =; build_property.InsightRuntimeIdentifier = linux-arm64
public static class RuntimeUnsetInProject
{
    public static string Name => "runtime-unset-in-project";
}

// ==== case: runtime-not-declared
// options: build_property.RuntimeIdentifier = linux-x64
public static class RuntimeNotDeclared
{
    public static string Name => "runtime-not-declared";
}

// ==== case: runtime-case-differs
// options: build_property.RuntimeIdentifier = Linux-ARM64; build_property.InsightRuntimeIdentifier = linux-arm64
public static class RuntimeCaseDiffers
{
    public static string Name => "runtime-case-differs";
}

// ==== case: sdk-version-matches
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.1.0
public static class SdkVersionMatches
{
    public static string Name => "sdk-version-matches";
}

// ==== case: sdk-version-two-parts
// options: build_property.InsightSdkCentralVersion = 0.1; build_property.InsightSdkVersion = 0.1.0
public static class SdkVersionTwoParts
{
    public static string Name => "sdk-version-two-parts";
}

// ==== case: sdk-version-four-parts
// options: build_property.InsightSdkCentralVersion = 0.1.0.0; build_property.InsightSdkVersion = 0.1.0
public static class SdkVersionFourParts
{
    public static string Name => "sdk-version-four-parts";
}

// ==== case: sdk-version-build-metadata
// options: build_property.InsightSdkCentralVersion = 0.1.0+abc123; build_property.InsightSdkVersion = 0.1.0
public static class SdkVersionBuildMetadata
{
    public static string Name => "sdk-version-build-metadata";
}

// ==== case: sdk-version-same-prerelease
// options: build_property.InsightSdkCentralVersion = 0.1.0-preview.2; build_property.InsightSdkVersion = 0.1.0-preview.2
public static class SdkVersionSamePrerelease
{
    public static string Name => "sdk-version-same-prerelease";
}

// ==== case: referenced-sdk-matches-central
// options: build_property.InsightSdkCentralVersion = 0.1.0
public static class ReferencedSdkMatchesCentral
{
    public static string Name => "referenced-sdk-matches-central";
}

// ==== case: sdk-version-without-central
// options: build_property.InsightSdkVersion = 0.0.1
public static class SdkVersionWithoutCentral
{
    public static string Name => "sdk-version-without-central";
}

// ==== case: nothing-declared
public static class NothingDeclared
{
    public static string Name => "nothing-declared";
}

// ==== case: unparsable-central-version
// options: build_property.InsightSdkCentralVersion = $(SdkVersion); build_property.InsightSdkVersion = 0.1.0
public static class UnparsableCentralVersion
{
    public static string Name => "unparsable-central-version";
}

// ==== case: test-project-drifts
// project: test
// options: build_property.TargetFramework = net9.0; build_property.InsightTargetFramework = net10.0; build_property.InsightSdkCentralVersion = 0.9.0
public static class TestProjectDrifts
{
    public static string Name => "test-project-drifts";
}

// ==== case: infrastructure-matches
// project: infrastructure
// options: build_property.TargetFramework = net10.0; build_property.InsightTargetFramework = net10.0; build_property.InsightSdkCentralVersion = 0.1.0
public sealed class InfrastructureMatches(Construct scope) : Stack(scope, "infrastructure-matches");

// ==== case: other-properties-differ
// options: build_property.LangVersion = preview; build_property.Nullable = disable; build_property.InsightTargetFramework = net10.0; build_property.TargetFramework = net10.0
public static class OtherPropertiesDiffer
{
    public static string Name => "other-properties-differ";
}
