using System.Text.Json;

namespace Insight.Sdk.Data.Wire;

/// <summary>
/// DynamoDB spoken directly in its JSON wire protocol (AWS JSON 1.0): the typed tables write a request's body and read
/// its response's body themselves, with no <c>AttributeValue</c> dictionaries in between. The implementation signs,
/// sends, retries and maps errors exactly as the AWS SDK's client would, so callers see the same exceptions.
/// </summary>
public interface IDynamoWire
{
    /// <summary>Sends one operation and reads its answer.</summary>
    /// <param name="operation">The operation, as the <c>X-Amz-Target</c> names it after <c>DynamoDB_20120810.</c> (e.g. <c>GetItem</c>).</param>
    /// <param name="tableName">The table the operation is on, named in dependency errors.</param>
    /// <param name="state">What the writer and reader need, passed through without a closure.</param>
    /// <param name="writeRequest">Writes the request body, once: retries re-send the bytes it wrote.</param>
    /// <param name="readResponse">Reads a successful response body.</param>
    /// <param name="cancellationToken">Cancels the call, its retries included.</param>
    ValueTask<TResult> SendAsync<TState, TResult>(
        string operation,
        string tableName,
        TState state,
        DynamoRequestWriter<TState> writeRequest,
        DynamoResponseReader<TState, TResult> readResponse,
        CancellationToken cancellationToken);
}

/// <summary>Writes a DynamoDB request body.</summary>
public delegate void DynamoRequestWriter<in TState>(Utf8JsonWriter writer, TState state);

/// <summary>Reads a successful DynamoDB response body.</summary>
public delegate TResult DynamoResponseReader<in TState, out TResult>(ReadOnlySpan<byte> body, TState state);
