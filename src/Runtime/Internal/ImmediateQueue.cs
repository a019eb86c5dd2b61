namespace Loopwire.Internal;

/// <summary>
/// The loop's immediates in FIFO order. Every immediate gets an increasing id and entries leave only from the
/// head, so an id maps to its slot in O(1): that is how an <see cref="Immediate"/> handle finds its entry to
/// clear or unref it without a node allocation per immediate.
/// </summary>
internal sealed class ImmediateQueue
{
    private Entry[] _entries = new Entry[64];
    private int _head;
    private int _count;
    private long _headId;

    public int Count => _count;

    /// <summary>Queued immediates that are ref'd and not cleared: they keep the loop alive (L1) and the poll from blocking (N6).</summary>
    public int RefCount { get; private set; }

    public long Enqueue(LoopCallback callback)
    {
        if (_count == _entries.Length)
        {
            Grow();
        }

        _entries[(_head + _count) & (_entries.Length - 1)] = new Entry { Callback = callback, HasRef = true };
        RefCount++;
        return _headId + _count++;
    }

    /// <summary>Removes the head entry; returns false for a cleared one, which has nothing to run.</summary>
    public bool TryDequeue(out LoopCallback callback)
    {
        ref Entry entry = ref _entries[_head];
        callback = entry.Callback;
        bool runnable = !entry.IsCleared;
        if (runnable && entry.HasRef)
        {
            RefCount--;
        }

        entry = default;
        _head = (_head + 1) & (_entries.Length - 1);
        _count--;
        _headId++;
        return runnable;
    }

    public bool IsPending(long id) => TryFind(id, out int slot) && !_entries[slot].IsCleared;

    public bool HasRef(long id) => TryFind(id, out int slot) && !_entries[slot].IsCleared && _entries[slot].HasRef;

    public void Clear(long id)
    {
        if (TryFind(id, out int slot) && !_entries[slot].IsCleared)
        {
            if (_entries[slot].HasRef)
            {
                RefCount--;
            }

            _entries[slot] = new Entry { IsCleared = true };
        }
    }

    public void SetRef(long id, bool hasRef)
    {
        if (TryFind(id, out int slot) && !_entries[slot].IsCleared && _entries[slot].HasRef != hasRef)
        {
            _entries[slot].HasRef = hasRef;
            RefCount += hasRef ? 1 : -1;
        }
    }

    private bool TryFind(long id, out int slot)
    {
        long offset = id - _headId;
        slot = (int)((_head + offset) & (_entries.Length - 1));
        return offset >= 0 && offset < _count;
    }

    private void Grow()
    {
        var larger = new Entry[_entries.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            larger[i] = _entries[(_head + i) & (_entries.Length - 1)];
        }

        _entries = larger;
        _head = 0;
    }

    private struct Entry
    {
        public LoopCallback Callback;
        public bool HasRef;
        public bool IsCleared;
    }
}
