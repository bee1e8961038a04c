using System.IO.Compression;
using Amazon.DynamoDBv2;
using Insight.Cli.Local.Emulation;
using Insight.Cli.Local.Emulation.Planning;
using Insight.Sdk.Cdk.Templates;

namespace Insight.Cli.Tests.Local.Planning;

/// <summary>The planner on a sample's synthesized template (the snapshot the CDK tests keep current) and on hand-written snippets.</summary>
public sealed class AccountPlannerTests : IDisposable
{
    private const string Issuer = "http://127.0.0.1:4999";
    private const string Audience = "insight-local";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "insight-plan-" + Guid.NewGuid().ToString("N")[..8]);

    public AccountPlannerTests()
    {
        // A release folder as insight build lays it out: one package per code key.
        foreach (var key in new[] { "ScanIngest/arm64/bootstrap.zip", "Orders/arm64/abc.zip" })
        {
            var zip = Path.Combine(_folder, "release", key);
            Directory.CreateDirectory(Path.GetDirectoryName(zip)!);
            using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
            using (var writer = new StreamWriter(archive.CreateEntry("bootstrap").Open()))
            {
                writer.Write("#!/bin/sh\n");
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private PlanningSettings Settings => new(
        "eu-central-1",
        Issuer,
        Audience,
        new Dictionary<string, string> { ["ArtifactBucket"] = "local-artifacts", ["AlarmTopicArn"] = "arn:aws:sns:eu-central-1:111111111111:alarms", ["JwtIssuer"] = Issuer, ["JwtAudience"] = Audience },
        new FunctionCode(Path.Combine(_folder, "release"), Path.Combine(_folder, "code")));

    private static PlannedTenant Tenant(string tenantId = "tenant-001", string accountId = "210987654321") =>
        new(tenantId, accountId, _ => new Dictionary<string, string> { ["TenantId"] = tenantId, ["ScheduleSlot"] = "S07" });

    private static ServiceTemplate Sample() => new(
        "ScanIngest",
        CloudFormationTemplate.Load(Path.Combine(TestRepository.Root, "tests", "Insight.Sdk.Cdk.Tests", "Snapshots", "ScanIngest.template.verified.json")),
        new Dictionary<string, IReadOnlyDictionary<string, string>>());

    [Fact]
    public void A_synthesized_service_template_becomes_tables_functions_queues_rules_and_routes_of_the_account()
    {
        var plan = AccountPlanner.Plan([Sample()], Tenant(), Settings);

        Assert.Equal(("tenant-001", "210987654321", "eu-central-1"), (plan.TenantId, plan.AccountId, plan.Region));
        Assert.Equal(2, plan.Tables.Count);
        var scans = plan.Tables.Single(t => t.LogicalId.Contains("ScansTable", StringComparison.Ordinal));
        Assert.StartsWith("ScanIngest-ServiceScansTable", scans.Create.TableName, StringComparison.Ordinal);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, scans.Create.BillingMode);
        Assert.Contains(scans.Create.KeySchema, k => k.KeyType == KeyType.HASH);

        Assert.Equal(5, plan.Functions.Count);
        var ingest = plan.Functions.Single(f => f.FunctionName == "ScanIngest-IngestScanBatch");
        Assert.Equal("arn:aws:lambda:eu-central-1:210987654321:function:ScanIngest-IngestScanBatch", ingest.Arn);
        Assert.Equal("tenant-001", ingest.Environment["INSIGHT_TENANT_ID"]);
        Assert.Equal("210987654321", ingest.Environment["INSIGHT_ACCOUNT_ID"]);
        Assert.Equal("{}", ingest.Environment["INSIGHT_TENANT_SETTINGS"]);
        Assert.Equal(scans.Create.TableName, ingest.Environment["INSIGHT_TABLE_SCANS"]);
        Assert.Equal("IngestScanBatch", ingest.Handler);
        Assert.True(File.Exists(Path.Combine(ingest.CodeFolder, "bootstrap")));
        Assert.All(plan.Functions, f => Assert.Equal(ingest.CodeFolder, f.CodeFolder)); // one package, unpacked once

        // Asynchronous invocations as the EventInvokeConfig says, failures to the function's failure queue.
        var record = plan.Functions.Single(f => f.FunctionName == "ScanIngest-RecordScan");
        Assert.Equal(2, record.AsyncInvoke.MaximumRetryAttempts);
        Assert.Equal(plan.Queues.Single(q => q.QueueName == "ScanIngest-RecordScan-failures").Arn, record.AsyncInvoke.OnFailureArn);

        var queue = plan.Queues.Single(q => q.LogicalId.StartsWith("ServiceIngestScanBatchQueue", StringComparison.Ordinal));
        Assert.Equal($"https://sqs.eu-central-1.amazonaws.com/210987654321/{queue.QueueName}", queue.Url);
        Assert.Equal(plan.Queues.Single(q => q.QueueName == "ScanIngest-IngestScanBatch-failures").Arn, queue.Redrive!.DeadLetterQueueArn);
        Assert.Equal(5, queue.Redrive.MaxReceiveCount);
        var source = Assert.Single(plan.QueueSources);
        Assert.Equal((queue.Arn, ingest.Arn, true), (source.QueueArn, source.FunctionArn, source.ReportBatchItemFailures));

        var toQueue = plan.Rules.Single(r => r.Targets.Any(t => t.Arn == queue.Arn));
        Assert.Equal("""{"detail-type":["ScanEvent"]}""", toQueue.EventPatternJson);
        Assert.Equal("$.detail", toQueue.Targets[0].InputPath);
        Assert.Matches("^arn:aws:events:eu-central-1:210987654321:rule/ScanIngest-", toQueue.Arn);
        var toFunction = plan.Rules.Single(r => r.Targets.Any(t => t.Arn == record.Arn)).Targets[0];
        Assert.Equal((4, TimeSpan.FromHours(6)), (toFunction.MaximumRetryAttempts, toFunction.MaximumEventAge));

        var route = plan.Routes.Single(r => r.RouteKey == "GET /stats/{kind}/{name}");
        Assert.Equal("2.0", route.PayloadFormatVersion);
        Assert.Equal(plan.Functions.Single(f => f.FunctionName == "ScanIngest-GetScanStats").Arn, route.FunctionArn);
        Assert.Equal(Issuer, route.Authorizer!.Issuer);
        Assert.Equal([Audience], route.Authorizer.Audience);
        Assert.Equal(["scans:read"], route.Authorizer.Scopes);

        Assert.Contains(plan.NotEmulated, n => n.EndsWith("(AWS::IAM::Role)", StringComparison.Ordinal));
        Assert.Contains(plan.NotEmulated, n => n.EndsWith("(AWS::SQS::QueuePolicy)", StringComparison.Ordinal));
        Assert.Contains(plan.NotEmulated, n => n.Contains("AWS::ApiGatewayV2::Stage", StringComparison.Ordinal) && n.Contains("AccessLogSettings", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_account_gets_its_own_names_and_the_overrides_the_synth_wrote_for_it()
    {
        var sample = Sample() with
        {
            Overrides = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["333333333333"] = new Dictionary<string, string> { ["TenantId"] = "from-instances", ["TenantSettings"] = """{"a":1}""" },
            },
        };
        var one = AccountPlanner.Plan([sample], Tenant("tenant-001", "222222222222"), Settings);
        var two = AccountPlanner.Plan([sample], Tenant("tenant-002", "333333333333"), Settings);

        Assert.NotEqual(one.Tables[0].Create.TableName, two.Tables[0].Create.TableName);
        Assert.Equal("from-instances", two.Functions[0].Environment["INSIGHT_TENANT_ID"]);
        Assert.Equal("""{"a":1}""", two.Functions[0].Environment["INSIGHT_TENANT_SETTINGS"]);
    }

    private const string Function = """
      "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "FunctionName": "Orders-Place", "Handler": "Place", "Runtime": "provided.al2023",
        "Code": { "S3Bucket": { "Ref": "ArtifactBucket" }, "S3Key": "Orders/arm64/abc.zip" }, "Timeout": 9, "MemorySize": 512, "ReservedConcurrentExecutions": 3,
        "Environment": { "Variables": { "STAGE": { "Fn::If": [ "IsProd", "prod", "dev" ] }, "QUEUE": { "Ref": "In" } } } } },
      "In": { "Type": "AWS::SQS::Queue", "Properties": { "VisibilityTimeout": 60, "DelaySeconds": 2, "MessageRetentionPeriod": 600 } }
    """;

    private AccountPlan PlanSnippet(string resources, string extra = "") => AccountPlanner.Plan([Snippet(resources, extra)], Tenant(), Settings);

    private static ServiceTemplate Snippet(string resources, string extra = "") => new(
        "Orders",
        CloudFormationTemplate.Parse("Orders", $$"""
        {
          "Parameters": { "TenantId": { "Type": "String" }, "ArtifactBucket": { "Type": "String" }, "ScheduleSlot": { "Type": "String", "Default": "S00" },
                          "EventBusName": { "Type": "String", "Default": "tenant-bus" }, "JwtIssuer": { "Type": "String" }, "JwtAudience": { "Type": "String" } },
          "Conditions": { "IsProd": { "Fn::Equals": [ { "Ref": "TenantId" }, "prod-tenant" ] } },
          {{extra}}
          "Resources": { {{resources}} }
        }
        """),
        new Dictionary<string, IReadOnlyDictionary<string, string>>());

    private string Problems(string resources, string extra = "") =>
        string.Join("\n", Assert.Throws<PlanningException>(() => PlanSnippet(resources, extra)).Problems);

    [Fact]
    public void Function_and_queue_properties_are_resolved_with_lambda_and_sqs_defaults()
    {
        var plan = PlanSnippet(Function);
        var function = Assert.Single(plan.Functions);
        Assert.Equal((TimeSpan.FromSeconds(9), 512, (int?)3), (function.Timeout, function.MemorySizeMb, function.ReservedConcurrency));
        Assert.Equal("dev", function.Environment["STAGE"]);
        Assert.Equal(plan.Queues[0].Url, function.Environment["QUEUE"]);
        Assert.Equal(AsyncInvokePlan.Default, function.AsyncInvoke);
        var queue = plan.Queues[0];
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(600), (RedrivePlan?)null), (queue.VisibilityTimeout, queue.DeliveryDelay, queue.MessageRetention, queue.Redrive));
    }

    [Fact]
    public void A_table_keeps_its_indexes_projections_billing_and_ttl()
    {
        var plan = PlanSnippet("""
          "T": { "Type": "AWS::DynamoDB::Table", "Properties": {
            "TableName": { "Fn::Sub": "${TenantId}-orders" },
            "AttributeDefinitions": [ { "AttributeName": "Pk", "AttributeType": "S" }, { "AttributeName": "Sk", "AttributeType": "N" }, { "AttributeName": "G", "AttributeType": "S" } ],
            "KeySchema": [ { "AttributeName": "Pk", "KeyType": "HASH" }, { "AttributeName": "Sk", "KeyType": "RANGE" } ],
            "ProvisionedThroughput": { "ReadCapacityUnits": 2, "WriteCapacityUnits": 1 },
            "GlobalSecondaryIndexes": [ { "IndexName": "ByG", "KeySchema": [ { "AttributeName": "G", "KeyType": "HASH" } ],
              "Projection": { "ProjectionType": "INCLUDE", "NonKeyAttributes": [ "X" ] }, "ProvisionedThroughput": { "ReadCapacityUnits": 1, "WriteCapacityUnits": 1 } } ],
            "LocalSecondaryIndexes": [ { "IndexName": "ByPkG", "KeySchema": [ { "AttributeName": "Pk", "KeyType": "HASH" }, { "AttributeName": "G", "KeyType": "RANGE" } ],
              "Projection": { "ProjectionType": "KEYS_ONLY" } } ],
            "TimeToLiveSpecification": { "AttributeName": "ExpiresAt", "Enabled": true },
            "SSESpecification": { "SSEEnabled": true } } }
        """);
        var table = Assert.Single(plan.Tables);
        Assert.Equal("tenant-001-orders", table.Create.TableName);
        Assert.Equal(BillingMode.PROVISIONED, table.Create.BillingMode);
        Assert.Equal((2L, 1L), (table.Create.ProvisionedThroughput.ReadCapacityUnits!.Value, table.Create.ProvisionedThroughput.WriteCapacityUnits!.Value));
        Assert.Equal(["X"], table.Create.GlobalSecondaryIndexes[0].Projection.NonKeyAttributes);
        Assert.Equal(ProjectionType.KEYS_ONLY, table.Create.LocalSecondaryIndexes[0].Projection.ProjectionType);
        Assert.Equal("ExpiresAt", table.TimeToLiveAttribute);
    }

    [Fact]
    public void Rules_keep_input_shaping_retry_and_dead_letter_and_schedules_their_expression()
    {
        var plan = PlanSnippet(Function + "," + """
          "Dlq": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": "orders-dlq" } },
          "OnEvent": { "Type": "AWS::Events::Rule", "Properties": { "EventBusName": { "Ref": "EventBusName" }, "EventPattern": { "source": [ "orders" ], "detail": { "n": [ { "numeric": [ ">", 1 ] } ] } },
            "Targets": [ { "Id": "T1", "Arn": { "Fn::GetAtt": [ "Fn", "Arn" ] }, "InputTransformer": { "InputPathsMap": { "id": "$.detail.id" }, "InputTemplate": "{\"order\": <id>}" },
                           "RetryPolicy": { "MaximumRetryAttempts": 1, "MaximumEventAgeInSeconds": 120 }, "DeadLetterConfig": { "Arn": { "Fn::GetAtt": [ "Dlq", "Arn" ] } } },
                         { "Id": "T2", "Arn": { "Fn::GetAtt": [ "In", "Arn" ] }, "Input": "{\"fixed\":true}" } ] } },
          "Nightly": { "Type": "AWS::Events::Rule", "Properties": { "ScheduleExpression": "cron(7 2 * * ? *)", "State": "DISABLED",
            "Targets": [ { "Id": "T", "Arn": { "Fn::GetAtt": [ "Fn", "Arn" ] } } ] } }
        """);
        var onEvent = plan.Rules.Single(r => r.LogicalId == "OnEvent");
        Assert.Equal("""{"source":["orders"],"detail":{"n":[{"numeric":[">",1]}]}}""", onEvent.EventPatternJson);
        var shaped = onEvent.Targets.Single(t => t.Id == "T1");
        Assert.Equal("$.detail.id", shaped.InputTransformer!.InputPathsMap["id"]);
        Assert.Equal("{\"order\": <id>}", shaped.InputTransformer.InputTemplate);
        Assert.Equal((1, TimeSpan.FromMinutes(2), "arn:aws:sqs:eu-central-1:210987654321:orders-dlq"), (shaped.MaximumRetryAttempts, shaped.MaximumEventAge, shaped.DeadLetterQueueArn));
        var fixedInput = onEvent.Targets.Single(t => t.Id == "T2");
        Assert.Equal(("{\"fixed\":true}", 185, TimeSpan.FromHours(24)), (fixedInput.Input, fixedInput.MaximumRetryAttempts, fixedInput.MaximumEventAge));
        Assert.Contains("rule/tenant-bus/", onEvent.Arn, StringComparison.Ordinal);

        var nightly = plan.Rules.Single(r => r.LogicalId == "Nightly");
        Assert.Equal(("cron(7 2 * * ? *)", false, (string?)null), (nightly.ScheduleExpression, nightly.Enabled, nightly.EventPatternJson));
    }

    [Fact]
    public void Every_problem_of_the_templates_is_listed_with_service_logical_id_type_and_property()
    {
        var problems = Problems(Function + "," + """
          "Fifo": { "Type": "AWS::SQS::Queue", "Properties": { "FifoQueue": true, "QueueName": "x.fifo" } },
          "Bucket": { "Type": "AWS::S3::Bucket", "Properties": {} },
          "Stream": { "Type": "AWS::Lambda::EventSourceMapping", "Properties": { "EventSourceArn": "arn:aws:dynamodb:eu-central-1:210987654321:table/t/stream/x", "FunctionName": { "Ref": "Fn" } } },
          "ToTopic": { "Type": "AWS::Events::Rule", "Properties": { "EventPattern": { "source": [ "x" ] }, "Targets": [ { "Id": "T", "Arn": "arn:aws:sns:eu-central-1:210987654321:topic" } ] } },
          "OtherBus": { "Type": "AWS::Events::Rule", "Properties": { "EventBusName": "shared", "EventPattern": { "source": [ "x" ] }, "Targets": [] } },
          "Odd": { "Type": "AWS::DynamoDB::Table", "Properties": { "KeySchema": [], "AttributeDefinitions": [], "BillingMode": "PAY_PER_REQUEST", "Frobnicate": 1 } },
          "Layered": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "H", "Runtime": "dotnet8", "Code": { "S3Key": "missing.zip" }, "Layers": [ "arn:layer" ] } },
          "Imports": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": { "Fn::ImportValue": "SharedQueueName" } } }
        """);

        Assert.Contains("Orders/Fifo (AWS::SQS::Queue) FifoQueue: FIFO queues are not emulated locally.", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Bucket (AWS::S3::Bucket): this resource type is not emulated locally", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Stream (AWS::Lambda::EventSourceMapping) EventSourceArn:", problems, StringComparison.Ordinal);
        Assert.Contains("no DynamoDB or Kinesis streams", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/ToTopic (AWS::Events::Rule) Targets[0].Arn: arn:aws:sns:", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/OtherBus (AWS::Events::Rule) EventBusName: shared is neither the account's bus (tenant-bus)", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Odd (AWS::DynamoDB::Table) Frobnicate: is not emulated locally", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Layered (AWS::Lambda::Function) Layers:", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Layered (AWS::Lambda::Function) Runtime: dotnet8", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Layered (AWS::Lambda::Function) Code.S3Key: S3Key missing.zip is not among the packages", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Imports (AWS::SQS::Queue): Orders: Imports Properties.QueueName.Fn::ImportValue: Fn::ImportValue of SharedQueueName", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_apis_other_than_jwt_proxy_routes_at_the_default_stage_are_refused()
    {
        var problems = Problems(Function + "," + """
          "Api": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "Name": "a", "ProtocolType": "WEBSOCKET", "CorsConfiguration": { "AllowOrigins": [ "*" ] } } },
          "Stage": { "Type": "AWS::ApiGatewayV2::Stage", "Properties": { "ApiId": { "Ref": "Api" }, "StageName": "v1" } },
          "Integration": { "Type": "AWS::ApiGatewayV2::Integration", "Properties": { "ApiId": { "Ref": "Api" }, "IntegrationType": "AWS_PROXY", "PayloadFormatVersion": "1.0",
            "IntegrationUri": { "Fn::GetAtt": [ "Fn", "Arn" ] } } },
          "Lambda": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "ApiId": { "Ref": "Api" }, "AuthorizerType": "REQUEST", "Name": "l" } },
          "Route": { "Type": "AWS::ApiGatewayV2::Route", "Properties": { "ApiId": { "Ref": "Api" }, "RouteKey": "GET /x", "AuthorizationType": "AWS_IAM",
            "Target": { "Fn::Join": [ "", [ "integrations/", { "Ref": "Integration" } ] ] } } }
        """);

        Assert.Contains("Orders/Api (AWS::ApiGatewayV2::Api) ProtocolType: WEBSOCKET", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Api (AWS::ApiGatewayV2::Api) CorsConfiguration:", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Stage (AWS::ApiGatewayV2::Stage) StageName: v1", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Integration (AWS::ApiGatewayV2::Integration) PayloadFormatVersion: 1.0", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Lambda (AWS::ApiGatewayV2::Authorizer) AuthorizerType: REQUEST", problems, StringComparison.Ordinal);
        Assert.Contains("Orders/Route (AWS::ApiGatewayV2::Route) AuthorizationType: AWS_IAM", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_for_a_parameter_the_template_does_not_have_is_a_problem()
    {
        var tenant = new PlannedTenant("tenant-001", "210987654321", _ => new Dictionary<string, string> { ["TenantId"] = "t", ["Nope"] = "1" });
        var problem = Assert.Single(Assert.Throws<PlanningException>(() => AccountPlanner.Plan([Snippet(Function)], tenant, Settings)).Problems);
        Assert.Equal("Orders: the account's overrides set Nope, which is not a parameter of the template.", problem);
    }
}
