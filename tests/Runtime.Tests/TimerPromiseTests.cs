using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>timers/promises</c>: <see cref="EventLoop.DelayAsync(double, CancellationToken)"/> and
/// <see cref="EventLoop.ImmediateAsync"/> wait on a ref'd timer or immediate (L1), complete from the timers or check
/// phase, and resume the awaiting loop code as a microtask (N3).
/// </summary>
public sealed class TimerPromiseTests
{
    [Fact]
    public void DelayAsync_keeps_the_loop_alive_until_its_timer_is_due_and_resumes_on_the_loop()
    {
        // L1: the timer is a ref'd handle; N5: due after the delay, in the timers phase; N3: the await resumes as a microtask.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var log = new List<string>();
        int loopThread = Environment.CurrentManagedThreadId;
        loop.SetImmediate(async () =>
        {
            await loop.DelayAsync(100);
            log.Add($"resumed on the loop thread: {Environment.CurrentManagedThreadId == loopThread}");
        });
        loop.SetTimeout(() => log.Add("a timer due 1 ms later"), 101); // its callback follows the delay's continuation

        Assert.True(loop.Run(RunMode.NoWait));
        clock.Advance(99);
        Assert.True(loop.Run(RunMode.NoWait));
        Assert.Empty(log);

        clock.Advance(2);
        Assert.False(loop.Run(RunMode.NoWait));
        Assert.Equal(["resumed on the loop thread: True", "a timer due 1 ms later"], log);
    }

    [Fact]
    public void Cancelling_a_delay_from_another_thread_clears_its_timer_and_cancels_the_task()
    {
        Exception? thrown = null;
        LoopPrograms.Run(async loop =>
        {
            using var cancellation = new CancellationTokenSource();
            Task wait = loop.DelayAsync(TimeSpan.FromSeconds(25), cancellation.Token);
            Threads.OnAnotherThread(cancellation.Cancel);
            thrown = await Record.ExceptionAsync(() => wait);
        });

        // The loop ended long before the 25 s (LoopPrograms fails a run past 30 s): the timer was cleared.
        Assert.IsType<TaskCanceledException>(thrown);
    }

    [Fact]
    public void A_token_already_cancelled_gives_a_cancelled_task_and_starts_nothing()
    {
        using var loop = new EventLoop();
        Task delay = loop.DelayAsync(10, new CancellationToken(canceled: true));
        Task immediate = loop.ImmediateAsync(new CancellationToken(canceled: true));

        Assert.True(delay.IsCanceled);
        Assert.True(immediate.IsCanceled);
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void ImmediateAsync_resumes_from_the_next_check_phase_after_the_ticks_of_the_current_callback()
    {
        // N6: an immediate queued from the check phase runs in the next iteration's; N2: ticks first.
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.SetImmediate(async () =>
        {
            loop.NextTick(() => log.Add("tick"));
            await loop.ImmediateAsync();
            log.Add("resumed");
        });

        Assert.True(loop.Run(RunMode.Once)); // the first immediate; the awaited one is still queued
        Assert.Equal(["tick"], log);
        Assert.False(loop.Run());
        Assert.Equal(["tick", "resumed"], log);
    }

    [Fact]
    public void Calls_off_the_loop_thread_throw()
    {
        using var loop = new EventLoop();

        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => loop.DelayAsync(1)));
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => loop.ImmediateAsync()));
    }
}
