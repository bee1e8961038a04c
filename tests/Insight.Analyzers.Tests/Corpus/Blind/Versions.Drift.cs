// Blind corpus, INS111 drift: a project's SDK version, framework and runtime against the monorepo's, written from the
// rule page only as MSBuild hands the properties to analyzers. The finding is the project's, so it has no line.

// ==== case: sdk-older-patch-pinned
// options: build_property.InsightSdkVersion = 0.0.9; build_property.InsightSdkCentralVersion = 0.1.0
// expect: INS111
public static class SdkOlderPatchPinned
{
    public static string Describe() => "sdk-older-patch-pinned";
}

// ==== case: sdk-prerelease-ahead
// options: build_property.InsightSdkVersion = 0.2.0-beta.1; build_property.InsightSdkCentralVersion = 0.1.0
// expect: INS111
public static class SdkPrereleaseAhead
{
    public static string Describe() => "sdk-prerelease-ahead";
}

// ==== case: version-override-behind-central-minor
// options: build_property.InsightSdkCentralVersion = 0.2.0
// expect: INS111
public static class VersionOverrideBehindCentralMinor
{
    public static string Describe() => "version-override-behind-central-minor";
}

// ==== case: version-override-behind-central-major
// options: build_property.InsightSdkCentralVersion = 1.0.0
// expect: INS111
public static class VersionOverrideBehindCentralMajor
{
    public static string Describe() => "version-override-behind-central-major";
}

// ==== case: version-override-ahead-of-central
// options: build_property.InsightSdkCentralVersion = 0.0.1
// expect: INS111
public static class VersionOverrideAheadOfCentral
{
    public static string Describe() => "version-override-ahead-of-central";
}

// ==== case: framework-net8
// options: build_property.TargetFramework = net8.0; build_property.InsightTargetFramework = net10.0
// expect: INS111
public static class FrameworkNet8
{
    public static string Describe() => "framework-net8";
}

// ==== case: framework-ahead-of-central
// options: build_property.TargetFramework = net10.0; build_property.InsightTargetFramework = net9.0
// expect: INS111
public static class FrameworkAheadOfCentral
{
    public static string Describe() => "framework-ahead-of-central";
}

// ==== case: framework-windows-platform
// options: build_property.TargetFramework = net10.0-windows10.0.19041.0; build_property.InsightTargetFramework = net10.0
// expect: INS111
public static class FrameworkWindowsPlatform
{
    public static string Describe() => "framework-windows-platform";
}

// ==== case: framework-netcoreapp
// options: build_property.TargetFramework = netcoreapp3.1; build_property.InsightTargetFramework = net10.0
// expect: INS111
public static class FrameworkNetcoreapp
{
    public static string Describe() => "framework-netcoreapp";
}

// ==== case: runtime-x64-in-arm-fleet
// options: build_property.RuntimeIdentifier = linux-x64; build_property.InsightRuntimeIdentifier = linux-arm64
// expect: INS111
public static class RuntimeX64InArmFleet
{
    public static string Describe() => "runtime-x64-in-arm-fleet";
}

// ==== case: runtime-musl
// options: build_property.RuntimeIdentifier = linux-musl-arm64; build_property.InsightRuntimeIdentifier = linux-arm64
// expect: INS111
public static class RuntimeMusl
{
    public static string Describe() => "runtime-musl";
}

// ==== case: runtime-windows
// options: build_property.RuntimeIdentifier = win-x64; build_property.InsightRuntimeIdentifier = linux-x64
// expect: INS111
public static class RuntimeWindows
{
    public static string Describe() => "runtime-windows";
}

// ==== case: runtime-osx
// options: build_property.RuntimeIdentifier = osx-arm64; build_property.InsightRuntimeIdentifier = linux-arm64
// expect: INS111
public static class RuntimeOsx
{
    public static string Describe() => "runtime-osx";
}

// ==== case: runtime-arm32-prefix
// options: build_property.RuntimeIdentifier = linux-arm; build_property.InsightRuntimeIdentifier = linux-arm64
// expect: INS111
public static class RuntimeArm32Prefix
{
    public static string Describe() => "runtime-arm32-prefix";
}

// ==== case: sdk-and-framework-both
// options: build_property.InsightSdkVersion = 0.0.5; build_property.InsightSdkCentralVersion = 0.1.0; build_property.TargetFramework = net9.0; build_property.InsightTargetFramework = net10.0
// expect: INS111
public static class SdkAndFrameworkBoth
{
    public static string Describe() => "sdk-and-framework-both";
}

// ==== case: sdk-patch-ahead
// options: build_property.InsightSdkVersion = 0.1.1; build_property.InsightSdkCentralVersion = 0.1.0
// expect: INS111
public static class SdkPatchAhead
{
    public static string Describe() => "sdk-patch-ahead";
}

// ==== case: sdk-minor-ten-versus-one
// options: build_property.InsightSdkVersion = 0.10.0; build_property.InsightSdkCentralVersion = 0.1.0
// expect: INS111
public static class SdkMinorTenVersusOne
{
    public static string Describe() => "sdk-minor-ten-versus-one";
}

// ==== case: sdk-major-ahead
// options: build_property.InsightSdkVersion = 1.1.0; build_property.InsightSdkCentralVersion = 0.1.0
// expect: INS111
public static class SdkMajorAhead
{
    public static string Describe() => "sdk-major-ahead";
}

// ==== case: sdk-two-part-behind
// options: build_property.InsightSdkVersion = 0.1; build_property.InsightSdkCentralVersion = 0.2.0
// expect: INS111
public static class SdkTwoPartBehind
{
    public static string Describe() => "sdk-two-part-behind";
}

// ==== case: sdk-patch-behind
// options: build_property.InsightSdkVersion = 0.1.0; build_property.InsightSdkCentralVersion = 0.1.2
// expect: INS111
public static class SdkPatchBehind
{
    public static string Describe() => "sdk-patch-behind";
}

// ==== case: runtime-and-framework
// options: build_property.RuntimeIdentifier = linux-x64; build_property.InsightRuntimeIdentifier = linux-arm64; build_property.TargetFramework = net8.0; build_property.InsightTargetFramework = net10.0
// expect: INS111
public static class RuntimeAndFramework
{
    public static string Describe() => "runtime-and-framework";
}
