using Amazon.CDK;
using Insight.Sdk.Cdk.Synthesis;

// One stack per service, synthesized into StackSet-ready templates (cdk.out/ or the folder given).
var app = new App(new AppProps { Outdir = args.Length > 0 ? args[0] : "cdk.out" });
_ = new Infra.FirstServiceStack(app);

try
{
    var result = StackSetTemplates.Synthesize(app);
    result.Warnings.ToList().ForEach(w => Console.Error.WriteLine($"warning: {w}"));
    result.Templates.ToList().ForEach(Console.WriteLine);
    return 0;
}
catch (StackSetTemplateException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
