using System.Text.RegularExpressions;

namespace Insight.Sdk.Cdk.Platform;

/// <summary>
/// Where a release's files live in the artifact bucket. The pipeline uploads there, the service templates point their
/// functions there and the stack sets read their templates from there; all three take the keys from this one place.
/// Keys carry the release (the commit), so every rollout is a template change CloudFormation can see and roll back.
/// </summary>
public static partial class ReleaseArtifacts
{
    /// <summary>The environment variable through which the pipeline tells the infrastructure app the release being built.</summary>
    public const string ReleaseVariable = "INSIGHT_RELEASE";

    /// <summary>
    /// The <see cref="Services.InsightServiceOptions.ArtifactKeyFormat"/> of a release: <c>{service}</c> and
    /// <c>{arch}</c> stay placeholders for the service construct to fill.
    /// </summary>
    public static string PackageKeyFormat(string release) => PackageKey("{service}", Checked(release), "{arch}");

    /// <summary>The key of one service's bootstrap package for an architecture (<c>arm64</c> or <c>x86_64</c>).</summary>
    public static string PackageKey(string service, string release, string architecture) => $"{service}/{release}/{architecture}/bootstrap.zip";

    /// <summary>The key of one service's StackSet template.</summary>
    public static string TemplateKey(string service, string release) => $"releases/{release}/templates/{service}.template.json";

    /// <summary>Whether <paramref name="release"/> can be part of an object key and a CloudFormation parameter.</summary>
    public static bool IsRelease(string release) => ReleasePattern().IsMatch(release);

    private static string Checked(string release) => IsRelease(release)
        ? release
        : throw new ArgumentException($"Release {release} must be 1 to 64 letters, digits, dots, hyphens or underscores (a commit id fits).", nameof(release));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ReleasePattern();
}
