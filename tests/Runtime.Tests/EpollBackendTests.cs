using Loopwire.Internal.Linux;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// The epoll backend's own bookkeeping, driven directly with eventfds (readable once signalled): what libuv's
/// <c>uv__io_poll</c> guarantees its watchers. Its wake-ups are covered by CrossThreadTests and its sockets by the TCP
/// tests, which this assembly runs on epoll and Loopwire.Runtime.Tests.Portable on the portable backend.
/// </summary>
public sealed class EpollBackendTests
{
    [LinuxFact("epoll is Linux's")]
    public void A_watcher_unregistered_by_an_earlier_callback_of_the_same_wait_is_not_called()
    {
        // libuv: a watcher stopped during uv__io_poll gets no event the same wait already took for it.
        using var backend = new EpollBackend(hasWork: () => false);
        int first = Epoll.CreateEventFd();
        int second = Epoll.CreateEventFd();
        try
        {
            var calls = new List<string>();
            RecordingWatcher? a = null, b = null;
            a = new RecordingWatcher("a", calls, onReady: () => backend.Watch(b!, second, 0));
            b = new RecordingWatcher("b", calls, onReady: () => backend.Watch(a, first, 0));
            Epoll.Signal(first);
            Epoll.Signal(second);
            backend.Watch(a, first, Epoll.In);
            backend.Watch(b, second, Epoll.In);

            backend.Poll(0);

            // Both were ready in that one wait; whichever ran first took the other's event away.
            Assert.Single(calls);
        }
        finally
        {
            Epoll.CloseFd(first);
            Epoll.CloseFd(second);
        }
    }

    [LinuxFact("epoll is Linux's")]
    public void A_watch_is_level_triggered_so_an_unconsumed_readiness_is_reported_again()
    {
        using var backend = new EpollBackend(hasWork: () => false);
        int fd = Epoll.CreateEventFd();
        try
        {
            var calls = new List<string>();
            backend.Watch(new RecordingWatcher("ready", calls, onReady: () => { }), fd, Epoll.In);
            Epoll.Signal(fd);

            backend.Poll(0);
            backend.Poll(0);
            Epoll.Drain(fd);
            backend.Poll(0);

            Assert.Equal(["ready", "ready"], calls);
        }
        finally
        {
            Epoll.CloseFd(fd);
        }
    }

    private sealed class RecordingWatcher(string name, List<string> calls, Action onReady) : IoWatcher
    {
        internal override void OnReady(uint events)
        {
            calls.Add(name);
            onReady();
        }
    }
}
