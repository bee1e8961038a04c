using System.Text.Json;
using Insight.Cli.Local.Emulation;
using Insight.Local.Events;

namespace Insight.Cli.Tests.Emulation;

/// <summary>The account engine against real function processes (the probe service, run with dotnet) and DynamoDB Local.</summary>
[Collection(EngineCollection.Name)]
public sealed class LocalAccountTests(EngineFixture engine)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_batch_deletes_what_succeeded_and_a_poison_message_reaches_the_dead_letter_queue_after_max_receive_count()
    {
        var (tenant, accountId) = ("tenant-batch", EngineFixture.NewAccountId());
        var dlq = EngineFixture.Queue(accountId, "probe-dlq", TimeSpan.FromSeconds(30));
        var queue = EngineFixture.Queue(accountId, "probe-work", TimeSpan.FromSeconds(120), new RedrivePlan(dlq.Arn, 2));
        var batch = engine.Function(tenant, accountId, "ProbeBatch");
        var plan = EngineFixture.Account(tenant, accountId, [batch], [queue, dlq],
            [new QueueSourcePlan(queue.Arn, batch.Arn, 10, TimeSpan.FromSeconds(20), ReportBatchItemFailures: true, MaximumConcurrency: null, Enabled: true)],
            [EngineFixture.Rule(accountId, "to-queue", """{"source":["probe.queue"]}""", null, EngineFixture.Target("work", queue.Arn, inputPath: "$.detail"))]);
        var logs = new LogLines();

        // 120 emulated seconds of visibility timeout are 4 real seconds; the 20-second batching window gathers all six.
        await using var account = await engine.StartAsync(plan, logs, timeScale: 30);

        // Warm first: the visibility timeout runs from the receive, and a cold start must not eat it.
        Assert.True((await account.InvokeAsync(batch.Arn, """{"Records":[]}""", CancellationToken.None)).Succeeded, logs.ToString());
        var entries = Enumerable.Range(1, 5).Select(i => Entry("probe.queue", $$"""{"id":"good-{{i}}","action":"write"}"""))
            .Append(Entry("probe.queue", """{"id":"poison","action":"fail"}""")).ToList();
        var results = await account.PutEventsAsync(entries, CancellationToken.None);
        Assert.All(results, result => Assert.NotNull(result.EventId));

        await Eventually.HoldsAsync(async () => (await engine.ItemsAsync(accountId, tenant)).Count == 5, Patience, () => $"five items written\n{logs}");

        // Only the poison message is left: the five that succeeded were deleted although their batch-mate failed. The
        // items are written during the invocation and the deletes follow its answer, so the queue is read once it settles.
        await Eventually.HoldsAsync(
            () => account.Queues().Single(row => row.Queue == "probe-work") is { } work && work.Visible + work.InFlight == 1,
            Patience,
            () => $"{account.Queues().Single(row => row.Queue == "probe-work")}\n{logs}");

        await Eventually.HoldsAsync(() => account.Queues().Single(row => row.Queue == "probe-dlq").Visible == 1, Patience, () => $"poison in the DLQ\n{logs}");
        await Eventually.HoldsAsync(() => account.InFlight() == 0, Patience, () => $"idle, in flight {account.InFlight()}\n{logs}");

        Assert.True(account.Queues().Single(row => row.Queue == "probe-dlq").IsDeadLetterQueue);
        var function = Assert.Single(account.Functions());
        Assert.Equal(3, function.Invocations); // the warm-up, one batch of six, then the poison alone; the third receive moved it
        Assert.Equal(0, function.Errors);
        Assert.Equal(new(6, 6, 0, 0, 0), account.Events());
        var dead = Assert.Single(account.Queue(dlq.Arn)!.Receive(10));
        Assert.Equal("poison", JsonDocument.Parse(dead.Body).RootElement.GetProperty("id").GetString());
        Assert.Contains(logs.Lines, line => line.Contains("moved to the dead-letter queue probe-dlq", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_asynchronous_invocation_is_retried_then_sent_to_its_on_failure_destination_and_every_event_is_accounted_for()
    {
        var (tenant, accountId) = ("tenant-async", EngineFixture.NewAccountId());
        var failures = EngineFixture.Queue(accountId, "probe-failures", TimeSpan.FromSeconds(30));
        var handler = engine.Function(tenant, accountId, "ProbeEvent", asyncInvoke: new AsyncInvokePlan(2, TimeSpan.FromHours(6), failures.Arn, null));
        var plan = EngineFixture.Account(tenant, accountId, [handler], [failures], [],
            [EngineFixture.Rule(accountId, "to-function", """{"source":["probe.bus"],"detail":{"action":["write","fail"]}}""", null, EngineFixture.Target("fn", handler.Arn))]);
        var logs = new LogLines();

        // Lambda waits one minute before the second attempt and two before the third: 0.3 real seconds here.
        await using var account = await engine.StartAsync(plan, logs, timeScale: 600);
        var results = await account.PutEventsAsync(
            [Entry("probe.bus", """{"id":"fine","action":"write"}"""), Entry("probe.bus", """{"id":"broken","action":"fail"}"""), Entry("probe.elsewhere", """{"id":"stray","action":"write"}"""),
             new BusEntry("probe.bus", "ProbeMessage", "not json", null, null, [])],
            CancellationToken.None);
        Assert.Equal("MalformedDetail", results[3].ErrorCode);

        await Eventually.HoldsAsync(() => account.Events().Pending == 0 && account.InFlight() == 0, Patience, () => $"settled: {account.Events()}\n{logs}");

        Assert.Equal(new(3, 1, 1, 1, 0), account.Events());
        var function = Assert.Single(account.Functions());
        Assert.Equal(4, function.Invocations);
        Assert.Equal(3, function.Errors);
        var record = JsonDocument.Parse(Assert.Single(account.Queue(failures.Arn)!.Receive(10)).Body).RootElement;
        Assert.Equal("RetriesExhausted", record.GetProperty("requestContext").GetProperty("condition").GetString());
        Assert.Equal(3, record.GetProperty("requestContext").GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal($"{handler.Arn}:$LATEST", record.GetProperty("requestContext").GetProperty("functionArn").GetString());
        Assert.Equal("broken", record.GetProperty("requestPayload").GetProperty("detail").GetProperty("id").GetString());
        Assert.Equal("Unhandled", record.GetProperty("responseContext").GetProperty("functionError").GetString());
        Assert.Contains("broken", record.GetProperty("responsePayload").GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(["fine"], (await engine.ItemsAsync(accountId, tenant)).Select(item => item["Id"].S));
    }

    [Fact]
    public async Task A_schedule_fires_its_target_with_the_scheduled_event()
    {
        var (tenant, accountId) = ("tenant-schedule", EngineFixture.NewAccountId());
        var tick = engine.Function(tenant, accountId, "ProbeTick");
        var rule = EngineFixture.Rule(accountId, "every-minute", null, "rate(1 minute)", EngineFixture.Target("tick", tick.Arn));
        var plan = EngineFixture.Account(tenant, accountId, [tick], rules: [rule]);
        var logs = new LogLines();

        // A minute is half a real second.
        await using var account = await engine.StartAsync(plan, logs, timeScale: 120);

        await Eventually.HoldsAsync(async () => (await engine.ItemsAsync(accountId, tenant)).Count >= 2, Patience, () => $"two ticks\n{logs}");
        var items = await engine.ItemsAsync(accountId, tenant);
        Assert.All(items, item => Assert.Equal(rule.Arn, item["Action"].S));
        var times = items.Select(item => long.Parse(item["Id"].S["tick-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.All(times, time => Assert.Equal(times[0] % 60, time % 60)); // scheduled times whole minutes apart in the account's time
        Assert.Equal(0, account.Events().Sent); // a schedule puts nothing on the bus
    }

    [Fact]
    public async Task Reserved_concurrency_throttles_synchronous_requests_and_makes_asynchronous_ones_wait()
    {
        var (tenant, accountId) = ("tenant-bound", EngineFixture.NewAccountId());
        var handler = engine.Function(tenant, accountId, "ProbeEvent", reserved: 1);
        var plan = EngineFixture.Account(tenant, accountId, [handler], rules:
            [EngineFixture.Rule(accountId, "slow", """{"source":["probe.slow"]}""", null, EngineFixture.Target("fn", handler.Arn))]);
        var logs = new LogLines();
        await using var account = await engine.StartAsync(plan, logs);

        var slow = Invocation("slow-sync", "slow", 1500);
        var first = account.InvokeAsync(handler.Arn, slow, CancellationToken.None);
        await Eventually.HoldsAsync(() => account.Functions()[0].Instances == 1, Patience, () => $"one instance\n{logs}");
        await Task.Delay(300); // the first request holds the only instance
        var second = await account.InvokeAsync(handler.Arn, Invocation("refused", "write", 0), CancellationToken.None);
        Assert.False(second.Succeeded);
        Assert.Equal("TooManyRequestsException", second.ErrorType);
        Assert.True((await first).Succeeded, (await first).ErrorMessage);

        await account.PutEventsAsync([.. Enumerable.Range(1, 3).Select(i => Entry("probe.slow", $$"""{"id":"queued-{{i}}","action":"slow","delay_ms":200}"""))], CancellationToken.None);
        var mostInstances = 0;
        await Eventually.HoldsAsync(() =>
        {
            mostInstances = Math.Max(mostInstances, account.Functions()[0].Instances);
            return account.Events().Delivered == 3;
        }, Patience, () => $"three delivered: {account.Events()}\n{logs}");

        Assert.Equal(1, mostInstances);
        var status = account.Functions()[0];
        Assert.Equal(4, status.Invocations);
        Assert.True(status.Throttles >= 3, $"throttles {status.Throttles}"); // the refused request and the events that waited
        Assert.Equal(4, (await engine.ItemsAsync(accountId, tenant)).Count);
    }

    [Fact]
    public async Task A_crashed_or_timed_out_process_is_reported_and_replaced()
    {
        var (tenant, accountId) = ("tenant-crash", EngineFixture.NewAccountId());
        var handler = engine.Function(tenant, accountId, "ProbeEvent", timeout: TimeSpan.FromSeconds(2));
        var logs = new LogLines();
        await using var account = await engine.StartAsync(EngineFixture.Account(tenant, accountId, [handler]), logs);

        var crashed = await account.InvokeAsync(handler.Arn, Invocation("boom", "crash", 0), CancellationToken.None);
        Assert.False(crashed.Succeeded);
        Assert.Equal("Runtime.ExitError", crashed.ErrorType);
        Assert.Contains("exit status 17", crashed.ErrorMessage, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => logs.Lines.Any(line => line.Contains("exited with code 17", StringComparison.Ordinal)), Patience, () => logs.ToString());

        // A handler that honours cancellation reports its own deadline error and its environment lives on ...
        var cancelled = await account.InvokeAsync(handler.Arn, Invocation("late", "slow", 10_000), CancellationToken.None);
        Assert.Equal("Function.DeadlineExceeded", cancelled.ErrorType);

        // ... one that does not is ended at the deadline, as Lambda ends it.
        var timedOut = await account.InvokeAsync(handler.Arn, Invocation("stuck", "hang", 10_000), CancellationToken.None);
        Assert.Equal("Sandbox.Timedout", timedOut.ErrorType);
        Assert.Contains("Task timed out after 2.00 seconds", timedOut.ErrorMessage, StringComparison.Ordinal);

        var after = await account.InvokeAsync(handler.Arn, Invocation("after", "write", 0), CancellationToken.None);
        Assert.True(after.Succeeded, $"{after.ErrorType}: {after.ErrorMessage}\n{logs}");
        var status = account.Functions()[0];
        Assert.Equal((4, 3, 1), (status.Invocations, status.Errors, status.Instances));
        Assert.Equal(["after"], (await engine.ItemsAsync(accountId, tenant)).Select(item => item["Id"].S));
    }

    [Fact]
    public async Task Each_account_has_its_own_tables_under_the_same_names()
    {
        var first = ("tenant-shared", EngineFixture.NewAccountId());
        var second = ("tenant-shared", EngineFixture.NewAccountId());
        var logs = new LogLines();
        var handlers = new[] { first, second }.Select(account => engine.Function(account.Item1, account.Item2, "ProbeEvent")).ToList();
        await using var one = await engine.StartAsync(EngineFixture.Account(first.Item1, first.Item2, [handlers[0]]), logs);
        await using var other = await engine.StartAsync(EngineFixture.Account(second.Item1, second.Item2, [handlers[1]]), logs);

        var result = await one.InvokeAsync(handlers[0].Arn, Invocation("mine", "write", 0), CancellationToken.None);

        Assert.True(result.Succeeded, $"{result.ErrorType}: {result.ErrorMessage}\n{logs}");
        Assert.Single(await engine.ItemsAsync(first.Item2, first.Item1));
        Assert.Empty(await engine.ItemsAsync(second.Item2, second.Item1));
        Assert.Equal("ResourceNotFoundException", (await one.InvokeAsync(handlers[1].Arn, "{}", CancellationToken.None)).ErrorType);
    }

    [Fact]
    public async Task A_plan_whose_references_do_not_resolve_is_refused_naming_them()
    {
        var (tenant, accountId) = ("tenant-broken", EngineFixture.NewAccountId());
        var handler = engine.Function(tenant, accountId, "ProbeEvent");
        var queue = EngineFixture.Queue(accountId, "orphan", TimeSpan.FromSeconds(30), new RedrivePlan(EngineFixture.QueueArn(accountId, "missing-dlq"), 3));
        var plan = EngineFixture.Account(tenant, accountId, [handler], [queue], [],
            [EngineFixture.Rule(accountId, "bad", """{"source":[{"prefix":1}]}""", null, EngineFixture.Target("nowhere", EngineFixture.FunctionArn(accountId, "Missing")))]);

        var refusal = await Assert.ThrowsAsync<Insight.Cli.Local.LocalRunException>(() => engine.StartAsync(plan, new LogLines()));

        Assert.Contains("missing-dlq", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("rule bad", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("function:Missing", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_target_gets_its_input_as_the_body_and_a_delivery_that_cannot_be_made_goes_to_the_target_dead_letter_queue()
    {
        var (tenant, accountId) = ("tenant-targets", EngineFixture.NewAccountId());
        var inbox = EngineFixture.Queue(accountId, "inbox", TimeSpan.FromSeconds(30));
        var dlq = EngineFixture.Queue(accountId, "rule-dlq", TimeSpan.FromSeconds(30));
        var transformed = new TargetPlan("text", inbox.Arn, null, null,
            new InputTransformerSpec(new Dictionary<string, string> { ["who"] = "$.detail.id" }, "hello <who>"), 185, TimeSpan.FromHours(24), null);
        var broken = new TargetPlan("broken", inbox.Arn, """{"fixed":true}""", "$.detail", null, 185, TimeSpan.FromHours(24), dlq.Arn);
        var plan = EngineFixture.Account(tenant, accountId, [], [inbox, dlq], [],
            [EngineFixture.Rule(accountId, "greet", """{"source":["probe.greet"]}""", null, transformed),
             EngineFixture.Rule(accountId, "misconfigured", """{"source":["probe.broken"]}""", null, broken)]);
        var logs = new LogLines();
        await using var account = await engine.StartAsync(plan, logs);

        await account.PutEventsAsync([Entry("probe.greet", """{"id":"ada"}"""), Entry("probe.broken", """{"id":"bob"}""")], CancellationToken.None);
        await Eventually.HoldsAsync(() => account.Events().Pending == 0, Patience, () => $"settled: {account.Events()}\n{logs}");

        Assert.Equal(new(2, 1, 1, 0, 0), account.Events());
        Assert.Equal("hello ada", Assert.Single(account.Queue(inbox.Arn)!.Receive(10)).Body);
        var dead = Assert.Single(account.Queue(dlq.Arn)!.Receive(10));
        Assert.Equal("bob", JsonDocument.Parse(dead.Body).RootElement.GetProperty("detail").GetProperty("id").GetString());
        Assert.Equal(("InvalidParameter", EngineFixture.Rule(accountId, "misconfigured", null, null).Arn), (dead.Attributes["ERROR_CODE"], dead.Attributes["RULE_ARN"]));
        Assert.True(account.Queues().Single(row => row.Queue == "rule-dlq").IsDeadLetterQueue);
        Assert.Equal(0, account.InFlight()); // nothing consumes these queues: what they hold is settled
    }

    private static BusEntry Entry(string source, string detail) => new(source, "ProbeMessage", detail, null, null, []);

    /// <summary>An EventBridge event whose detail is a probe message, as the probe's event handler reads it.</summary>
    private static string Invocation(string id, string action, int delayMs) =>
        $$$"""{"version":"0","id":"{{{Guid.NewGuid()}}}","detail-type":"ProbeMessage","source":"probe.direct","account":"123456789012","time":"2026-12-01T00:00:00Z","region":"eu-central-1","resources":[],"detail":{"id":"{{{id}}}","action":"{{{action}}}","delay_ms":{{{delayMs}}}}}""";
}
