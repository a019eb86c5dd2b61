using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// Wakes the loop from any thread to run a callback: libuv's <c>uv_async_t</c>. Sends that arrive before the loop
/// gets to the callback coalesce into one call (L11). Active, and so keeping a ref'd loop alive, until closed.
/// </summary>
public sealed class AsyncHandle : Handle
{
    private static readonly Action<object?> Dispatch = static handle => ((AsyncHandle)handle!).Deliver();

    private readonly LoopCallback _callback;
    private int _pending;

    /// <summary>Creates an async handle on <paramref name="loop"/>, calling <paramref name="callback"/> on the loop after sends.</summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="callback">Runs on the loop thread, once per batch of sends.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public AsyncHandle(EventLoop loop, [RunsOnLoop] Action callback)
        : base(loop)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _callback = LoopCallback.From(callback);
        SetActive(true);
    }

    /// <summary>Asks the loop to run the callback; safe from any thread, never blocks, allocates nothing (L11).</summary>
    [AnyThread]
    public void Send()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            Loop.Inbox.Enqueue(LoopCallback.ForTarget(Dispatch, this));
        }
    }

    private void Deliver()
    {
        // Clear first: a send made while the callback runs must cause another call.
        Volatile.Write(ref _pending, 0);
        if (!IsClosing)
        {
            _callback.Invoke();
        }
    }

    private protected override void OnClosing()
    {
    }
}
