using System.Runtime.InteropServices;

namespace Loopwire.Internal.Linux;

/// <summary>
/// The poll phase on Linux, as libuv's <c>uv__io_poll</c>: one <c>epoll_wait</c> over the loop's sockets, its child
/// processes' pipes and an eventfd that other threads signal when they post to the inbox. Ready descriptors are
/// dispatched to their <see cref="IoWatcher"/>s on the loop thread, so sockets and pipes are read and written there,
/// with no hop through .NET's threads. Watches are level-triggered: a watcher that does not consume its readiness is told again.
/// </summary>
internal sealed unsafe class EpollBackend : IPollBackend
{
    private const int Capacity = 256; // events taken per wait; any more are reported by the next one
    private const ulong WakeToken = 0; // watchers' tokens are never 0: generations start at 1

    private readonly int _epoll;
    private readonly int _wakeFd;
    private readonly byte* _events;
    private readonly Func<bool> _hasWork;
    private readonly Stack<int> _freeSlots = new();
    private IoWatcher?[] _watchers = new IoWatcher?[16];
    private int _slotsUsed;
    private int _registered;
    private uint _generation;
    private int _sleeping;
    private bool _disposed;

    /// <param name="hasWork">Re-checked after announcing sleep, so a post that raced the announcement is not missed.</param>
    /// <exception cref="IOException">The kernel refused an epoll instance or an eventfd.</exception>
    public EpollBackend(Func<bool> hasWork)
    {
        _hasWork = hasWork;
        _epoll = Epoll.Create();
        int wakeFd = -1;
        try
        {
            wakeFd = Epoll.CreateEventFd();
            Epoll.Add(_epoll, wakeFd, Epoll.In, WakeToken);
        }
        catch
        {
            if (wakeFd >= 0)
            {
                Epoll.CloseFd(wakeFd);
            }

            Epoll.CloseFd(_epoll);
            throw;
        }

        _wakeFd = wakeFd;

        _events = (byte*)NativeMemory.Alloc((nuint)(Capacity * Epoll.EventSize));
    }

    /// <summary>
    /// Makes <paramref name="fd"/> watched for exactly <paramref name="events"/> on behalf of <paramref name="watcher"/>:
    /// registers it, changes its events, or, for none, drops it (as libuv's <c>uv__io_stop</c>), because epoll reports
    /// errors and hang-ups even to a watch for nothing, which would wake the loop again and again. A dropped watcher
    /// gets no event this wait already took for it: its token no longer matches. The descriptor must still be open.
    /// </summary>
    public void Watch(IoWatcher watcher, int fd, uint events)
    {
        // After Dispose, closing the epoll instance has dropped every watch: a socket closed late has nothing to drop.
        if (events == watcher.Events || _disposed)
        {
            return;
        }

        if (watcher.Events == 0)
        {
            Register(watcher, fd, events);
        }
        else if (events == 0)
        {
            Unregister(watcher, fd);
        }
        else
        {
            Epoll.Modify(_epoll, fd, events, watcher.Token);
        }

        watcher.Events = events;
    }

    public void Poll(int timeoutMs)
    {
        if (timeoutMs == 0 && _registered == 0)
        {
            return; // nothing to look at: a busy loop with no sockets or pipes pays no system call per iteration
        }

        int count = Wait(timeoutMs);
        for (int i = 0; i < count; i++)
        {
            ulong token = Epoll.DataAt(_events, i);
            if (token == WakeToken)
            {
                Epoll.Drain(_wakeFd);
            }
            else if (_watchers[(int)(uint)token] is { } watcher && watcher.Token == token)
            {
                watcher.OnReady(Epoll.EventsAt(_events, i));
            }
        }
    }

    public void Wake()
    {
        // As in PortableBackend: the caller just published work, and only a loop that announced sleep needs a signal.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            Epoll.Signal(_wakeFd);
        }
    }

    /// <summary>
    /// Closes the descriptors. The loop disposes its backend on its own thread, outside <see cref="Poll"/>, so no
    /// sleep is announced and a late <see cref="Wake"/> from another thread writes nothing.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.Free(_events);
        Epoll.CloseFd(_wakeFd);
        Epoll.CloseFd(_epoll);
    }

    private int Wait(int timeoutMs)
    {
        // Only a wait that may sleep is announced to Wake, and withdrawn after: a mere look costs no locked write.
        bool announced = timeoutMs != 0;
        if (announced)
        {
            Interlocked.Exchange(ref _sleeping, 1);
            if (_hasWork())
            {
                timeoutMs = 0;
            }
        }

        long deadline = Environment.TickCount64 + timeoutMs;
        try
        {
            while (true)
            {
                int count = Epoll.Wait(_epoll, _events, Capacity, timeoutMs);
                if (count >= 0)
                {
                    return count;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != Epoll.EINTR)
                {
                    throw new IOException($"epoll_wait failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
                }

                // A signal interrupted the wait (the runtime's own, or one a SignalHandle wakes the loop for through
                // the inbox): wait out what is left of the timeout, as libuv does.
                if (timeoutMs > 0)
                {
                    timeoutMs = (int)Math.Max(0, deadline - Environment.TickCount64);
                }
            }
        }
        finally
        {
            if (announced)
            {
                Interlocked.Exchange(ref _sleeping, 0);
            }
        }
    }

    private void Register(IoWatcher watcher, int fd, uint events)
    {
        int slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : NewSlot();
        if (++_generation == 0)
        {
            _generation = 1;
        }

        ulong token = ((ulong)_generation << 32) | (uint)slot;
        Epoll.Add(_epoll, fd, events, token);
        _watchers[slot] = watcher;
        watcher.Token = token;
        _registered++;
    }

    private void Unregister(IoWatcher watcher, int fd)
    {
        Epoll.Remove(_epoll, fd);
        int slot = (int)(uint)watcher.Token;
        _watchers[slot] = null;
        _freeSlots.Push(slot);
        watcher.Token = 0;
        _registered--;
    }

    private int NewSlot()
    {
        if (_slotsUsed == _watchers.Length)
        {
            Array.Resize(ref _watchers, _watchers.Length * 2);
        }

        return _slotsUsed++;
    }
}
