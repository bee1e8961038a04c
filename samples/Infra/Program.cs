using System.Reflection;
using Amazon.CDK;
using Infra;
using Insight.Sdk.Cdk.Fleet;
using Insight.Sdk.Cdk.Synthesis;

// Synthesizes one StackSet-ready template per sample service into samples/Infra/cdk.out (or the folder given).
var projectDirectory = typeof(FleetApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
var outdir = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(projectDirectory, "cdk.out");

var app = FleetApp.Create(outdir);
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

    return 0;
}
catch (StackSetTemplateException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
