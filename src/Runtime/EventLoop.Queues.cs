using System.Runtime.CompilerServices;
using Loopwire.Internal;

namespace Loopwire;

public sealed partial class EventLoop
{
    private readonly RingBuffer<LoopCallback> _ticks = new();
    private readonly RingBuffer<LoopCallback> _microtasks = new();
    private readonly RingBuffer<LoopCallback> _pending = new();
    private readonly ImmediateQueue _immediates = new();

    /// <summary>Runs <paramref name="callback"/> after the current callback, before any other phase work (N1, N2).</summary>
    /// <param name="callback">Runs on the loop thread.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public void NextTick([RunsOnLoop] Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        VerifyLoopThread();
        _ticks.Append().Overwrite(LoopCallback.From(callback));
    }

    /// <summary>Runs <paramref name="callback"/> with <paramref name="state"/> after the current callback, without a closure (N1).</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="callback">Runs on the loop thread.</param>
    /// <param name="state">Passed to the callback.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public void NextTick<TState>([RunsOnLoop] Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        VerifyLoopThread();
        _ticks.Append().Overwrite(LoopCallback.Once(callback, state));
    }

    /// <summary>Queues a microtask: it runs after the next ticks drain, in FIFO order with <c>await</c> continuations (N3).</summary>
    /// <param name="callback">Runs on the loop thread.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public void QueueMicrotask([RunsOnLoop] Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        VerifyLoopThread();
        _microtasks.Append().Overwrite(LoopCallback.From(callback));
    }

    /// <summary>Queues a microtask with <paramref name="state"/>, without a closure (N3).</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="callback">Runs on the loop thread.</param>
    /// <param name="state">Passed to the callback.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public void QueueMicrotask<TState>([RunsOnLoop] Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        VerifyLoopThread();
        _microtasks.Append().Overwrite(LoopCallback.Once(callback, state));
    }

    /// <summary>Runs <paramref name="callback"/> in the check phase, after the next poll (N6).</summary>
    /// <param name="callback">Runs on the loop thread.</param>
    /// <returns>The immediate, to clear, ref or unref.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Immediate SetImmediate([RunsOnLoop] Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        VerifyLoopThread();
        return new Immediate(this, _immediates.Enqueue(LoopCallback.From(callback)));
    }

    /// <summary>Runs <paramref name="callback"/> with <paramref name="state"/> in the check phase, without a closure (N6).</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="callback">Runs on the loop thread.</param>
    /// <param name="state">Passed to the callback.</param>
    /// <returns>The immediate, to clear, ref or unref.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Immediate SetImmediate<TState>([RunsOnLoop] Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        VerifyLoopThread();
        return new Immediate(this, _immediates.Enqueue(LoopCallback.Once(callback, state)));
    }

    /// <summary>Cancels an immediate that has not run yet, as Node's <c>clearImmediate</c> (N6).</summary>
    /// <param name="immediate">The immediate to clear.</param>
    public void ClearImmediate(Immediate immediate) => immediate.Clear();

    internal ImmediateQueue VerifiedImmediates
    {
        get
        {
            VerifyLoopThread();
            return _immediates;
        }
    }

    /// <summary>Whether the caller is on the loop's thread.</summary>
    internal bool IsLoopThread => ManagedThread.CurrentId == _threadId;

    /// <summary>From the loop thread a microtask (N3); from any other thread a post to the poll phase.</summary>
    internal void Schedule(LoopCallback callback)
    {
        if (IsLoopThread)
        {
            _microtasks.Append().Overwrite(callback);
        }
        else
        {
            Inbox.Enqueue(callback);
        }
    }

    /// <summary>Defers a callback to the next pending phase (libuv's pending queue).</summary>
    internal void QueuePending(LoopCallback callback) => _pending.Enqueue(callback);

    /// <summary>
    /// Runs <paramref name="callback"/> as Node defers an emit with <c>process.nextTick</c>: right after the current
    /// callback, or, called before <see cref="Run"/>, first thing when it starts.
    /// </summary>
    internal void Defer(LoopCallback callback) => _ticks.Append().Overwrite(callback);

    /// <summary>N2/N3: all next ticks (including ones queued meanwhile), then all microtasks, until both are empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DrainTicksAndMicrotasks()
    {
        if (!_ticks.IsEmpty || !_microtasks.IsEmpty)
        {
            DrainQueues();
        }
    }

    private void DrainQueues()
    {
        while (true)
        {
            // One protected region for the whole drain keeps the per-callback path free of exception handling.
            try
            {
                RunTicksAndMicrotasks();
                break;
            }
            catch (Exception error) when (UncaughtException is not null)
            {
                ReportUncaught(error); // the throwing callback was dequeued; the rest still run (N8)
            }
        }

        // The drain took its callbacks without clearing their slots (RingBuffer.TryTake); both queues are empty now.
        _ticks.ClearTaken();
        _microtasks.ClearTaken();
    }

    private void RunTicksAndMicrotasks()
    {
        do
        {
            while (_ticks.TryTake(out LoopCallback tick))
            {
                tick.Invoke();
            }

            while (_microtasks.TryTake(out LoopCallback microtask))
            {
                microtask.Invoke();
            }
        }
        while (!_ticks.IsEmpty);
    }

    /// <summary>Immediates queued before the check phase began; ones they queue wait for the next iteration (N6).</summary>
    private void RunImmediates()
    {
        for (int count = _immediates.Count; count > 0; count--)
        {
            if (_immediates.TryDequeue(out LoopCallback immediate))
            {
                RunCallback(immediate);
            }
        }
    }

    private void RunPending()
    {
        for (int count = _pending.Count; count > 0 && _pending.TryDequeue(out LoopCallback callback); count--)
        {
            RunCallback(callback);
        }
    }
}
