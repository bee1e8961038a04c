using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Insight.Sdk.Manifest;
using Insight.Sdk.Cdk.Cost;
using Insight.Sdk.Cdk.Services;
using Insight.Sdk.Cdk.Stacks;
using Insight.Sdk.Cdk.Synthesis;

namespace Insight.Sdk.Cdk.Tests;

[Collection(SynthCollection.Name)]
public sealed partial class ServiceStackTests(SynthesizedFleet fleet)
{
    private JsonElement Template => fleet.ScanIngest;

    [Fact]
    public void Each_function_policy_names_only_its_own_tables_and_only_the_actions_it_needs()
    {
        var tablesById = Template.Resources("AWS::DynamoDB::Table").ToDictionary(t => t.Id, t => t.Properties);
        var statements = Template.Resources("AWS::IAM::Policy").ToDictionary(
            p => p.Properties.GetProperty("Roles")[0].Target()!,
            p => p.Properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList());

        (string Role, IReadOnlyList<string> Tables, bool Writes) Access(string function)
        {
            var role = Template.Resource(FunctionId(function)).GetProperty("Properties").GetProperty("Role").Target()!;
            var dynamo = statements[role].Where(s => s.GetProperty("Action").Items().Any(a => a.GetString()!.StartsWith("dynamodb:", StringComparison.Ordinal))).ToList();
            var tables = dynamo.SelectMany(s => s.GetProperty("Resource").Items()).Select(r => r.Target()!).Distinct().Order().ToList();
            var writes = dynamo.SelectMany(s => s.GetProperty("Action").Items()).Any(a => a.GetString() == "dynamodb:PutItem");
            return (role, tables, writes);
        }

        var scans = tablesById.Keys.Single(id => id.Contains("ScansTable", StringComparison.Ordinal));
        var stats = tablesById.Keys.Single(id => id.Contains("ScanStatsTable", StringComparison.Ordinal));
        Assert.Equal([scans, stats], Access("RecordScan").Tables.Order());
        Assert.True(Access("RecordScan").Writes);
        Assert.Equal([stats], Access("GetScanStats").Tables);
        Assert.False(Access("GetScanStats").Writes);
        Assert.Empty(Access("CheckScan").Tables);
        Assert.Empty(Access("ScannerStateChanged").Tables);
    }

    [Fact]
    public void No_policy_uses_a_wildcard_action_or_resource()
    {
        foreach (var (id, policy) in Template.Resources("AWS::IAM::Policy"))
        {
            foreach (var statement in policy.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            {
                Assert.All(statement.GetProperty("Action").Items(), a => Assert.DoesNotContain("*", a.GetString(), StringComparison.Ordinal));
                Assert.All(statement.GetProperty("Resource").Items(), r => Assert.False(r.ValueKind == JsonValueKind.String && r.GetString()!.Contains('*', StringComparison.Ordinal), $"{id} grants on {r}"));
            }
        }

        Assert.DoesNotContain(Template.Resources("AWS::IAM::Role"), r => r.Properties.TryGetProperty("ManagedPolicyArns", out _));
    }

    [Fact]
    public void Every_table_is_on_demand_encrypted_recoverable_expiring_and_retained()
    {
        var tables = Template.Resources("AWS::DynamoDB::Table").ToList();

        Assert.Equal(2, tables.Count);
        foreach (var (id, table) in tables)
        {
            Assert.Equal("PAY_PER_REQUEST", table.GetProperty("BillingMode").GetString());
            Assert.True(table.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
            Assert.True(table.GetProperty("SSESpecification").GetProperty("SSEEnabled").GetBoolean());
            Assert.Equal("Retain", Template.Resource(id).GetProperty("DeletionPolicy").GetString());
        }

        var scans = tables.Single(t => t.Id.Contains("ScansTable", StringComparison.Ordinal)).Properties;
        Assert.Equal("ExpiresAt", scans.GetProperty("TimeToLiveSpecification").GetProperty("AttributeName").GetString());
        Assert.Equal(["ByDevice", "ByStation"], scans.GetProperty("GlobalSecondaryIndexes").EnumerateArray().Select(i => i.GetProperty("IndexName").GetString()).Order());
    }

    [Fact]
    public void Functions_run_the_native_bootstrap_on_provided_al2023_with_the_manifest_sizes()
    {
        var function = Template.Resource(FunctionId("RecordScan")).GetProperty("Properties");

        Assert.Equal("provided.al2023", function.GetProperty("Runtime").GetString());
        Assert.Equal(["arm64"], function.GetProperty("Architectures").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("RecordScan", function.GetProperty("Handler").GetString());
        Assert.Equal(256, function.GetProperty("MemorySize").GetInt32());
        Assert.Equal(10, function.GetProperty("Timeout").GetInt32());
        Assert.Equal("ArtifactBucket", function.GetProperty("Code").GetProperty("S3Bucket").Target());
        Assert.Equal("ScanIngest/arm64/bootstrap.zip", function.GetProperty("Code").GetProperty("S3Key").GetString());
        var variables = function.GetProperty("Environment").GetProperty("Variables");
        Assert.Equal("TenantId", variables.GetProperty("INSIGHT_TENANT_ID").Target());
        Assert.Equal("AWS::AccountId", variables.GetProperty("INSIGHT_ACCOUNT_ID").Target());
        Assert.Contains("ScansTable", variables.GetProperty("INSIGHT_TABLE_SCANS").Target(), StringComparison.Ordinal);
        Assert.False(Template.Resource(FunctionId("CheckScan")).GetProperty("Properties").GetProperty("Environment").GetProperty("Variables").TryGetProperty("INSIGHT_TABLE_SCANS", out _));
    }

    [Fact]
    public void Every_asynchronous_target_has_a_failure_destination()
    {
        var invokeConfigs = Template.Resources("AWS::Lambda::EventInvokeConfig").ToDictionary(c => c.Properties.GetProperty("FunctionName").Target()!, c => c.Properties);
        foreach (var function in new[] { "RecordScan", "ScannerStateChanged" })
        {
            var config = invokeConfigs[FunctionId(function)];
            Assert.Contains("Failures", config.GetProperty("DestinationConfig").GetProperty("OnFailure").GetProperty("Destination").Target(), StringComparison.Ordinal);
        }

        foreach (var (id, rule) in Template.Resources("AWS::Events::Rule"))
        {
            Assert.All(rule.GetProperty("Targets").EnumerateArray(), target => Assert.True(target.TryGetProperty("DeadLetterConfig", out _), $"{id} has a target without a dead-letter queue"));
        }

        var queue = Template.Resources("AWS::SQS::Queue").Single(q => q.Id.Contains("IngestScanBatchQueue", StringComparison.Ordinal)).Properties;
        Assert.Equal(5, queue.GetProperty("RedrivePolicy").GetProperty("maxReceiveCount").GetInt32());
        var mapping = Assert.Single(Template.Resources("AWS::Lambda::EventSourceMapping")).Properties;
        Assert.Equal(["ReportBatchItemFailures"], mapping.GetProperty("FunctionResponseTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(100, mapping.GetProperty("BatchSize").GetInt32());
    }

    [Fact]
    public void No_function_has_per_account_alarms_by_default_and_every_name_is_the_same_in_every_account()
    {
        // Alerts are the platform's, once over every linked account: an idle account pays for no alarm.
        foreach (var template in fleet.Result.Templates.Select(t => JsonDocument.Parse(File.ReadAllText(t)).RootElement))
        {
            Assert.Empty(template.Resources("AWS::CloudWatch::Alarm"));
        }

        var names = Template.Resources("AWS::Lambda::Function").Select(f => f.Properties.GetProperty("FunctionName").GetString()).Order();
        Assert.Equal(["ScanIngest-CheckScan", "ScanIngest-GetScanStats", "ScanIngest-IngestScanBatch", "ScanIngest-RecordScan", "ScanIngest-ScannerStateChanged"], names);
        var failureQueues = Template.Resources("AWS::SQS::Queue").Where(q => q.Id.Contains("Failures", StringComparison.Ordinal))
            .Select(q => q.Properties.GetProperty("QueueName").GetString()).Order();
        Assert.Equal(["ScanIngest-IngestScanBatch-failures", "ScanIngest-RecordScan-failures", "ScanIngest-ScannerStateChanged-failures"], failureQueues);
    }

    [Fact]
    public void An_opted_in_function_has_its_alarms_naming_tenant_and_account_and_notifying_the_platform_topic()
    {
        var options = new InsightServiceOptions { AlarmedFunctions = new HashSet<string> { "IngestScanBatch" }, IdleBudget = new IdleBudget(1.00) };
        var template = SynthesizeScanIngest("opted-in", options);

        var alarms = template.Resources("AWS::CloudWatch::Alarm").ToList();
        Assert.Equal(["IngestScanBatchDurationAlarm", "IngestScanBatchErrorsAlarm", "IngestScanBatchFailedDeliveriesAlarm", "IngestScanBatchThrottlesAlarm"],
            alarms.Select(a => Regex.Replace(a.Id, "^Service|[0-9A-F]{8}$", string.Empty)).Order());
        foreach (var (_, alarm) in alarms)
        {
            Assert.Equal("AlarmTopicArn", alarm.GetProperty("AlarmActions")[0].Target());
            var name = alarm.GetProperty("AlarmName").GetRawText();
            Assert.Contains("\"TenantId\"", name, StringComparison.Ordinal);
            Assert.Contains("AWS::AccountId", name, StringComparison.Ordinal);
        }

        var duration = alarms.Single(a => a.Id.Contains("DurationAlarm", StringComparison.Ordinal)).Properties;
        Assert.Equal("p99", duration.GetProperty("ExtendedStatistic").GetString());
        Assert.Equal(60 * 1000 * 0.8, duration.GetProperty("Threshold").GetDouble());
    }

    [Fact]
    public void An_opted_in_alarm_over_the_idle_budget_fails_synthesis_naming_the_alarms()
    {
        var options = new InsightServiceOptions { AlarmedFunctions = new HashSet<string> { "RecordScan" } };

        var error = Assert.Throws<StackSetTemplateException>(() => SynthesizeScanIngest("over-budget", options));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("ScanIngest: an idle tenant account pays $0.400 a month", problem, StringComparison.Ordinal);
        Assert.Contains("idle budget of $0.050 (InsightServiceOptions.IdleBudget)", problem, StringComparison.Ordinal);
        Assert.Contains("ServiceRecordScanErrorsAlarm", problem, StringComparison.Ordinal);
        Assert.Contains("ServiceRecordScanFailedDeliveriesAlarm", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Alarmed_functions_must_exist()
    {
        var options = new InsightServiceOptions { AlarmedFunctions = new HashSet<string> { "RecordScans" } };

        var error = Assert.Throws<InvalidDataException>(() => SynthesizeScanIngest("unknown", options));

        Assert.Contains("RecordScans", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_is_ready_for_a_stackset()
    {
        var report = StackSetTemplates.Check("ScanIngest", fleet.ScanIngestJson);

        Assert.Empty(report.Errors);
        Assert.False(Template.TryGetProperty("Rules", out _));
        Assert.False(Template.TryGetProperty("Transform", out _));
        Assert.Equal(["AlarmTopicArn", "ApiBurstLimit", "ApiRateLimit", "ArtifactBucket", "EventBusName", "JwtAudience", "JwtIssuer", "ScheduleSlot", "TenantClaim", "TenantId", "TenantSettings"],
            Template.GetProperty("Parameters").EnumerateObject().Select(p => p.Name).Order());
        Assert.DoesNotMatch(@"(?<!\d)\d{12}(?!\d)", fleet.ScanIngestJson);
    }

    [Fact]
    public void Template_matches_the_approved_snapshot()
    {
        // Logical ids carry hashes of construct paths: stable across synths, so the template compares as text.
        Snapshot.Verify(JsonSerializer.Serialize(Template, new JsonSerializerOptions { WriteIndented = true }), "ScanIngest.template", "json");
    }

    [Fact]
    public void Checks_catch_account_and_region_literals_and_bootstrap_rules()
    {
        const string drifting = """{"Rules":{"CheckBootstrapVersion":{}},"Resources":{"T":{"Type":"AWS::SNS::Topic","Properties":{"TopicName":"arn:aws:sns:eu-central-1:123456789012:alerts"}}}}""";

        var report = StackSetTemplates.Check("Drift", drifting);

        Assert.Contains(report.Errors, e => e.Contains("account id 123456789012", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("region eu-central-1", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("bootstrap version", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/reader")]
    [InlineData("123456789012.dkr.ecr.eu-central-1.amazonaws.com/scan")]
    [InlineData("cdk-hnb659fds-assets-123456789012-eu-central-1")]
    [InlineData("123456789012")]
    public void An_account_id_is_found_wherever_it_stands(string value)
    {
        var report = StackSetTemplates.Check("Drift", Topic(value));

        Assert.Contains(report.Errors, e => e.Contains("account id 123456789012", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:sns:eu-central-1:${AWS::AccountId}:alerts", "eu-central-1")]
    [InlineData("arn:aws-us-gov:sns:us-gov-west-1:${AWS::AccountId}:alerts", "us-gov-west-1")]
    [InlineData("arn:aws-cn:sns:cn-northwest-1:${AWS::AccountId}:alerts", "cn-northwest-1")]
    public void A_region_is_found_in_every_partition(string value, string region)
    {
        var report = StackSetTemplates.Check("Drift", Topic(value));

        Assert.Contains(report.Errors, e => e.Contains($"the region {region};", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Orders/x86_64/9e0fc310b029111141258b852686c34f66472c0e429203430d8bba57ddb2284b.zip")]
    [InlineData("Orders/x86_64/029111141258f0c310b9e0fc310b9e0fc310b9e0fc310b9e0fc310b9e0fc31.zip")]
    [InlineData("0.123456789012")]
    [InlineData("123456789012.5")]
    [InlineData("1234567890123")]
    public void Digits_inside_a_hash_or_a_number_are_not_an_account_id(string value)
    {
        var report = StackSetTemplates.Check("Hashes", Topic(value));

        Assert.DoesNotContain(report.Errors, e => e.Contains("account id", StringComparison.Ordinal));
    }

    private static string Topic(string name) =>
        """{"Resources":{"T":{"Type":"AWS::SNS::Topic","Properties":{"TopicName":""" + JsonSerializer.Serialize(name) + "}}}}";

    [Fact]
    public void An_oversized_service_fails_synthesis_with_the_limit_it_breaks()
    {
        var functions = string.Join(",", Enumerable.Range(0, 60).Select(i =>
            $$"""{"name":"Handler{{i}}","handler":"Handler{{i}}","class":"Big.Handler{{i}}","kind":"Scan","trigger":"EventBridge","eventType":"Insight.Sdk.Events.ScanEvent","detailType":"ScanEvent","memorySize":256,"timeoutSeconds":10,"architecture":"arm64","dependencies":[],"tables":[]}"""));
        var manifest = ServiceManifest.Parse($$"""{"schemaVersion":1,"service":"Big","functions":[{{functions}}],"tables":[]}""");
        var app = new App(new AppProps { Outdir = Path.Combine(fleet.Directory, "big") });
        _ = new InsightServiceStack(app, "Big", manifest);

        var error = Assert.Throws<StackSetTemplateException>(() => StackSetTemplates.Synthesize(app));

        Assert.Matches(@"Big: \d{3} resources; CloudFormation allows 500 per template", Assert.Single(error.Problems));
    }

    [Fact]
    public void Schedules_fire_at_the_account_slot_minute()
    {
        var schedule = StackSetSchedule("rate(15 minutes)");

        Assert.Contains("Fn::FindInMap", schedule, StringComparison.Ordinal);
        Assert.Contains("Every15", schedule, StringComparison.Ordinal);
        Assert.Contains("/15 * * * ? *)", schedule, StringComparison.Ordinal);
    }

    [Fact]
    public void Account_slots_are_stable_and_spread_a_fleet_over_every_minute()
    {
        var accounts = Enumerable.Range(0, 6000).Select(i => (100_000_000_000L + (i * 7_919L)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var slots = accounts.Select(ScheduleSlots.ForAccount).ToList();

        Assert.Equal(slots, accounts.Select(ScheduleSlots.ForAccount));
        var perSlot = slots.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(60, perSlot.Count);
        Assert.True(perSlot.Values.Max() <= 2 * (6000 / 60), $"the busiest minute has {perSlot.Values.Max()} accounts");
    }

    private string StackSetSchedule(string expression)
    {
        var manifest = ServiceManifest.Parse($$"""{"schemaVersion":1,"service":"Timed","functions":[{"name":"Tick","handler":"Tick","class":"T.Tick","kind":"General","trigger":"Schedule","eventType":"Insight.Sdk.Aws.ScheduledEvent","schedule":"{{expression}}","memorySize":128,"timeoutSeconds":10,"architecture":"arm64","dependencies":[],"tables":[]}],"tables":[]}""");
        var app = new App(new AppProps { Outdir = Path.Combine(fleet.Directory, "timed") });

        // Runs every 15 minutes in every account are more than the default idle budget allows.
        _ = new InsightServiceStack(app, "Timed", manifest, new InsightServiceOptions { IdleBudget = new IdleBudget(0.50) });
        var template = JsonDocument.Parse(File.ReadAllText(StackSetTemplates.Synthesize(app).Templates.Single())).RootElement;
        return template.Resources("AWS::Events::Rule").Single().Properties.GetProperty("ScheduleExpression").GetRawText();
    }

    /// <summary>The ScanIngest service alone, synthesized with <paramref name="options"/>.</summary>
    private JsonElement SynthesizeScanIngest(string folder, InsightServiceOptions options)
    {
        var app = new App(new AppProps { Outdir = Path.Combine(fleet.Directory, folder) });
        _ = new InsightServiceStack(app, "ScanIngest", fleet.Manifest("ScanIngest"), options);
        return JsonDocument.Parse(File.ReadAllText(StackSetTemplates.Synthesize(app).Templates.Single())).RootElement.Clone();
    }

    private string FunctionId(string name) =>
        Template.Resources("AWS::Lambda::Function").Single(f => FunctionIdPattern(name).IsMatch(f.Id)).Id;

    private static Regex FunctionIdPattern(string name) => new($"^Service{name}[0-9A-F]{{8}}$");
}
