namespace Insight.Sdk.Observability;

/// <summary>
/// Where logs and metrics go: one line each, written whole. Lambda forwards the function's standard output
/// line by line to CloudWatch Logs, which is also where Embedded Metric Format lines become metrics.
/// </summary>
public sealed class OutputSink(Stream stream)
{
    private readonly Lock _gate = new();

    // The line and its newline are copied together and written once: standard output is unbuffered, so writing the
    // newline on its own would cost a second system call for every log and metric line. A rare line longer than the
    // largest kept buffer goes out in two writes rather than keeping a buffer its size for the life of the process.
    private const int LargestKeptLine = 64 * 1024;
    private byte[] _line = new byte[1024];

    /// <summary>The process's standard output.</summary>
    public static OutputSink StandardOutput { get; } = new(Console.OpenStandardOutput());

    /// <summary>
    /// Writes <paramref name="line"/> and a newline under one lock, so concurrent lines never interleave; as one write,
    /// so one system call, unless the line is 64 KB or longer.
    /// </summary>
    public void WriteLine(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            if (line.Length >= LargestKeptLine)
            {
                stream.Write(line);
                stream.WriteByte((byte)'\n');
                stream.Flush();
                return;
            }

            if (_line.Length <= line.Length)
            {
                _line = new byte[Math.Min(LargestKeptLine, Math.Max(line.Length + 1, _line.Length * 2))];
            }

            line.CopyTo(_line);
            _line[line.Length] = (byte)'\n';
            stream.Write(_line, 0, line.Length + 1);
            stream.Flush();
        }
    }
}
