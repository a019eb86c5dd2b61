using Loopwire.Internal;

namespace Loopwire;

public sealed partial class EventLoop
{
    /// <summary>Inbox callbacks run per poll at most, so a flood of posts cannot starve the other phases.</summary>
    private const int MaxInboxBatch = 65536;

    /// <summary>
    /// Runs <paramref name="callback"/> on the loop thread in its poll phase. Safe from any thread; callbacks from one
    /// thread run in the order posted. A post alone does not keep the loop alive: hold a ref'd handle (an
    /// <see cref="AsyncHandle"/>) while posts are expected.
    /// </summary>
    /// <param name="callback">Runs on the loop thread.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    [AnyThread]
    public void Post([RunsOnLoop] Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Inbox.Enqueue(LoopCallback.From(callback));
    }

    /// <summary>Runs <paramref name="callback"/> with <paramref name="state"/> on the loop thread, without a closure. Safe from any thread.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="callback">Runs on the loop thread.</param>
    /// <param name="state">Passed to the callback.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    [AnyThread]
    public void Post<TState>([RunsOnLoop] Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Inbox.Enqueue(LoopCallback.Once(callback, state));
    }

    /// <summary>
    /// The poll phase: waits at most <paramref name="timeoutMs"/> for the inbox or a ready socket, runs the sockets'
    /// callbacks (the epoll backend does, as it finds them), then what arrived in the inbox; N2 after each.
    /// </summary>
    private void Poll(int timeoutMs)
    {
        // Posts already waiting make this a look without a wait: ready sockets still get their turn.
        Inbox.Backend.Poll(Inbox.IsEmpty ? timeoutMs : 0);

        for (int budget = MaxInboxBatch; budget > 0 && Inbox.TryDequeue(out LoopCallback callback); budget--)
        {
            RunCallback(callback);
        }
    }
}
