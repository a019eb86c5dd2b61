using Loopwire.Internal;

namespace Loopwire;

public sealed partial class EventLoop
{
    private readonly TimerQueue _timers = new();
    private long _timerSequence;

    /// <summary>Runs <paramref name="callback"/> once after <paramref name="milliseconds"/> ms (clamped per N5).</summary>
    /// <param name="callback">Runs on the loop thread in the timers phase.</param>
    /// <param name="milliseconds">The delay; below 1, not finite or above 2^31-1 it becomes 1, fractions are truncated (N5).</param>
    /// <returns>The timer, to clear, refresh, ref or unref.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Timer SetTimeout([RunsOnLoop] Action callback, double milliseconds)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return StartNewTimer(LoopCallback.From(callback), ClampDelay(milliseconds), repeat: false);
    }

    /// <inheritdoc cref="SetTimeout(Action, double)"/>
    public Timer SetTimeout([RunsOnLoop] Action callback, TimeSpan delay) => SetTimeout(callback, delay.TotalMilliseconds);

    /// <summary>Runs <paramref name="callback"/> with <paramref name="state"/> once after <paramref name="milliseconds"/> ms, without a closure.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="callback">Runs on the loop thread in the timers phase.</param>
    /// <param name="state">Passed to the callback.</param>
    /// <param name="milliseconds">The delay, clamped per N5.</param>
    /// <returns>The timer, to clear, refresh, ref or unref.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Timer SetTimeout<TState>([RunsOnLoop] Action<TState> callback, TState state, double milliseconds)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return StartNewTimer(LoopCallback.Repeating(callback, state), ClampDelay(milliseconds), repeat: false);
    }

    /// <inheritdoc cref="SetTimeout{TState}(Action{TState}, TState, double)"/>
    public Timer SetTimeout<TState>([RunsOnLoop] Action<TState> callback, TState state, TimeSpan delay) =>
        SetTimeout(callback, state, delay.TotalMilliseconds);

    /// <summary>Runs <paramref name="callback"/> every <paramref name="milliseconds"/> ms (clamped per N5) until cleared.</summary>
    /// <param name="callback">Runs on the loop thread in the timers phase.</param>
    /// <param name="milliseconds">The period, clamped per N5.</param>
    /// <returns>The timer, to clear, refresh, ref or unref.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Timer SetInterval([RunsOnLoop] Action callback, double milliseconds)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return StartNewTimer(LoopCallback.From(callback), ClampDelay(milliseconds), repeat: true);
    }

    /// <inheritdoc cref="SetInterval(Action, double)"/>
    public Timer SetInterval([RunsOnLoop] Action callback, TimeSpan period) => SetInterval(callback, period.TotalMilliseconds);

    /// <summary>Runs <paramref name="callback"/> with <paramref name="state"/> every <paramref name="milliseconds"/> ms, without a closure.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="callback">Runs on the loop thread in the timers phase.</param>
    /// <param name="state">Passed to every call.</param>
    /// <param name="milliseconds">The period, clamped per N5.</param>
    /// <returns>The timer, to clear, refresh, ref or unref.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Timer SetInterval<TState>([RunsOnLoop] Action<TState> callback, TState state, double milliseconds)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return StartNewTimer(LoopCallback.Repeating(callback, state), ClampDelay(milliseconds), repeat: true);
    }

    /// <inheritdoc cref="SetInterval{TState}(Action{TState}, TState, double)"/>
    public Timer SetInterval<TState>([RunsOnLoop] Action<TState> callback, TState state, TimeSpan period) =>
        SetInterval(callback, state, period.TotalMilliseconds);

    /// <summary>Cancels a timeout, as Node's <c>clearTimeout</c>: null or an already cleared timer is ignored.</summary>
    /// <param name="timer">The timer to clear.</param>
    public void ClearTimeout(Timer? timer)
    {
        VerifyLoopThread();
        if (timer is not null && !timer.IsClosing)
        {
            timer.Close();
        }
    }

    /// <summary>Cancels an interval, as Node's <c>clearInterval</c>: null or an already cleared timer is ignored.</summary>
    /// <param name="timer">The timer to clear.</param>
    public void ClearInterval(Timer? timer) => ClearTimeout(timer);

    /// <summary>N5: below 1 ms, not finite or above 2^31-1 becomes 1 ms; fractions are truncated.</summary>
    internal static long ClampDelay(double milliseconds) =>
        milliseconds is >= 1 and <= int.MaxValue ? (long)milliseconds : 1;

    internal long NextTimerSequence() => ++_timerSequence;

    internal void StartTimer(Timer timer, long delay) => _timers.Add(timer, delay);

    /// <summary>Takes the timer out of the queue, so it does not fire.</summary>
    internal void StopTimer(Timer timer)
    {
        if (timer.List is not null)
        {
            _timers.Remove(timer);
        }

        timer.MarkStopped();
    }

    private Timer StartNewTimer(LoopCallback callback, long delay, bool repeat)
    {
        var timer = new Timer(this, callback, delay, repeat ? delay : 0);
        timer.Start(delay);
        return timer;
    }

    /// <summary>
    /// The timers phase (L6, L7): fires the timers due at the pass's start in (due, sequence) order, draining
    /// after each (N4). A timer started or re-armed by a callback is due at least 1 ms after the pass's time, even
    /// if the callback updates the time, so it cannot fire in the same pass.
    /// </summary>
    private void RunTimers()
    {
        long passTime = Now;
        while (_timers.Peek() is { } timer && _timers.FirstDue <= passTime)
        {
            _timers.Remove(timer);
            RunCallback(LoopCallback.ForTarget(static t => ((Timer)t!).Fire(), timer));
        }
    }
}
