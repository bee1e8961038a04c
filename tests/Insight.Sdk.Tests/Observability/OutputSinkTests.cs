using System.Text;
using Insight.Sdk.Observability;

namespace Insight.Sdk.Tests.Observability;

public sealed class OutputSinkTests
{
    [Fact]
    public void Each_line_goes_out_with_its_newline_in_one_write_whatever_its_length()
    {
        var output = new WriteRecorder();
        var sink = new OutputSink(output);
        string[] lines = ["{\"a\":1}", new('x', 5000), "", new('y', 3)];

        foreach (var line in lines)
        {
            sink.WriteLine(Encoding.UTF8.GetBytes(line));
        }

        Assert.Equal(lines.Select(line => line + "\n"), output.Writes);
    }

    [Fact]
    public void A_line_past_the_kept_buffer_is_still_written_whole()
    {
        var output = new WriteRecorder();
        var sink = new OutputSink(output);
        var huge = new string('z', 70_000);

        sink.WriteLine(Encoding.UTF8.GetBytes(huge));
        sink.WriteLine("{}"u8);

        Assert.Equal(huge + "\n{}\n", string.Concat(output.Writes));
        Assert.Equal("{}\n", output.Writes[^1]);
    }

    /// <summary>Records each write separately, so a line split over two writes shows.</summary>
    private sealed class WriteRecorder : Stream
    {
        public List<string> Writes { get; } = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Writes.Add(Encoding.UTF8.GetString(buffer, offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => Writes.Add(Encoding.UTF8.GetString(buffer));

        public override void WriteByte(byte value) => Writes.Add(((char)value).ToString());

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
