using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// A timeout or interval created by <see cref="EventLoop.SetTimeout(Action, double)"/> or
/// <see cref="EventLoop.SetInterval(Action, double)"/>: Node's <c>Timeout</c> object.
/// </summary>
public sealed class Timer : Handle
{
    private readonly LoopCallback _callback;

    internal Timer(EventLoop loop, LoopCallback callback, long delay, long repeat)
        : base(loop)
    {
        _callback = callback;
        Delay = delay;
        Repeat = repeat;
    }

    /// <summary>The delay in milliseconds after clamping (N5).</summary>
    public long Delay { get; private set; }

    /// <summary>The repeat period in milliseconds, or 0 for a one-shot timeout.</summary>
    public long Repeat { get; }

    /// <summary>The loop time at which the timer fires next, while it is active.</summary>
    public long Due { get; private set; }

    internal long Sequence { get; private set; }

    /// <summary>The list holding the timer while it waits to fire; null otherwise.</summary>
    internal TimerList? List { get; set; }

    internal Timer? Previous { get; set; }

    internal Timer? Next { get; set; }

    /// <summary>
    /// Restarts the timer from the current loop time with its original delay, as a newly started timer (L6); a
    /// timeout that already fired is armed again.
    /// </summary>
    /// <returns>This timer.</returns>
    /// <exception cref="ObjectDisposedException">The timer was cleared or closed.</exception>
    public Timer Refresh()
    {
        Loop.VerifyLoopThread();
        ThrowIfClosing();
        Start(Delay);
        return this;
    }

    /// <summary>Arms the timer again with a new delay, which <see cref="Refresh"/> then keeps: a socket's idle timer is reused, not made anew.</summary>
    internal void Restart(long delay)
    {
        Delay = delay;
        Start(delay);
    }

    internal void Start(long delay)
    {
        Loop.StopTimer(this);
        Due = Loop.Now + delay;
        Sequence = Loop.NextTimerSequence();
        Loop.StartTimer(this, delay);
        SetActive(true);
    }

    /// <summary>Called by the timers phase: a repeating timer re-arms before its callback runs, so a throw cannot stop it (L7).</summary>
    internal void Fire()
    {
        if (Repeat > 0)
        {
            Start(Repeat);
        }
        else
        {
            SetActive(false);
        }

        _callback.Invoke();
    }

    internal void MarkStopped() => SetActive(false);

    private protected override void OnClosing() => Loop.StopTimer(this);
}
