using System.Text;
using Insight.Cli.Local.Emulation.Running;

namespace Insight.Cli.Tests.Emulation;

/// <summary>How a ReportBatchItemFailures response is judged, as Lambda documents it.</summary>
public sealed class BatchResponseTests
{
    private static readonly ReceivedMessage[] Batch = [Message("a"), Message("b")];

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"batchItemFailures":null}""")]
    [InlineData("""{"batchItemFailures":[]}""")]
    public void These_responses_mean_every_message_succeeded(string response) =>
        Assert.Empty(QueuePoller.FailedItems(Encoding.UTF8.GetBytes(response), Batch)!);

    [Fact]
    public void Only_the_named_messages_failed() =>
        Assert.Equal(["b"], QueuePoller.FailedItems("""{"batchItemFailures":[{"itemIdentifier":"b"}]}"""u8.ToArray(), Batch)!);

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":""}]}""")]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":null}]}""")]
    [InlineData("""{"batchItemFailures":[{"itemId":"a"}]}""")]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":"z"}]}""")]
    [InlineData("""{"batchItemFailures":"a"}""")]
    public void These_responses_fail_the_whole_batch(string response) =>
        Assert.Null(QueuePoller.FailedItems(Encoding.UTF8.GetBytes(response), Batch));

    private static ReceivedMessage Message(string id) => new(id, $"handle-{id}", "{}", 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new Dictionary<string, string>());
}
