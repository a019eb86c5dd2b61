using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>Closing handles and close callbacks (libuv's close-order test).</summary>
public sealed class CloseTests
{
    [Fact]
    public void Check_callback_runs_before_any_close_callback_of_its_iteration()
    {
        // L10 (libuv close-order): a timer closes itself, the check callback then closes two more handles;
        // all three close callbacks run together, after the check callback.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var log = new List<string>();
        var check = new CheckHandle(loop);
        Timer? distant = null;
        check.Start(() =>
        {
            log.Add("check");
            check.Close(() => log.Add("check closed"));
            distant!.Close(() => log.Add("distant timer closed"));
        });
        Timer? first = null;
        first = loop.SetTimeout(
            () =>
            {
                log.Add("timer");
                first!.Close(() => log.Add("timer closed"));
            },
            1);
        distant = loop.SetTimeout(() => log.Add("distant timer"), 100_000);
        clock.Advance(1);

        Assert.False(loop.Run());

        Assert.Equal(["timer", "check", "timer closed", "check closed", "distant timer closed"], log);
    }

    [Fact]
    public void Closing_deactivates_and_unrefs_at_once_and_the_callback_runs_after_check_callbacks()
    {
        // L10: same iteration, close phase, after the check phase.
        using var loop = new EventLoop();
        var log = new List<string>();
        var idle = new IdleHandle(loop);
        idle.Start(() => { });
        var check = new CheckHandle(loop);
        check.Start(() => log.Add("check"));
        check.Unref();
        loop.SetImmediate(() =>
        {
            idle.Close(() => log.Add("closed"));
            Assert.False(idle.IsActive);
            Assert.True(idle.IsClosing);
            Assert.False(idle.IsClosed);
        });

        // Only the unref'd check handle is left once the idle handle's close callback ran.
        Assert.False(loop.Run(RunMode.NoWait));

        Assert.Equal(["check", "closed"], log);
        Assert.True(idle.IsClosed);
        check.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Close_callbacks_run_in_the_order_the_handles_were_closed()
    {
        // L10
        using var loop = new EventLoop();
        var log = new List<string>();
        var a = new CheckHandle(loop);
        var b = new AsyncHandle(loop, () => { });
        var c = new IdleHandle(loop);

        b.Close(() => log.Add("b"));
        c.Close(() => log.Add("c"));
        a.Close(() => log.Add("a"));

        Assert.False(loop.Run(RunMode.NoWait));
        Assert.Equal(["b", "c", "a"], log);
    }

    [Fact]
    public void Handle_closed_by_a_close_callback_is_closed_in_the_next_iteration()
    {
        // L10: the close phase runs the handles closed before it began.
        using var loop = new EventLoop();
        var log = new List<string>();
        var second = new CheckHandle(loop);
        new CheckHandle(loop).Close(() =>
        {
            log.Add("first");
            second.Close(() => log.Add("second"));
        });

        Assert.True(loop.Run(RunMode.NoWait));
        Assert.Equal(["first"], log);

        Assert.False(loop.Run(RunMode.NoWait));
        Assert.Equal(["first", "second"], log);
    }

    [Fact]
    public void Handle_closed_in_a_timer_callback_is_closed_in_the_next_iteration()
    {
        // L3, L10: the timers phase comes after the close phase.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        bool closed = false;
        var check = new CheckHandle(loop);
        check.Start(() => { });
        loop.SetTimeout(() => check.Close(() => closed = true), 1);
        clock.Advance(1);

        Assert.True(loop.Run(RunMode.NoWait));
        Assert.False(closed);
        Assert.True(check.IsClosing);

        Assert.False(loop.Run(RunMode.NoWait));
        Assert.True(closed);
    }

    [Fact]
    public void Ticks_queued_by_a_close_callback_drain_before_the_next_close_callback()
    {
        // N2: close callbacks are callbacks from the outside too.
        using var loop = new EventLoop();
        var log = new List<string>();
        new CheckHandle(loop).Close(() =>
        {
            log.Add("close 1");
            loop.NextTick(() => log.Add("tick"));
        });
        new CheckHandle(loop).Close(() => log.Add("close 2"));

        loop.Run();

        Assert.Equal(["close 1", "tick", "close 2"], log);
    }

    [Fact]
    public void Interval_closed_from_its_own_callback_never_fires_again()
    {
        // L10
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer? interval = null;
        interval = loop.SetInterval(
            () =>
            {
                fired++;
                interval!.Close();
            },
            1);

        for (int i = 0; i < 5; i++)
        {
            clock.Advance(1);
            loop.Run(RunMode.NoWait);
        }

        Assert.Equal(1, fired);
        Assert.True(interval.IsClosed);
    }

    [Fact]
    public void Closing_twice_throws_and_the_close_callback_still_runs_once()
    {
        // L10: a clear exception, nothing corrupted.
        using var loop = new EventLoop();
        int closed = 0;
        var async = new AsyncHandle(loop, () => { });
        async.Close(() => closed++);

        var error = Assert.Throws<InvalidOperationException>(() => async.Close(() => closed += 100));

        Assert.Contains("already closed", error.Message);
        Assert.False(loop.Run());
        Assert.Equal(1, closed);
        Assert.Throws<InvalidOperationException>(() => async.Close());
    }

    [Fact]
    public void Dispose_closes_the_handle_and_repeated_Dispose_does_nothing()
    {
        // L10
        using var loop = new EventLoop();
        var async = new AsyncHandle(loop, () => { });

        async.Dispose();
        async.Dispose();

        Assert.True(async.IsClosing);
        Assert.False(loop.Run());
        Assert.True(async.IsClosed);
        async.Dispose();
    }

    [Fact]
    public void ClearTimeout_ignores_null_and_already_cleared_timers()
    {
        // L10: Node's clearTimeout never throws.
        using EventLoop loop = Loops.WithClock(out _);
        Timer timer = loop.SetTimeout(() => { }, 10);

        loop.ClearTimeout(null);
        loop.ClearTimeout(timer);
        loop.ClearTimeout(timer);
        loop.ClearInterval(timer);

        Assert.True(timer.IsClosing);
        Assert.False(loop.Run());
    }
}
