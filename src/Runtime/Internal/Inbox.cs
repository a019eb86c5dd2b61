using System.Collections.Concurrent;

namespace Loopwire.Internal;

/// <summary>
/// Callbacks posted to the loop from any thread (posts, async-handle sends, pool completions). The poll phase
/// waits on it through the backend and runs what arrived.
/// </summary>
internal sealed class Inbox
{
    private readonly ConcurrentQueue<LoopCallback> _queue = new();
    private readonly IPollBackend _backend;

    public Inbox(Func<Inbox, IPollBackend> createBackend) => _backend = createBackend(this);

    public IPollBackend Backend => _backend;

    public bool IsEmpty => _queue.IsEmpty;

    public void Enqueue(LoopCallback callback)
    {
        _queue.Enqueue(callback);
        _backend.Wake();
    }

    public bool TryDequeue(out LoopCallback callback) => _queue.TryDequeue(out callback);
}
