using Amazon.CDK;
using Insight.Sdk.Cdk.Platform;
using Insight.Sdk.Cdk.Stacks;
using Insight.Sdk.Cdk.Synthesis;

// Synthesizes one StackSet-ready template per service into cdk.out/ (or the folder given). With a release index
// (`insight build` writes artifacts/release/release.json) every function's code key is its service's content-addressed
// package, and each template is stored under a content key of its own beside the packages.
var outdir = args.Length > 0 ? args[0] : "cdk.out";
var releasePath = args.Length > 1 ? args[1] : Path.Combine("artifacts", "release", ReleaseIndex.FileName);
var release = File.Exists(releasePath) ? ReleaseIndex.Load(releasePath) : null;
if (release is null)
{
    Console.Error.WriteLine($"No release index at {releasePath}: run `dotnet insight build` first, so every function points at its package.");
    return 1;
}

// The platform (release pipeline, one stack set per service, account vending, guardrails, central alerts) comes from
// Insight.Sdk.Cdk; it is synthesized as an app of its own into cdk.out/platform, deployed once to the central account.
// infra/platform.json holds example organization, account and sink ids: replace them with your organization's.
try
{
    var app = new App(new AppProps
    {
        Outdir = outdir,
        Context = new Dictionary<string, object> { [ReleaseIndex.ContextKey] = release.Path },
    });

    // Every service the project references is deployed; to leave one out, name it here: excluded: ["Legacy"].
    var deployed = ServiceStacks.AddAll(app, typeof(Program).Assembly, excluded: []);
    Console.WriteLine(deployed.Describe());

    var result = StackSetTemplates.Synthesize(app);
    result.Warnings.ToList().ForEach(w => Console.Error.WriteLine($"warning: {w}"));
    result.Templates.ToList().ForEach(Console.WriteLine);
    foreach (var (service, key) in ServiceTemplates.Store(release, result.Directory))
    {
        Console.WriteLine($"{service}: template {key}, code {release.Package(service).CodeKey}");
    }

    var platformApp = new App(new AppProps { Outdir = Path.Combine(outdir, "platform") });
    var platform = new PlatformStack(platformApp, PlatformSettings.Load(Path.Combine(AppContext.BaseDirectory, "platform.json")), deployed.PlatformServices());
    var platformTemplate = platformApp.Synth().GetStackByName(platform.StackName).TemplateFullPath;
    Console.WriteLine($"{platformTemplate} (platform: {platform.Services.Count} stack sets, account vending, guardrails, central alerts)");

    return 0;
}
catch (Exception exception) when (exception is StackSetTemplateException or InvalidDataException or InvalidOperationException or PlatformSettingsException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
