using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>Ref and unref (libuv's ref test, Node's test-timers-unref and -unrefd-interval-still-fires).</summary>
public sealed class RefTests
{
    [Fact]
    public void Ref_and_unref_are_flags_not_counters()
    {
        // L2: two unrefs and one ref leave the handle ref'd.
        using EventLoop loop = Loops.WithClock(out _);
        Timer timer = loop.SetTimeout(() => { }, 10);

        timer.Unref();
        timer.Unref();
        Assert.False(timer.HasRef);
        Assert.False(loop.IsAlive);

        timer.Ref();
        Assert.True(timer.HasRef);
        Assert.True(loop.IsAlive);

        timer.Ref();
        timer.Unref();
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Unref_d_timer_alone_does_not_keep_the_loop_alive_and_never_fires()
    {
        // L2 (Node test-timers-unref)
        using var loop = new EventLoop();
        int fired = 0;
        loop.SetTimeout(() => fired++, 1).Unref();
        loop.SetInterval(() => fired++, 1).Unref();

        Assert.False(loop.Run());
        Assert.Equal(0, fired);
    }

    [Fact]
    public void Unref_d_interval_still_fires_while_a_ref_d_timer_keeps_the_loop_alive()
    {
        // L2 (Node test-timers-unrefd-interval-still-fires)
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int intervalFired = 0;
        loop.SetInterval(() => intervalFired++, 1).Unref();
        loop.SetTimeout(() => { }, 5);

        while (loop.Run(RunMode.NoWait))
        {
            clock.Advance(1);
        }

        Assert.Equal(5, intervalFired);
    }

    [Fact]
    public void Unref_d_handles_of_every_kind_let_Run_return_at_once()
    {
        // L2 (libuv ref): idle, prepare, check and async handles, unref'd, do not keep the loop alive.
        using var loop = new EventLoop();
        int calls = 0;
        var idle = new IdleHandle(loop);
        var prepare = new PrepareHandle(loop);
        var check = new CheckHandle(loop);
        var async = new AsyncHandle(loop, () => calls++);
        idle.Start(() => calls++);
        prepare.Start(() => calls++);
        check.Start(() => calls++);
        foreach (Handle handle in new Handle[] { idle, prepare, check, async })
        {
            handle.Unref();
            Assert.True(handle.IsActive);
        }

        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Unref_d_handle_keeps_working_while_something_else_keeps_the_loop_alive()
    {
        // L2 (libuv ref): an unref'd check handle still runs every iteration.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int checks = 0;
        var check = new CheckHandle(loop);
        check.Start(() => checks++);
        check.Unref();
        loop.SetTimeout(() => { }, 3);

        while (loop.Run(RunMode.NoWait))
        {
            clock.Advance(1);
        }

        Assert.Equal(4, checks);
        check.Close();
        loop.Run();
    }

    [Fact]
    public void Ref_on_an_inactive_handle_does_not_make_the_loop_alive()
    {
        // L1, L2: only active handles count.
        using var loop = new EventLoop();
        var check = new CheckHandle(loop);
        check.Unref();
        check.Ref();

        Assert.False(loop.IsAlive);

        check.Start(() => { });
        Assert.True(loop.IsAlive);
        check.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Unref_and_ref_on_a_fired_timeout_do_not_revive_the_loop()
    {
        // L2: a fired timeout is inactive, so ref has nothing to keep alive.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        Timer timer = loop.SetTimeout(() => { }, 1);
        clock.Advance(1);
        loop.Run(RunMode.NoWait);

        timer.Unref();
        timer.Ref();

        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Ref_and_unref_after_close_leave_the_loop_consistent()
    {
        // L2, L10: a closed handle is inactive; toggling its ref changes nothing the loop counts.
        using var loop = new EventLoop();
        var async = new AsyncHandle(loop, () => { });
        async.Unref();
        async.Close();
        async.Ref();
        async.Unref();
        async.Ref();

        Assert.False(loop.Run());
        Assert.False(loop.IsAlive);
    }
}
