using System.CommandLine;
using System.Text.Json;
using Insight.Cli.Fleet;
using Spectre.Console;

namespace Insight.Cli.Tests.Fleet;

/// <summary><c>insight fleet cost</c> on a cloud assembly written here: a service, the platform's baseline and monitoring stack sets.</summary>
public sealed class CostCommandTests : IDisposable
{
    private const string Service = """
        {
          "Resources": {
            "Ingest": { "Type": "AWS::Lambda::Function", "Properties": { "FunctionName": "Orders-Ingest", "MemorySize": 256, "Architectures": ["arm64"] } },
            "IngestQueue": { "Type": "AWS::SQS::Queue", "Properties": { "RedrivePolicy": { "deadLetterTargetArn": { "Fn::GetAtt": ["IngestFailures", "Arn"] }, "maxReceiveCount": 5 } } },
            "IngestFailures": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": "Orders-Ingest-failures" } },
            "IngestSource": { "Type": "AWS::Lambda::EventSourceMapping", "Properties": { "EventSourceArn": { "Fn::GetAtt": ["IngestQueue", "Arn"] }, "FunctionName": { "Ref": "Ingest" } } },
            "Report": { "Type": "AWS::Lambda::Function", "Properties": { "FunctionName": "Orders-Report", "MemorySize": 128, "Architectures": ["arm64"] } },
            "Nightly": { "Type": "AWS::Events::Rule", "Properties": { "ScheduleExpression": "cron(0 2 * * ? *)", "Targets": [ { "Arn": { "Fn::GetAtt": ["Report", "Arn"] }, "Id": "t" } ] } },
            "Cache": { "Type": "AWS::ElastiCache::CacheCluster", "Properties": { "CacheNodeType": "cache.t4g.micro" } }
          }
        }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "insight-cost-" + Guid.NewGuid().ToString("N")[..8]);

    public CostCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "platform"));
        File.WriteAllText(Path.Combine(_folder, "Orders.template.json"), Service);
        var baseline = JsonSerializer.Serialize(new { Resources = new { TelemetryLink1 = new { Type = "AWS::Oam::Link", Properties = new { ResourceTypes = new[] { "AWS::CloudWatch::Metric" } } } } });
        var monitoring = JsonSerializer.Serialize(new { Resources = new { Sink = new { Type = "AWS::Oam::Sink" }, Alert001 = new { Type = "AWS::CloudWatch::Alarm" }, Alert002 = new { Type = "AWS::CloudWatch::Alarm" } } });
        var platform = new Dictionary<string, object>
        {
            ["Resources"] = new Dictionary<string, object>
            {
                ["Baseline"] = new { Type = "AWS::CloudFormation::StackSet", Properties = new { StackSetName = "insight-account-baseline", AutoDeployment = new { Enabled = true }, TemplateBody = baseline } },
                ["Monitoring"] = new
                {
                    Type = "AWS::CloudFormation::StackSet",
                    Properties = new
                    {
                        StackSetName = "insight-monitoring-1",
                        AutoDeployment = new { Enabled = false },
                        TemplateBody = monitoring,
                        StackInstancesGroup = new[] { new { DeploymentTargets = new { Accounts = new[] { "222233334444", "222233335555" } } } },
                    },
                },
                ["Service"] = new { Type = "AWS::CloudFormation::StackSet", Properties = new { StackSetName = "insight-Orders", TemplateURL = "https://example.invalid/Orders.template.json" } },
            },
        };
        File.WriteAllText(Path.Combine(_folder, "platform", "InsightPlatform.template.json"), JsonSerializer.Serialize(platform));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Cost_prints_both_designs_the_polling_on_its_own_line_with_its_source_and_what_it_cannot_price()
    {
        var (exit, output) = Run("fleet", "cost", "--cdk-out", _folder, "--accounts", "6000");

        Assert.Equal(0, exit);
        Assert.Contains("Idle cost of one tenant account a month (6,000 accounts; us-east-1 list prices)", output, StringComparison.Ordinal);

        // Two functions and one failure queue: 7 per-function alarms before, none now.
        Assert.Matches(@"Orders\s+\$0\.00\s+\$0\.70", output);
        Assert.Matches(@"insight-account-baseline\s+\$0\.00\s+\$0\.00", output);
        Assert.Matches(@"SQS polling while idle\s+\$0\.26\s+\$0\.26", output);
        Assert.Contains("SQS polling     Lambda polls IngestQueue while idle: 5 pollers × one ReceiveMessage per 20 s = 657,000 requests a month", output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("services-sqs-scaling", output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Not priced (1), not counted above:", output, StringComparison.Ordinal);
        Assert.Contains("Cache: not priced: the model has no price for AWS::ElastiCache::CacheCluster", output, StringComparison.Ordinal);
        Assert.Contains("insight-monitoring-1 puts 2 Metrics Insights alarms in each of 2 monitoring account(s)", output, StringComparison.Ordinal);
        Assert.Contains("https://aws.amazon.com/sqs/pricing/, 2026-12-01", output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_design_before_is_detailed_on_request()
    {
        var (exit, output) = Run("fleet", "cost", "--cdk-out", _folder, "--design", "PerFunctionAlarms");

        Assert.Equal(0, exit);
        Assert.Contains("What costs something at rest (per-function alarms):", output, StringComparison.Ordinal);
        Assert.Contains("Ingest: per-function alarms (Errors, Throttles, Duration), one set per account", output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("IngestFailures: per-function alarm (FailedDeliveries) on the failure queue", output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_templates_is_an_error_that_says_what_to_do()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;

        var (exit, output) = Run("fleet", "cost", "--cdk-out", empty);

        Assert.Equal(1, exit);
        Assert.Contains("holds no *.template.json", output, StringComparison.Ordinal);
    }

    private static (int Exit, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var root = new RootCommand { FleetCommand.Create(console) };
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
        return (exit, writer.ToString());
    }
}
