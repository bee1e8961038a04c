namespace Insight.Sdk.Observability;

/// <summary>
/// Where logs and metrics go: one line each, written whole. Lambda forwards the function's standard output
/// line by line to CloudWatch Logs, which is also where Embedded Metric Format lines become metrics.
/// </summary>
public sealed class OutputSink(Stream stream)
{
    private readonly Lock _gate = new();

    /// <summary>The process's standard output.</summary>
    public static OutputSink StandardOutput { get; } = new(Console.OpenStandardOutput());

    /// <summary>Writes <paramref name="line"/> and a newline as one write, so concurrent lines never interleave.</summary>
    public void WriteLine(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            stream.Write(line);
            stream.WriteByte((byte)'\n');
            stream.Flush();
        }
    }
}
