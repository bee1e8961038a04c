// INS111 drift: a project's Insight SDK version, target framework and runtime against what the monorepo declares.
// The build properties are given as the compiler hands them to analyzers; the finding is the project's, so it has no line.

// ==== case: framework-older
// options: build_property.TargetFramework = net9.0; build_property.InsightTargetFramework = net10.0
// expect: INS111
public static class FrameworkOlder
{
    public static string Name => "framework-older";
}

// ==== case: framework-newer
// options: build_property.TargetFramework = net11.0; build_property.InsightTargetFramework = net10.0
// expect: INS111
public static class FrameworkNewer
{
    public static string Name => "framework-newer";
}

// ==== case: framework-netstandard
// options: build_property.TargetFramework = netstandard2.0; build_property.InsightTargetFramework = net10.0
// expect: INS111
public static class FrameworkNetstandard
{
    public static string Name => "framework-netstandard";
}

// ==== case: framework-platform-suffix
// options: build_property.TargetFramework = net10.0-windows; build_property.InsightTargetFramework = net10.0
// expect: INS111
public static class FrameworkPlatformSuffix
{
    public static string Name => "framework-platform-suffix";
}

// ==== case: runtime-x64-vs-arm64
// options: build_property.RuntimeIdentifier = linux-x64; build_property.InsightRuntimeIdentifier = linux-arm64
// expect: INS111
public static class RuntimeX64VsArm64
{
    public static string Name => "runtime-x64-vs-arm64";
}

// ==== case: runtime-arm64-vs-x64
// options: build_property.RuntimeIdentifier = linux-arm64; build_property.InsightRuntimeIdentifier = linux-x64
// expect: INS111
public static class RuntimeArm64VsX64
{
    public static string Name => "runtime-arm64-vs-x64";
}

// ==== case: runtime-musl
// options: build_property.RuntimeIdentifier = linux-musl-arm64; build_property.InsightRuntimeIdentifier = linux-arm64
// expect: INS111
public static class RuntimeMusl
{
    public static string Name => "runtime-musl";
}

// ==== case: runtime-windows
// options: build_property.RuntimeIdentifier = win-x64; build_property.InsightRuntimeIdentifier = linux-arm64
// expect: INS111
public static class RuntimeWindows
{
    public static string Name => "runtime-windows";
}

// ==== case: sdk-version-property-older
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.0.9
// expect: INS111
public static class SdkVersionPropertyOlder
{
    public static string Name => "sdk-version-property-older";
}

// ==== case: sdk-version-property-newer-minor
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.2.0
// expect: INS111
public static class SdkVersionPropertyNewerMinor
{
    public static string Name => "sdk-version-property-newer-minor";
}

// ==== case: sdk-version-property-major
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 1.0.0
// expect: INS111
public static class SdkVersionPropertyMajor
{
    public static string Name => "sdk-version-property-major";
}

// ==== case: sdk-version-property-patch
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.1.1
// expect: INS111
public static class SdkVersionPropertyPatch
{
    public static string Name => "sdk-version-property-patch";
}

// ==== case: referenced-sdk-behind-central
// options: build_property.InsightSdkCentralVersion = 0.2.0
// expect: INS111
public static class ReferencedSdkBehindCentral
{
    public static string Name => "referenced-sdk-behind-central";
}

// ==== case: referenced-sdk-ahead-of-central
// options: build_property.InsightSdkCentralVersion = 0.0.5
// expect: INS111
public static class ReferencedSdkAheadOfCentral
{
    public static string Name => "referenced-sdk-ahead-of-central";
}

// ==== case: referenced-sdk-behind-prerelease-central
// options: build_property.InsightSdkCentralVersion = 0.2.0-preview.1
// expect: INS111
public static class ReferencedSdkBehindPrereleaseCentral
{
    public static string Name => "referenced-sdk-behind-prerelease-central";
}

// ==== case: referenced-sdk-behind-major
// options: build_property.InsightSdkCentralVersion = 1.0
// expect: INS111
public static class ReferencedSdkBehindMajor
{
    public static string Name => "referenced-sdk-behind-major";
}

// ==== case: framework-and-runtime
// options: build_property.TargetFramework = net9.0; build_property.InsightTargetFramework = net10.0; build_property.RuntimeIdentifier = linux-x64; build_property.InsightRuntimeIdentifier = linux-arm64
// expect: INS111
public static class FrameworkAndRuntime
{
    public static string Name => "framework-and-runtime";
}

// ==== case: all-three
// options: build_property.TargetFramework = net9.0; build_property.InsightTargetFramework = net10.0; build_property.InsightSdkCentralVersion = 0.3.0; build_property.InsightSdkVersion = 0.3.0
// expect: INS111
public static class AllThree
{
    public static string Name => "all-three";
}

// ==== case: infrastructure-framework
// project: infrastructure
// options: build_property.TargetFramework = net8.0; build_property.InsightTargetFramework = net10.0
// expect: INS111
public sealed class InfrastructureFramework(Construct scope) : Stack(scope, "infrastructure-framework");

// ==== case: infrastructure-sdk-property
// project: infrastructure
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.0.1
// expect: INS111
public sealed class InfrastructureSdkProperty(Construct scope) : Stack(scope, "infrastructure-sdk-property");

// ==== case: version-override-property-with-prerelease
// options: build_property.InsightSdkCentralVersion = 0.1.0; build_property.InsightSdkVersion = 0.2.0-beta.3
// expect: INS111
public static class VersionOverridePropertyWithPrerelease
{
    public static string Name => "version-override-property-with-prerelease";
}
