namespace Loopwire.Internal;

/// <summary>The started handles of one phase, in start order, and the run of that phase (L9).</summary>
internal sealed class PhaseHandleList
{
    private readonly List<PhaseHandle> _handles = [];
    private PhaseHandle[] _snapshot = new PhaseHandle[8];

    public int Count => _handles.Count;

    public void Add(PhaseHandle handle) => _handles.Add(handle);

    public void Remove(PhaseHandle handle) => _handles.Remove(handle);

    /// <summary>
    /// Runs each handle started before the phase began. Iterating a snapshot lets callbacks start and stop handles
    /// freely; the stamp and activity checks give libuv's rules for handles started or stopped meanwhile.
    /// </summary>
    public void Run(EventLoop loop, long startedBefore)
    {
        int count = _handles.Count;
        if (count == 0)
        {
            return;
        }

        if (_snapshot.Length < count)
        {
            _snapshot = new PhaseHandle[Math.Max(count, _snapshot.Length * 2)];
        }

        _handles.CopyTo(_snapshot);
        try
        {
            for (int i = 0; i < count; i++)
            {
                PhaseHandle handle = _snapshot[i];
                if (handle.IsActive && handle.StartStamp <= startedBefore)
                {
                    loop.RunCallback(handle.Callback);
                }
            }
        }
        finally
        {
            Array.Clear(_snapshot, 0, count);
        }
    }
}
