using System.Buffers;

namespace Insight.Sdk.Data.Wire;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool: a request body is written once into it,
/// hashed and sent from it on every attempt, and its array goes back to the pool when the call ends.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>The array written into; valid up to <see cref="WrittenCount"/>.</summary>
    public byte[] Buffer => _buffer;

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end into the buffer, filling what is free before growing: a buffer sized
    /// for the announced length (plus one byte, to see the end) is read into without a copy.
    /// </summary>
    public async ValueTask ReadFromAsync(Stream stream, CancellationToken cancellationToken)
    {
        int read;
        do
        {
            read = await stream.ReadAsync(GetMemory(1), cancellationToken).ConfigureAwait(false);
            _written += read;
        }
        while (read > 0);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
