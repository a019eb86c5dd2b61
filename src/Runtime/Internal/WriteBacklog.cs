using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Loopwire.Internal;

/// <summary>
/// The bytes a writable stream has accepted but not yet written, as Node's writable buffer: each chunk copied (so
/// the caller may reuse its own), handed out in order, with the high-water mark past which <c>write</c> returns
/// false and the <c>drain</c> that is then owed. Belongs to the loop thread.
/// </summary>
/// <param name="highWaterMark">Queued bytes at which <see cref="Accept"/> starts returning false.</param>
internal sealed class WriteBacklog(int highWaterMark)
{
    private readonly Queue<byte[]> _chunks = new();
    private bool _drainOwed;

    /// <summary>Queued bytes at which <see cref="Accept"/> starts returning false.</summary>
    public int HighWaterMark { get; } = highWaterMark;

    /// <summary>The bytes accepted and not yet written (Node's <c>writableLength</c>).</summary>
    public int Length { get; private set; }

    /// <summary>Queues a copy of <paramref name="chunk"/>, or, when <paramref name="keep"/> is set and it is a whole array, that array.</summary>
    /// <returns>Whether fewer than <see cref="HighWaterMark"/> bytes are queued; false owes a drain.</returns>
    public bool Accept(ReadOnlyMemory<byte> chunk, bool keep = false)
    {
        if (!chunk.IsEmpty)
        {
            bool whole = MemoryMarshal.TryGetArray(chunk, out ArraySegment<byte> segment)
                && segment.Offset == 0 && segment.Count == segment.Array!.Length;
            _chunks.Enqueue(keep && whole ? segment.Array! : chunk.ToArray());
            Length += chunk.Length;
        }

        bool belowMark = Length < HighWaterMark;
        _drainOwed |= !belowMark;
        return belowMark;
    }

    /// <summary>Takes the oldest chunk to write; its bytes still count until <see cref="Written"/>.</summary>
    public bool TryTake([NotNullWhen(true)] out byte[]? chunk) => _chunks.TryDequeue(out chunk);

    /// <summary>
    /// Takes the queued chunks, oldest first, into <paramref name="batch"/>, at most <paramref name="most"/> of them, for
    /// one gathering write (Node's <c>writev</c>); their bytes still count until <see cref="Written"/>.
    /// </summary>
    /// <returns>Whether there was anything to take.</returns>
    public bool TryTakeAll(List<ReadOnlyMemory<byte>> batch, int most)
    {
        while (batch.Count < most && _chunks.TryDequeue(out byte[]? chunk))
        {
            batch.Add(chunk);
        }

        return batch.Count > 0;
    }

    /// <summary>Counts <paramref name="count"/> written bytes out.</summary>
    /// <returns>Whether the backlog has just emptied after an <see cref="Accept"/> returned false: time for 'drain'.</returns>
    public bool Written(int count)
    {
        Length -= count;
        if (_drainOwed && Length == 0)
        {
            _drainOwed = false;
            return true;
        }

        return false;
    }

    /// <summary>Drops everything queued, as a destroyed stream does.</summary>
    public void Clear()
    {
        _chunks.Clear();
        Length = 0;
    }
}
