namespace Loopwire.Internal.Linux;

/// <summary>
/// A file descriptor's readiness callback in <see cref="EpollBackend"/> (libuv's <c>uv__io_t</c>): the backend calls
/// <see cref="OnReady"/> from the poll phase with the events the kernel reported.
/// </summary>
internal abstract class IoWatcher
{
    /// <summary>What the kernel reports with this watcher's events while it is registered; 0 when it is not.</summary>
    internal ulong Token { get; set; }

    /// <summary>The events the descriptor is watched for (<see cref="EpollBackend.Watch"/>); 0 when it is not watched.</summary>
    internal uint Events { get; set; }

    /// <summary>The descriptor is ready: <paramref name="events"/> holds <see cref="Epoll.In"/>, <see cref="Epoll.Out"/>, <see cref="Epoll.Err"/> or <see cref="Epoll.Hup"/>.</summary>
    internal abstract void OnReady(uint events);

    /// <summary>
    /// Runs <paramref name="delivery"/> (called with this watcher) as a loop callback: at once when called from
    /// <see cref="OnReady"/>, else in the next pending phase, as libuv defers the callback of an operation that
    /// finished inside the call that started it, so that a completion never runs inside its caller.
    /// </summary>
    protected void Complete(EventLoop loop, Action<object?> delivery, bool fromPoll)
    {
        var callback = LoopCallback.ForTarget(delivery, this);
        if (fromPoll)
        {
            loop.RunCallback(callback);
        }
        else
        {
            loop.QueuePending(callback);
        }
    }
}
