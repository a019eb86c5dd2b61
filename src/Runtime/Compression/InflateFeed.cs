namespace Loopwire;

/// <summary>
/// The stream a .NET decompression stream reads its input from: the chunks given so far, in order. While more input
/// may come, running dry throws <see cref="NeedInput"/> instead of returning 0, which the decompression stream would
/// take for the end (and, under <c>System.IO.Compression.UseStrictValidation</c>, for truncated data); the
/// decompression stream is left as it was and goes on at the next read. Once the input has ended, the first read
/// that finds nothing gets <see cref="Sentinel"/> if one is set, and every read after that returns 0, counted in
/// <see cref="ReadsAfterEnd"/>.
/// </summary>
internal sealed class InflateFeed : Stream
{
    private readonly Queue<ReadOnlyMemory<byte>> _chunks = new();
    private ReadOnlyMemory<byte> _current;
    private bool _ended;

    /// <summary>One byte handed over once the input has ended, or null.</summary>
    public byte? Sentinel { get; set; }

    /// <summary>Reads that found the input ended, after the sentinel.</summary>
    public int ReadsAfterEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Adds a chunk, kept as it is: nothing else writes to it.</summary>
    public void Add(ReadOnlyMemory<byte> chunk)
    {
        if (!chunk.IsEmpty)
        {
            _chunks.Enqueue(chunk);
        }
    }

    /// <summary>Drops what is left: the compressed stream is complete, and Node ignores what follows it.</summary>
    public void Clear()
    {
        _current = default;
        _chunks.Clear();
    }

    /// <summary>No more input: reads now end instead of throwing <see cref="NeedInput"/>.</summary>
    public void End() => _ended = true;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_current.IsEmpty && !_chunks.TryDequeue(out _current))
        {
            if (!_ended)
            {
                throw new NeedInput();
            }

            if (Sentinel is byte sentinel)
            {
                Sentinel = null;
                buffer[0] = sentinel;
                return 1;
            }

            ReadsAfterEnd++;
            return 0;
        }

        int length = Math.Min(buffer.Length, _current.Length);
        _current.Span[..length].CopyTo(buffer);
        _current = _current[length..];
        return length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Thrown through the decompression stream when the feed is dry and more input may come.</summary>
    public sealed class NeedInput : Exception
    {
    }
}
