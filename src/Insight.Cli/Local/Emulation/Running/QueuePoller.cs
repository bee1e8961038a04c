using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Insight.Sdk.Aws;
using Insight.Sdk.Serialization;

namespace Insight.Cli.Local.Emulation.Running;

/// <summary>
/// An SQS event source mapping: pollers that gather up to BatchSize visible messages (waiting up to the maximum
/// batching window for a batch to fill), hand them to the function in Lambda's SQS event, and delete what succeeded —
/// every message on success, none on a function error, all but the reported <c>batchItemFailures</c> with
/// ReportBatchItemFailures. What is not deleted comes back after the queue's visibility timeout. As many batches run at
/// once as the mapping's maximum concurrency and the function's concurrency allow.
/// </summary>
internal sealed class QueuePoller(QueueSourcePlan mapping, LocalQueue queue, FunctionPool pool, AccountPlan account, LocalClock clock, ILocalLogSink logs)
{
    private readonly SemaphoreSlim _gathering = new(1, 1);

    /// <summary>Runs the pollers until <paramref name="cancellationToken"/> stops them.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var pollers = Math.Max(1, Math.Min(mapping.MaximumConcurrency ?? int.MaxValue, pool.Concurrency));
        return Task.WhenAll(Enumerable.Range(0, pollers).Select(_ => Task.Run(() => PollAsync(cancellationToken), CancellationToken.None)));
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await queue.WaitForVisibleAsync(cancellationToken).ConfigureAwait(false);

                // One batch fills at a time, as Lambda's batcher fills a batch before it invokes: pollers gathering side
                // by side would split a burst into many small batches.
                await _gathering.WaitAsync(cancellationToken).ConfigureAwait(false);
                List<ReceivedMessage> batch;
                try
                {
                    // The slot comes first: messages received while no environment is free would sit invisible for nothing.
                    if (!await pool.WaitForSlotAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    batch = await GatherAsync(cancellationToken).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        pool.ReleaseSlot();
                        continue;
                    }
                }
                finally
                {
                    _gathering.Release();
                }

                await DeliverAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The account is stopping.
        }
    }

    private async Task<List<ReceivedMessage>> GatherAsync(CancellationToken cancellationToken)
    {
        var batch = new List<ReceivedMessage>(queue.Receive(mapping.BatchSize));
        if (mapping.MaximumBatchingWindow <= TimeSpan.Zero)
        {
            return batch;
        }

        var closesAt = clock.Now + mapping.MaximumBatchingWindow;
        while (batch.Count < mapping.BatchSize && clock.Now < closesAt)
        {
            await queue.WaitForChangeAsync(closesAt - clock.Now, cancellationToken).ConfigureAwait(false);
            batch.AddRange(queue.Receive(mapping.BatchSize - batch.Count));
        }

        return batch;
    }

    private async Task DeliverAsync(List<ReceivedMessage> batch, CancellationToken cancellationToken)
    {
        var outcome = await pool.RunInSlotAsync(Envelope(batch), cancellationToken).ConfigureAwait(false);
        if (outcome.IsError)
        {
            logs.Write(account.TenantId, pool.Function.FunctionName, $"[insight local] a batch of {batch.Count.ToString(CultureInfo.InvariantCulture)} from {queue.Plan.QueueName} failed ({outcome.ErrorType}: {outcome.ErrorMessage}); its messages return after the visibility timeout.", isError: true);
            return;
        }

        var failed = mapping.ReportBatchItemFailures ? FailedItems(outcome.Body, batch) : [];
        if (failed is null)
        {
            logs.Write(account.TenantId, pool.Function.FunctionName, $"[insight local] the response to a batch from {queue.Plan.QueueName} is not a valid batchItemFailures list, so the whole batch failed: {Encoding.UTF8.GetString(outcome.Body)}", isError: true);
            return;
        }

        foreach (var message in batch.Where(message => !failed.Contains(message.MessageId)))
        {
            queue.Delete(message.ReceiptHandle);
        }
    }

    /// <summary>
    /// The message ids the function reported as failed, or null when the response makes the whole batch a failure as
    /// Lambda judges it: not JSON, or an item identifier that is missing, empty, not a string or not in the batch.
    /// An empty or null response, or a null or empty list, means every message succeeded.
    /// </summary>
    internal static HashSet<string>? FailedItems(byte[] response, IReadOnlyList<ReceivedMessage> batch)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        if (response.Length == 0)
        {
            return failed;
        }

        try
        {
            using var document = JsonDocument.Parse(response);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null || (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("batchItemFailures", out _)))
            {
                return failed;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var failures = root.GetProperty("batchItemFailures");
            if (failures.ValueKind == JsonValueKind.Null)
            {
                return failed;
            }

            if (failures.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var ids = batch.Select(message => message.MessageId).ToHashSet(StringComparer.Ordinal);
            foreach (var failure in failures.EnumerateArray())
            {
                if (failure.ValueKind != JsonValueKind.Object
                    || !failure.TryGetProperty("itemIdentifier", out var identifier)
                    || identifier.ValueKind != JsonValueKind.String
                    || identifier.GetString() is not { Length: > 0 } id
                    || !ids.Contains(id))
                {
                    return null;
                }

                failed.Add(id);
            }

            return failed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private byte[] Envelope(IReadOnlyList<ReceivedMessage> batch)
    {
        var records = batch.Select(message => new SqsMessage
        {
            MessageId = message.MessageId,
            ReceiptHandle = message.ReceiptHandle,
            Body = message.Body,
            Attributes = new Dictionary<string, string>
            {
                ["ApproximateReceiveCount"] = message.ReceiveCount.ToString(CultureInfo.InvariantCulture),
                ["SentTimestamp"] = message.SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["SenderId"] = account.AccountId,
                ["ApproximateFirstReceiveTimestamp"] = message.FirstReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            },
#pragma warning disable CA5351 // SQS defines md5OfBody as the body's MD5; it is a checksum here, not security.
            Md5OfBody = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(message.Body))),
#pragma warning restore CA5351
            EventSource = "aws:sqs",
            EventSourceArn = queue.Plan.Arn,
            AwsRegion = account.Region,
        }).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(new SqsEvent { Records = records }, InsightJsonContext.Default.SqsEvent);
    }
}
