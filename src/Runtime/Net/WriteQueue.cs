using System.Buffers;
using Loopwire.Internal;

namespace Loopwire.Net;

/// <summary>
/// A socket's unsent bytes: a FIFO of pooled 64 KiB segments that <see cref="Append"/> copies into, so a caller may
/// reuse its buffer as soon as <c>Write</c> returns and steady-state writing rents and returns segments instead of
/// allocating. Bytes are only ever removed by <see cref="Consume"/> (sent) or <see cref="Clear"/> (the socket closed):
/// never dropped.
/// </summary>
internal sealed class WriteQueue
{
    private const int SegmentSize = 64 * 1024;

    private readonly RingBuffer<Segment> _segments = new();

    /// <summary>Bytes queued and not yet reported sent, including those of a send in flight.</summary>
    public int Length { get; private set; }

    public bool IsEmpty => Length == 0;

    /// <summary>The bytes to send next: the unsent part of the head segment. Only while not <see cref="IsEmpty"/>.</summary>
    public Memory<byte> Next => _segments[0].Unsent;

    /// <summary>
    /// Copies <paramref name="data"/> to the tail. Filling the tail segment's free space is safe while a send of its
    /// earlier bytes is in flight: that send reads only the range it was given.
    /// </summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length > int.MaxValue - Length)
        {
            throw new InvalidOperationException(
                $"This write would buffer more than 2 GiB ({Length} bytes are already waiting): wait for 'drain' once Write returns false.");
        }

        Length += data.Length;
        if (!_segments.IsEmpty)
        {
            data = data[_segments[_segments.Count - 1].Fill(data)..];
        }

        while (!data.IsEmpty)
        {
            ref Segment tail = ref _segments.Append();
            tail = new Segment(ArrayPool<byte>.Shared.Rent(SegmentSize));
            data = data[tail.Fill(data)..];
        }
    }

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="Next"/> sent, returning the head segment once all of it is.</summary>
    public void Consume(int count)
    {
        Length -= count;
        ref Segment head = ref _segments[0];
        head.Start += count;
        if (head.Start == head.End)
        {
            ArrayPool<byte>.Shared.Return(head.Buffer);
            _segments.TryDequeue(out _);
        }
    }

    /// <summary>Returns every segment; only when no send is in flight, since a send reads its segment until it completes.</summary>
    public void Clear()
    {
        while (_segments.TryDequeue(out Segment segment))
        {
            ArrayPool<byte>.Shared.Return(segment.Buffer);
        }

        Length = 0;
    }

    /// <summary>A pooled buffer: bytes [Start, End) are unsent, bytes from End on are free.</summary>
    private struct Segment(byte[] buffer)
    {
        public readonly byte[] Buffer = buffer;
        public int Start;
        public int End;

        public readonly Memory<byte> Unsent => Buffer.AsMemory(Start, End - Start);

        /// <summary>Copies what fits of <paramref name="data"/> into the free space; returns how much.</summary>
        public int Fill(ReadOnlySpan<byte> data)
        {
            int count = Math.Min(data.Length, Buffer.Length - End);
            data[..count].CopyTo(Buffer.AsSpan(End));
            End += count;
            return count;
        }
    }
}
