using Loopwire.Internal;

namespace Loopwire;

/// <content>Node's <c>timers/promises</c>: timers to <c>await</c>, which keep the loop alive while they wait.</content>
public sealed partial class EventLoop
{
    /// <summary>
    /// A task that completes after <paramref name="milliseconds"/> ms, from the timers phase, as Node's
    /// <c>timers/promises</c> <c>setTimeout</c>. It waits on a ref'd loop timer, so, unlike <see cref="Task.Delay(int)"/>,
    /// it keeps the loop alive meanwhile, and in loop code the <c>await</c> resumes on the loop thread, as a microtask.
    /// </summary>
    /// <param name="milliseconds">The delay, clamped as <see cref="SetTimeout(Action, double)"/> clamps it (N5).</param>
    /// <param name="cancellationToken">Clears the timer and cancels the task; may be cancelled from any thread.</param>
    /// <returns>The wait.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public Task DelayAsync(double milliseconds, CancellationToken cancellationToken = default)
    {
        VerifyLoopThread();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var wait = new LoopWait(this, cancellationToken);
        wait.Start(SetTimeout(static wait => wait.Complete(), wait, milliseconds));
        return wait.Task;
    }

    /// <inheritdoc cref="DelayAsync(double, CancellationToken)"/>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
        DelayAsync(delay.TotalMilliseconds, cancellationToken);

    /// <summary>
    /// A task that completes from the check phase of this iteration, after the I/O polled in it, as Node's
    /// <c>timers/promises</c> <c>setImmediate</c>: a way for long loop code to let I/O in. It keeps the loop alive
    /// meanwhile, as an immediate does.
    /// </summary>
    /// <param name="cancellationToken">Clears the immediate and cancels the task; may be cancelled from any thread.</param>
    /// <returns>The wait.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public Task ImmediateAsync(CancellationToken cancellationToken = default)
    {
        VerifyLoopThread();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var wait = new LoopWait(this, cancellationToken);
        wait.Start(SetImmediate(static wait => wait.Complete(), wait));
        return wait.Task;
    }
}
