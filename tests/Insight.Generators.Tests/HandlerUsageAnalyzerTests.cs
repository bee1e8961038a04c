using Insight.Generators.Tests.Infrastructure;

namespace Insight.Generators.Tests;

public sealed class HandlerUsageAnalyzerTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Insight.Sdk;
        using Insight.Sdk.Aws;
        using Insight.Sdk.Events;
        using Microsoft.Extensions.DependencyInjection;

        namespace Plant;

        """;

    [Fact]
    public async Task Valid_service_has_no_diagnostics_but_its_anonymous_route_and_idle_polling_are_reported()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Sources.Service);
        var polling = Assert.Single(diagnostics, d => d.Id == "INS012");
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, polling.Severity);
        Assert.StartsWith("'IngestMetrics' is fed by an SQS queue", polling.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var diagnostic = Assert.Single(diagnostics, d => d.Id != "INS012");

        Assert.Equal("INS011", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("Route 'GET /health' of 'Health' is callable without a token: health probe for the load balancer", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("arm64", "Architecture = LambdaArchitecture.X86_64", true)]
    [InlineData("x86_64", "Architecture = LambdaArchitecture.X86_64", false)]
    [InlineData("x86_64", "MemorySize = 256", false)]
    [InlineData("", "Architecture = LambdaArchitecture.X86_64", false)]
    public async Task A_handler_architecture_other_than_the_services_is_an_error(string declared, string options, bool reported)
    {
        var diagnostics = await GeneratorHarness.AnalyzeWithOptionsAsync(
            [new("build_property.InsightArchitecture", declared)],
            Usings + $"[ScanEventHandler({options})] public sealed partial class H {{ public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }}");

        var found = diagnostics.Where(d => d.Id == "INS013").ToList();
        Assert.Equal(reported, found.Count == 1);
        if (reported)
        {
            Assert.Equal("'H' sets Architecture = x86_64, but its service is built for arm64 (InsightArchitecture); a service's functions share one bootstrap, so remove Architecture or change InsightArchitecture",
                found[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("[EventHandler(Trigger = Trigger.Schedule, Schedule = \"rate(1 hour)\", Scopes = [\"a:read\"])] public sealed partial class H { public Task HandleAsync(ScheduledEvent e) => Task.CompletedTask; }", "Scopes and Anonymous apply to HTTP routes")]
    [InlineData("[EventHandler(Trigger = Trigger.HttpApi, Route = \"GET /x\", Scopes = [\"a:read\"], Anonymous = \"probe\")] public sealed partial class H { public Task<HttpApiResponse> HandleAsync(HttpApiRequest e) => Task.FromResult(new HttpApiResponse()); }", "either Anonymous or requires Scopes")]
    [InlineData("[EventHandler(Trigger = Trigger.HttpApi, Route = \"GET /x\", Anonymous = \" \")] public sealed partial class H { public Task<HttpApiResponse> HandleAsync(HttpApiRequest e) => Task.FromResult(new HttpApiResponse()); }", "Anonymous needs the reason")]
    [InlineData("[EventHandler(Trigger = Trigger.HttpApi, Route = \"GET /x\", Scopes = [\"read all\"])] public sealed partial class H { public Task<HttpApiResponse> HandleAsync(HttpApiRequest e) => Task.FromResult(new HttpApiResponse()); }", "is not a scope")]
    public async Task Route_security_options_are_checked_where_they_are_written(string handler, string expected)
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Usings + handler);

        Assert.Contains(diagnostics, d => d.Id == "INS008" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("INS001", "[ScanEventHandler] public sealed class H { public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }", "'H' must be declared partial")]
    [InlineData("INS002", "[ScanEventHandler] public sealed partial class H { public Task Handle(ScanEvent e) => Task.CompletedTask; }", "has no public instance method HandleAsync")]
    [InlineData("INS002", "[ScanEventHandler] public sealed partial class H { public Task HandleAsync(ScanEvent e) => Task.CompletedTask; public Task HandleAsync(ScanEvent e, CancellationToken c) => Task.CompletedTask; }", "has 2 public HandleAsync methods")]
    [InlineData("INS003", "[ScanEventHandler] public sealed partial class H { public void HandleAsync(ScanEvent e) { } }", "returns 'void'")]
    [InlineData("INS004", "[ScanEventHandler] public sealed partial class H { public Task HandleAsync(ScanEvent e, string s) => Task.CompletedTask; }", "Parameter 's'")]
    [InlineData("INS004", "[ScanEventHandler] public sealed partial class H { public Task HandleAsync(ScanEvent e, CancellationToken a, CancellationToken b) => Task.CompletedTask; }", "Parameter 'b'")]
    [InlineData("INS005", "[ScanEventHandler] public sealed partial class H { public Task HandleAsync(MetricSample e) => Task.CompletedTask; }", "must take 'Insight.Sdk.Events.ScanEvent'")]
    [InlineData("INS005", "[EventHandler(Trigger = Trigger.Schedule, Schedule = \"rate(1 hour)\")] public sealed partial class H { public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }", "must take 'Insight.Sdk.Aws.ScheduledEvent'")]
    [InlineData("INS007", "public sealed record Custom(string Id); [EventHandler] public sealed partial class H { public Task HandleAsync(Custom e) => Task.CompletedTask; }", "'Plant.Custom' is not covered")]
    [InlineData("INS007", "public sealed record Out(string Id); [ScanEventHandler] public sealed partial class H { public Task<Out> HandleAsync(ScanEvent e) => Task.FromResult(new Out(\"\")); }", "'Plant.Out' is not covered")]
    [InlineData("INS008", "[EventHandler(Trigger = Trigger.Schedule)] public sealed partial class H { public Task HandleAsync(ScheduledEvent e) => Task.CompletedTask; }", "needs Schedule")]
    [InlineData("INS008", "[ScanEventHandler(Trigger = Trigger.HttpApi, Route = \"scans\")] public sealed partial class H { public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }", "needs Route = \"METHOD /path\", got \"scans\"")]
    [InlineData("INS008", "[ScanEventHandler(MemorySize = 64)] public sealed partial class H { public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }", "MemorySize must be 128–10240 MB, got 64")]
    [InlineData("INS008", "[ScanEventHandler(TimeoutSeconds = 901)] public sealed partial class H { public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }", "TimeoutSeconds must be 1–900, got 901")]
    [InlineData("INS008", "[ScanEventHandler(Trigger = Trigger.SqsBatch)] public sealed partial class H { public Task<ScanEvent> HandleAsync(ScanEvent e) => Task.FromResult(e); }", "an SqsBatch handler returns Task or ValueTask")]
    [InlineData("INS008", "[ScanEventHandler(Name = \"has space\")] public sealed partial class H { public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }", "Name \"has space\" must be")]
    [InlineData("INS009", "[ScanEventHandler] public abstract partial class H { public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }", "must be a concrete, non-static class")]
    [InlineData("INS009", "[ScanEventHandler] public sealed partial class H { public H() { } public H(int x) { } public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }", "has 2 public constructors")]
    [InlineData("INS010", "[FunctionStartup] public static class S { public static void Configure(IServiceCollection services) { } }", "needs a method 'public static void ConfigureServices")]
    public async Task Misuse_is_reported_with_its_id_and_a_message_naming_the_problem(string id, string source, string messageFragment)
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Usings + source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(messageFragment, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.EndsWith($"/{id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_handlers_with_one_key_report_the_second()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Usings + """
            [ScanEventHandler(Name = "Ingest")] public sealed partial class A { public Task HandleAsync(ScanEvent e) => Task.CompletedTask; }
            [MetricHandler(Name = "Ingest")] public sealed partial class B { public Task HandleAsync(MetricSample e) => Task.CompletedTask; }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INS006", diagnostic.Id);
        Assert.Contains("'B'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_covered_by_a_project_json_context_is_accepted()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Usings + """
            public sealed record Custom(string Id);
            [System.Text.Json.Serialization.JsonSerializable(typeof(Custom))]
            public sealed partial class Json : System.Text.Json.Serialization.JsonSerializerContext;
            [EventHandler] public sealed partial class H { public Task HandleAsync(Custom e, TenantContext t, InvocationContext i, CancellationToken c) => Task.CompletedTask; }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Every_rule_has_a_help_page_and_a_release_entry()
    {
        var root = TestRepository.Root;
        var releases = File.ReadAllText(Path.Combine(root, "src", "Insight.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in new Diagnostics.HandlerUsageAnalyzer().SupportedDiagnostics.Concat(new Diagnostics.DynamoEntityAnalyzer().SupportedDiagnostics))
        {
            Assert.True(File.Exists(Path.Combine(root, "docs", "rules", descriptor.Id + ".md")), $"docs/rules/{descriptor.Id}.md is missing");
            Assert.Contains(descriptor.Id + " |", releases, StringComparison.Ordinal);
        }
    }

}
