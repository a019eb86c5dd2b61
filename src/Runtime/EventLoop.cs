using System.Runtime.CompilerServices;
using Loopwire.Internal;
using Loopwire.Internal.Linux;

namespace Loopwire;

/// <summary>
/// Node.js's event loop: one thread runs timers, pending callbacks, idle and prepare handles, the poll for
/// cross-thread and I/O completions, check handles and immediates, and close callbacks, in libuv's order
/// (SEMANTICS L3), draining next ticks and microtasks after every callback (N2).
/// </summary>
/// <remarks>
/// A loop belongs to the thread that created it, or that last called <see cref="Run"/>. Every member must be
/// called on that thread except <see cref="Post(Action)"/>, <see cref="Stop"/> and <see cref="AsyncHandle.Send"/>.
/// </remarks>
public sealed partial class EventLoop : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly long _clockOrigin;
    private readonly WorkPool _pool;
    private readonly bool _ownsPool;
    private readonly LoopSynchronizationContext _synchronizationContext;
    private readonly List<Handle> _closing = [];
    private int _threadId;
    private bool _running;
    private volatile bool _stopRequested;
    private bool _disposed;
    private long _startStamps;

    /// <summary>Creates a loop owned by the calling thread, using the shared work pool.</summary>
    public EventLoop()
        : this(new EventLoopOptions())
    {
    }

    /// <summary>Creates a loop owned by the calling thread.</summary>
    /// <param name="options">The loop's settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public EventLoop(EventLoopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _threadId = ManagedThread.CurrentId;
        _clock = options.TimeProvider;
        _clockOrigin = _clock.GetTimestamp();
        _ownsPool = options.ThreadPoolSize is not null;
        _pool = options.ThreadPoolSize is int size ? new WorkPool(size) : WorkPool.Shared;
        PollBackend = PollBackends.Resolve(options.PollBackend);
        Inbox = new Inbox(inbox => PollBackends.Create(PollBackend, () => !inbox.IsEmpty || _stopRequested));
        _synchronizationContext = new LoopSynchronizationContext(this);
        TaskScheduler = new LoopTaskScheduler(this);
        Fs = new Fs(this);
        Dns = new DnsResolver(this);
    }

    /// <summary>The loop's cached time in milliseconds from an arbitrary origin; it moves only where L8 says.</summary>
    public long Now { get; private set; }

    /// <summary>
    /// Whether the loop has work that keeps it running (L1): a ref'd active handle, queued pool work, pending
    /// callbacks, ref'd immediates or closing handles.
    /// </summary>
    public bool IsAlive =>
        ActiveRefHandles > 0 || ActiveRequests > 0 || !_pending.IsEmpty || _closing.Count > 0 || _immediates.RefCount > 0;

    /// <summary>Whether <see cref="Run"/> is executing.</summary>
    public bool IsRunning => _running;

    /// <summary>A scheduler that runs tasks on the loop thread, as microtasks when queued from it.</summary>
    public TaskScheduler TaskScheduler { get; }

    /// <summary>The loop's synchronization context, current on the loop thread while <see cref="Run"/> executes.</summary>
    public SynchronizationContext SynchronizationContext => _synchronizationContext;

    /// <summary>File system operations that run on the work pool and complete on this loop.</summary>
    public Fs Fs { get; }

    /// <summary>
    /// Name lookups that run on the work pool and complete on this loop (Node's <c>dns.lookup</c>), and DNS queries
    /// sent and answered on it, to the system's servers (Node's <c>dns.resolve*</c>, <c>dns.setServers</c>).
    /// </summary>
    public DnsResolver Dns { get; }

    /// <summary>What this loop's poll phase waits on: <see cref="Loopwire.PollBackend.Epoll"/> or <see cref="Loopwire.PollBackend.Portable"/>.</summary>
    public PollBackend PollBackend { get; }

    /// <summary>The exit code a script would have: set to 1 by <see cref="RunMain(Action{EventLoop}, EventLoopOptions?)"/> after an uncaught exception; yours to set otherwise.</summary>
    public int ExitCode { get; set; }

    /// <summary>Raised on the loop thread with an exception that escaped a callback (N8). With a handler the loop carries on; without one, <see cref="Run"/> rethrows it.</summary>
    public event Action<Exception>? UncaughtException;

    /// <summary>Raised when <see cref="Run"/> in <see cref="RunMode.Default"/> finds the loop no longer alive; handlers may schedule more work, and the loop goes on (N9).</summary>
    public event Action? BeforeExit;

    /// <summary>Raised once, last, when the loop is disposed, with <see cref="ExitCode"/> (N9).</summary>
    public event Action<int>? Exit;

    [AnyThread]
    internal Inbox Inbox { get; }

    /// <summary>The epoll backend that sockets register with, or null on the portable backend.</summary>
    internal EpollBackend? Epoll => Inbox.Backend as EpollBackend;

    internal int ActiveRefHandles { get; set; }

    internal int ActiveRequests { get; set; }

    internal PhaseHandleList IdleHandles { get; } = new();

    internal PhaseHandleList PrepareHandles { get; } = new();

    internal PhaseHandleList CheckHandles { get; } = new();

    /// <summary>
    /// Runs the loop (L3, L13). Each iteration: pending callbacks, idle, prepare, poll (waiting no longer than
    /// L4 allows), check (immediates first), close callbacks, then due timers.
    /// </summary>
    /// <param name="mode">Run until done, one iteration, or one iteration without blocking.</param>
    /// <returns>Whether the loop is still alive.</returns>
    /// <exception cref="InvalidOperationException">Called from a callback of this loop (Run is not re-entrant), or while another thread runs it.</exception>
    public bool Run(RunMode mode = RunMode.Default)
    {
        using RunScope scope = EnterRun();

        // Code before Run is the program's main: its ticks and microtasks run first, as Node drains them after the main script.
        DrainTicksAndMicrotasks();
        bool alive;
        do
        {
            alive = RunIterations(mode);
        }
        while (mode == RunMode.Default && !alive && !_stopRequested && RaiseBeforeExit());

        _stopRequested = false;
        return alive;
    }

    /// <summary>Asks <see cref="Run"/> to return after the current iteration (L5); before Run, Run returns at once. Safe from any thread.</summary>
    [AnyThread]
    public void Stop()
    {
        _stopRequested = true;
        Inbox.Backend.Wake(); // fenced: a loop about to sleep either sees the flag or is woken (L5)
    }

    /// <summary>Refreshes the cached time <see cref="Now"/> (L8).</summary>
    public void UpdateTime()
    {
        VerifyLoopThread();
        RefreshNow();
    }

    /// <summary>Disposes the loop's own work pool if it has one, and raises <see cref="Exit"/> once.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        VerifyLoopThread();
        _disposed = true;
        try
        {
            Exit?.Invoke(ExitCode);
        }
        finally
        {
            if (_ownsPool)
            {
                _pool.Dispose();
            }

            Inbox.Backend.Dispose();
        }
    }

    /// <summary>One call of libuv's <c>uv_run</c>: the loop body, the same for every mode.</summary>
    private bool RunIterations(RunMode mode)
    {
        bool alive = IsAlive;
        if (!alive)
        {
            RefreshNow();
        }
        else if (mode == RunMode.Default && !_stopRequested)
        {
            RefreshNow();
            RunTimers();
        }

        while (alive && !_stopRequested)
        {
            bool canSleep = _pending.IsEmpty && IdleHandles.Count == 0;
            RunPending();
            IdleHandles.Run(this, _startStamps);
            PrepareHandles.Run(this, _startStamps);
            bool mayBlock = mode == RunMode.Default || (mode == RunMode.Once && canSleep);
            Poll(mayBlock ? PollTimeout() : 0);
            RunCheck();
            RunClosing();
            RefreshNow();
            RunTimers();
            alive = IsAlive;
            if (mode != RunMode.Default)
            {
                break;
            }
        }

        return alive;
    }

    /// <summary>How long the poll phase may block (L4): 0 when there is something to do now, else until the next timer, else forever (-1).</summary>
    private int PollTimeout()
    {
        if (_stopRequested || !IsAlive || !_pending.IsEmpty || IdleHandles.Count > 0 || _closing.Count > 0 || _immediates.RefCount > 0)
        {
            return 0;
        }

        return _timers.Peek() is null ? -1 : (int)Math.Clamp(_timers.FirstDue - Now, 0, int.MaxValue);
    }

    private void RunCheck()
    {
        long startedBefore = _startStamps;
        RunImmediates();
        CheckHandles.Run(this, startedBefore);
    }

    /// <summary>Close callbacks of handles closed before this phase began; handles closed by them wait a turn (L10).</summary>
    private void RunClosing()
    {
        int count = _closing.Count;
        int done = 0;
        try
        {
            while (done < count)
            {
                Handle handle = _closing[done++];
                RunCallback(LoopCallback.ForTarget(static h => ((Handle)h!).FinishClose(), handle));
            }
        }
        finally
        {
            _closing.RemoveRange(0, done);
        }
    }

    private bool RaiseBeforeExit()
    {
        if (BeforeExit is null)
        {
            return false;
        }

        RunCallback(LoopCallback.ForTarget(static loop => ((EventLoop)loop!).BeforeExit?.Invoke(), this));
        return IsAlive;
    }

    internal void AddClosing(Handle handle) => _closing.Add(handle);

    internal long NextStartStamp() => ++_startStamps;

    /// <summary>
    /// Invokes a callback from the outside (N2): an escaping exception goes to <see cref="UncaughtException"/>
    /// (N8), then next ticks and microtasks drain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RunCallback(in LoopCallback callback)
    {
        Invoke(callback);
        DrainTicksAndMicrotasks();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Invoke(in LoopCallback callback)
    {
        try
        {
            callback.Invoke();
        }
        catch (Exception error) when (UncaughtException is not null)
        {
            ReportUncaught(error);
        }
    }

    private void ReportUncaught(Exception error) => UncaughtException?.Invoke(error);

    /// <summary>Throws unless called on the loop's thread; one integer compare on the happy path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void VerifyLoopThread()
    {
        if (ManagedThread.CurrentId != _threadId)
        {
            ThrowWrongThread();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongThread() =>
        throw new InvalidOperationException(
            $"This EventLoop belongs to thread {_threadId} but was called from thread {ManagedThread.CurrentId}. " +
            "Loop APIs must be called on the loop thread; from other threads use loop.Post(...) to run the call on the loop.");

    private void RefreshNow() => Now = (long)_clock.GetElapsedTime(_clockOrigin).TotalMilliseconds;

    private RunScope EnterRun()
    {
        if (_running)
        {
            if (ManagedThread.CurrentId == _threadId)
            {
                throw new InvalidOperationException(
                    "EventLoop.Run was called from inside one of this loop's callbacks; Run is not re-entrant (L13). Schedule the work with SetImmediate or NextTick instead.");
            }

            ThrowWrongThread();
        }

        ObjectDisposedException.ThrowIf(_disposed, this);

        // The loop moves to whichever thread runs it; everything else must then be called from there.
        _threadId = ManagedThread.CurrentId;
        _running = true;
        return new RunScope(this, SynchronizationContext.Current);
    }

    /// <summary>Makes the loop's synchronization context current for the duration of a run, and restores the caller's.</summary>
    private readonly struct RunScope : IDisposable
    {
        private readonly EventLoop _loop;
        private readonly SynchronizationContext? _previous;

        public RunScope(EventLoop loop, SynchronizationContext? previous)
        {
            _loop = loop;
            _previous = previous;
            SynchronizationContext.SetSynchronizationContext(loop._synchronizationContext);
        }

        public void Dispose()
        {
            SynchronizationContext.SetSynchronizationContext(_previous);
            _loop._running = false;
        }
    }
}
