using System.Runtime.InteropServices;
using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// Runs a callback on the loop when the process receives a POSIX signal: libuv's <c>uv_signal_t</c>, Node's
/// <c>process.on('SIGINT', ...)</c>. As in Node with a listener, a watched signal no longer has its default effect
/// (SIGINT and SIGTERM do not end the process). Signals that arrive before the loop gets to the callback coalesce
/// into one call, as pending POSIX signals do. Every started handle watching a signal gets it, on whichever loop.
/// Active, and so keeping a ref'd loop alive, while started (L1, L2).
/// </summary>
public sealed class SignalHandle : Handle
{
    private Watch? _watch;

    /// <summary>Creates a stopped signal handle on <paramref name="loop"/>.</summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public SignalHandle(EventLoop loop)
        : base(loop)
    {
    }

    /// <summary>The signal watched while the handle is started; null while it is stopped or closed.</summary>
    public PosixSignal? Signal => _watch?.Signal;

    /// <summary>
    /// Starts calling <paramref name="callback"/> on the loop when the process receives <paramref name="signal"/>;
    /// restarting replaces the signal and the callback. A start that throws leaves the handle stopped.
    /// </summary>
    /// <param name="signal">The signal: a named <see cref="PosixSignal"/>, or a raw signal number cast to it.</param>
    /// <param name="callback">Runs on the loop thread, once per batch of signals.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    /// <exception cref="PlatformNotSupportedException">The platform does not know <paramref name="signal"/>.</exception>
    /// <exception cref="IOException">The signal cannot be caught (SIGKILL, SIGSTOP).</exception>
    public void Start(PosixSignal signal, [RunsOnLoop] Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Start(signal, LoopCallback.From(callback));
    }

    /// <summary>
    /// Starts calling <paramref name="callback"/> with <paramref name="state"/> on the loop when the process receives
    /// <paramref name="signal"/>, without a closure; restarting replaces the signal, the callback and the state. A
    /// start that throws leaves the handle stopped.
    /// </summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="signal">The signal: a named <see cref="PosixSignal"/>, or a raw signal number cast to it.</param>
    /// <param name="callback">Runs on the loop thread, once per batch of signals.</param>
    /// <param name="state">Passed to every call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    /// <exception cref="PlatformNotSupportedException">The platform does not know <paramref name="signal"/>.</exception>
    /// <exception cref="IOException">The signal cannot be caught (SIGKILL, SIGSTOP).</exception>
    public void Start<TState>(PosixSignal signal, [RunsOnLoop] Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Start(signal, LoopCallback.Repeating(callback, state));
    }

    /// <summary>
    /// Stops watching the signal; a signal already queued for the loop no longer runs the callback. Once no handle
    /// watches the signal, it has its default effect again.
    /// </summary>
    public void Stop()
    {
        Loop.VerifyLoopThread();
        if (_watch is { } watch)
        {
            _watch = null;
            Watchers.Remove(watch);
            SetActive(false);
        }
    }

    private protected override void OnClosing() => Stop();

    private void Start(PosixSignal signal, LoopCallback callback)
    {
        Loop.VerifyLoopThread();
        ThrowIfClosing();
        var watch = new Watch(this, signal, callback);
        try
        {
            // Added before the old watch leaves: restarting on the same signal then keeps the process's registration,
            // where a gap would let a SIGINT arriving in it end the process.
            Watchers.Add(watch);
        }
        catch
        {
            Stop(); // as libuv's uv_signal_start, a start that fails leaves the handle stopped
            throw;
        }

        Stop();
        _watch = watch;
        SetActive(true);
    }

    /// <summary>One start of a handle: what a signal wakes, and what a queued delivery checks is still current.</summary>
    private sealed class Watch
    {
        private static readonly Action<object?> Dispatch = static watch => ((Watch)watch!).Deliver();

        private readonly SignalHandle _handle;
        private readonly LoopCallback _callback;
        private int _pending;

        public Watch(SignalHandle handle, PosixSignal signal, LoopCallback callback)
        {
            _handle = handle;
            Signal = signal;
            _callback = callback;
        }

        public PosixSignal Signal { get; }

        /// <summary>Queues one delivery unless one is already queued; runs on a .NET signal thread, as AsyncHandle.Send.</summary>
        public void Wake()
        {
            if (Interlocked.Exchange(ref _pending, 1) == 0)
            {
                _handle.Loop.Inbox.Enqueue(LoopCallback.ForTarget(Dispatch, this));
            }
        }

        private void Deliver()
        {
            // Clear first: a signal that arrives while the callback runs must cause another call.
            Volatile.Write(ref _pending, 0);

            // A delivery queued before Stop, Close or a restart belongs to a start that is over.
            if (ReferenceEquals(_handle._watch, this))
            {
                _callback.Invoke();
            }
        }
    }

    /// <summary>
    /// The watches of one signal across every loop, behind one process-wide registration, as libuv installs one
    /// handler per signal and wakes every watcher. One registration per handle would not do: handlers share one
    /// <see cref="PosixSignalContext"/>, and newer runtimes stop calling handlers once one has set
    /// <see cref="PosixSignalContext.Cancel"/>, so only the newest handle would hear the signal.
    /// </summary>
    private sealed class Watchers
    {
        // Loops on several threads start and stop handles; the signal thread reads _watches without the lock.
        private static readonly Dictionary<PosixSignal, Watchers> BySignal = [];

        private readonly PosixSignalRegistration _registration;
        private volatile Watch[] _watches = [];

        private Watchers(PosixSignal signal) => _registration = PosixSignalRegistration.Create(signal, OnSignal);

        /// <summary>Adds <paramref name="watch"/>, registering its signal first if it is new; throws, changing nothing, for a signal the platform cannot watch.</summary>
        public static void Add(Watch watch)
        {
            lock (BySignal)
            {
                if (!BySignal.TryGetValue(watch.Signal, out Watchers? watchers))
                {
                    watchers = new Watchers(watch.Signal);
                    BySignal.Add(watch.Signal, watchers);
                }

                watchers._watches = [.. watchers._watches, watch];
            }
        }

        /// <summary>Removes <paramref name="watch"/>, and the registration with the signal's last watch.</summary>
        public static void Remove(Watch watch)
        {
            lock (BySignal)
            {
                Watchers watchers = BySignal[watch.Signal];
                watchers._watches = Array.FindAll(watchers._watches, other => other != watch);
                if (watchers._watches.Length == 0)
                {
                    BySignal.Remove(watch.Signal);
                    watchers._registration.Dispose();
                }
            }
        }

        /// <summary>Runs on a .NET signal thread, so it takes no lock and cannot throw.</summary>
        private void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // as Node with a listener: the signal no longer has its default effect
            foreach (Watch watch in _watches)
            {
                watch.Wake();
            }
        }
    }
}
