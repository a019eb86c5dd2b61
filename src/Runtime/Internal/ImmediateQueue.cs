namespace Loopwire.Internal;

/// <summary>
/// The loop's immediates in FIFO order. Every immediate gets an increasing id and entries leave only from the
/// head, so an id maps to its slot in O(1): that is how an <see cref="Immediate"/> handle finds its entry to
/// clear or unref it without a node allocation per immediate.
/// </summary>
internal sealed class ImmediateQueue
{
    private readonly RingBuffer<Entry> _entries = new();
    private long _headId;

    public int Count => _entries.Count;

    /// <summary>Queued immediates that are ref'd and not cleared: they keep the loop alive (L1) and the poll from blocking (N6).</summary>
    public int RefCount { get; private set; }

    public long Enqueue(LoopCallback callback)
    {
        _entries.Enqueue(new Entry { Callback = callback, HasRef = true });
        RefCount++;
        return _headId + _entries.Count - 1;
    }

    /// <summary>Removes the head entry; returns false for a cleared one, which has nothing to run.</summary>
    public bool TryDequeue(out LoopCallback callback)
    {
        _entries.TryDequeue(out Entry entry);
        _headId++;
        callback = entry.Callback;
        if (entry.IsCleared)
        {
            return false;
        }

        if (entry.HasRef)
        {
            RefCount--;
        }

        return true;
    }

    public bool IsPending(long id) => TryFind(id, out _);

    public bool HasRef(long id) => TryFind(id, out long offset) && _entries[offset].HasRef;

    public void Clear(long id)
    {
        if (TryFind(id, out long offset))
        {
            if (_entries[offset].HasRef)
            {
                RefCount--;
            }

            _entries[offset] = new Entry { IsCleared = true };
        }
    }

    public void SetRef(long id, bool hasRef)
    {
        if (TryFind(id, out long offset) && _entries[offset].HasRef != hasRef)
        {
            _entries[offset].HasRef = hasRef;
            RefCount += hasRef ? 1 : -1;
        }
    }

    /// <summary>Finds a queued immediate that is still pending (not run, not cleared).</summary>
    private bool TryFind(long id, out long offset)
    {
        offset = id - _headId;
        return offset >= 0 && offset < _entries.Count && !_entries[offset].IsCleared;
    }

    private struct Entry
    {
        public LoopCallback Callback;
        public bool HasRef;
        public bool IsCleared;
    }
}
