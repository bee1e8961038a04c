using System.Reflection;
using Infra;
using Insight.Sdk.Cdk.Fleet;
using Insight.Sdk.Cdk.Platform;
using Insight.Sdk.Cdk.Synthesis;

// Synthesizes one StackSet-ready template per sample service into samples/Infra/cdk.out (or the folder given), and the
// platform stack that rolls them out into its platform/ subfolder. The release pipeline sets INSIGHT_RELEASE; a release
// index as the second argument (what `insight build` writes, and what `insight local` passes) gives each service's code key.
var projectDirectory = typeof(FleetApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
var outdir = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(projectDirectory, "cdk.out");
var release = Environment.GetEnvironmentVariable(ReleaseArtifacts.ReleaseVariable) is { Length: > 0 } value ? value : null;

var releaseIndex = args.Length > 1 ? Path.GetFullPath(args[1]) : null;

var app = FleetApp.Create(outdir, release, releaseIndex);
try
{
    var result = StackSetTemplates.Synthesize(app);
    foreach (var warning in result.Warnings)
    {
        Console.Error.WriteLine($"warning: {warning}");
    }

    foreach (var template in result.Templates)
    {
        Console.WriteLine($"{Path.GetFileName(template)} -> {template}");
    }

    var registry = TenantRegistry.Load(Path.Combine(projectDirectory, "tenants.json"));
    foreach (var overrides in FleetApp.WriteInstanceOverrides(outdir, registry))
    {
        Console.WriteLine($"{Path.GetFileName(overrides)} -> {overrides} ({registry.Tenants.Count} tenant accounts)");
    }

    var platformOutdir = Path.Combine(outdir, "platform");
    var (platformApp, platform) = FleetApp.CreatePlatform(platformOutdir, PlatformSettings.Load(Path.Combine(projectDirectory, "platform.json")));
    var platformTemplate = platformApp.Synth().GetStackByName(platform.StackName).TemplateFullPath;
    Console.WriteLine($"{Path.GetFileName(platformTemplate)} -> {platformTemplate} (platform: {platform.Services.Count} stack sets, account vending, guardrails, alarms)");
    var description = platform.Describe().Write(platformOutdir);
    Console.WriteLine($"{Path.GetFileName(description)} -> {description}");
    return 0;
}
catch (StackSetTemplateException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
catch (Exception exception) when (exception is PlatformSettingsException or GuardrailPolicyException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
