using System.CommandLine;
using Insight.Cli.Commands;
using Insight.Cli.Local.Standup;
using Spectre.Console;

namespace Insight.Cli.Tests.Local.Standup;

/// <summary><c>insight local</c>'s command line and what it refuses before standing anything up.</summary>
public sealed class LocalCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("insight-local-cmd-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IReadOnlyList<string> Errors(params string[] args) =>
        [.. new RootCommand { LocalCommand.Create() }.Parse(["local", .. args]).Errors.Select(e => e.Message)];

    [Fact]
    public void Option_errors_are_named()
    {
        Assert.Contains("--tenants must be at least 1.", Errors("--tenants", "0"));
        Assert.Contains("Give --tenants or --tenants-file, not both.", Errors("--tenants", "2", "--tenants-file", "t.json"));
        Assert.Contains("Give --infra or --cdk-out, not both: --cdk-out skips the build and the synth.", Errors("--infra", "infra", "--cdk-out", "."));
        Assert.Contains("--time-scale must be a positive number.", Errors("--time-scale", "0"));
        Assert.NotEmpty(Errors("--report", "xml"));
        Assert.Empty(Errors("--tenants", "3", "--time-scale", "60", "--report", "json", "--", "dotnet", "test", "--no-build"));
    }

    [Fact]
    public async Task A_template_with_unsupported_resources_is_listed_and_the_run_refuses_to_start()
    {
        File.WriteAllText(Path.Combine(_folder, "Team.sln"), "");
        var cdkOut = Directory.CreateDirectory(Path.Combine(_folder, "cdk.out")).FullName;
        File.WriteAllText(Path.Combine(cdkOut, "Orders.template.json"), """
        {
          "Parameters": { "TenantId": { "Type": "String" } },
          "Resources": {
            "Uploads": { "Type": "AWS::S3::Bucket", "Properties": {} },
            "Jobs": { "Type": "AWS::SQS::Queue", "Properties": { "FifoQueue": true } },
            "Role": { "Type": "AWS::IAM::Role", "Properties": {} }
          }
        }
        """);
        var release = Directory.CreateDirectory(Path.Combine(_folder, ".insight", "local", "release")).FullName;
        File.WriteAllText(Path.Combine(release, "release.json"), """{ "schemaVersion": 1, "services": {} }""");
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

        var exit = await LocalCommand.RunAsync(console, new LocalCommand.LocalOptions(1, null, null, cdkOut, false, 1, false, 42, []), _folder, CancellationToken.None);

        Assert.Equal(1, exit);
        var text = output.ToString();
        Assert.Contains("the run does not start", text, StringComparison.Ordinal);
        Assert.Contains("Orders/Uploads (AWS::S3::Bucket): this resource type is not emulated locally", text, StringComparison.Ordinal);
        Assert.Contains("Orders/Jobs (AWS::SQS::Queue) FifoQueue: FIFO queues are not emulated locally.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Orders/Role", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, ".insight", "local", "run.json")));
    }

    [Fact]
    public async Task Outside_a_monorepo_the_message_says_what_to_pass()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var exit = await LocalCommand.RunAsync(console, new LocalCommand.LocalOptions(1, null, null, null, false, 1, false, 42, []), _folder, CancellationToken.None);
        Assert.Equal(1, exit);
        Assert.Contains("No solution (*.sln) at or above", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--infra", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_infrastructure_app_is_the_executable_referencing_insight_sdk_cdk_and_the_cdk()
    {
        Assert.True(Monorepo.IsInfrastructureApp(Path.Combine(TestRepository.Root, "samples", "Infra", "Infra.csproj")));
        Assert.True(Monorepo.IsInfrastructureApp(Path.Combine(TestRepository.Root, "src", "Insight.Templates", "templates", "insight-monorepo", "infra", "Infra.csproj")));
        Assert.False(Monorepo.IsInfrastructureApp(Path.Combine(TestRepository.Root, "src", "Insight.Cli", "Insight.Cli.csproj")));
        Assert.False(Monorepo.IsInfrastructureApp(Path.Combine(TestRepository.Root, "tests", "Insight.Sdk.Cdk.Tests", "Insight.Sdk.Cdk.Tests.csproj")));
    }

    [Fact]
    public void Resources_with_no_local_effect_are_counted_by_type_and_partly_emulated_ones_named()
    {
        Assert.Equal(
            "2 AWS::IAM::Role; 1 AWS::Logs::LogGroup; Orders/Stage (AWS::ApiGatewayV2::Stage): AccessLogSettings (access logging and throttling)",
            LocalCommand.NotEmulated(["Orders/A (AWS::IAM::Role)", "Orders/L (AWS::Logs::LogGroup)", "Billing/B (AWS::IAM::Role)", "Orders/Stage (AWS::ApiGatewayV2::Stage): AccessLogSettings (access logging and throttling)"]));
    }
}
