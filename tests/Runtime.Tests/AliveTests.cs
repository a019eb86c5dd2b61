using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>What keeps the loop alive (libuv's loop-alive and active tests).</summary>
public sealed class AliveTests
{
    [Fact]
    public void New_loop_is_not_alive()
    {
        // L1
        using var loop = new EventLoop();

        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Active_ref_d_timer_keeps_the_loop_alive_until_it_fires()
    {
        // L1 (libuv loop-alive)
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        loop.SetTimeout(() => { }, 5);
        Assert.True(loop.IsAlive);

        clock.Advance(5);
        Assert.False(loop.Run(RunMode.NoWait));
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Queued_work_keeps_the_loop_alive_until_its_callback_ran()
    {
        // L1, L12 (libuv loop-alive): an active request counts like a handle.
        using var loop = new EventLoop();
        bool done = false;
        loop.QueueWork(() => { }, _ => done = true);
        Assert.True(loop.IsAlive);

        Assert.False(loop.Run());

        Assert.True(done);
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Closing_handle_keeps_the_loop_alive_until_its_close_callback_ran()
    {
        // L1, L10
        using var loop = new EventLoop();
        var check = new CheckHandle(loop);
        check.Close();

        Assert.False(check.IsActive);
        Assert.True(loop.IsAlive);
        Assert.False(loop.Run(RunMode.NoWait));
        Assert.True(check.IsClosed);
    }

    [Fact]
    public void Pending_callback_keeps_the_loop_alive()
    {
        // L1: the pending queue counts.
        using EventLoop loop = PoolBlocker.LoopWithBusyPool(out PoolBlocker blocker);
        bool cancelled = false;
        WorkRequest queued = loop.QueueWork(() => { }, error => cancelled = error is OperationCanceledException);
        Assert.True(queued.Cancel());

        blocker.Release();
        Assert.True(loop.IsAlive);
        Assert.False(loop.Run());

        Assert.True(cancelled);
    }

    [Fact]
    public void Queued_ref_d_immediate_keeps_the_loop_alive()
    {
        // L1
        using var loop = new EventLoop();
        loop.SetImmediate(() => { });

        Assert.True(loop.IsAlive);
        Assert.False(loop.Run(RunMode.NoWait));
    }

    [Fact]
    public void Started_phase_handle_is_active_and_keeps_the_loop_alive_until_stopped()
    {
        // L1 (libuv active): Start activates, Stop deactivates.
        using var loop = new EventLoop();
        var idle = new IdleHandle(loop);
        Assert.False(idle.IsActive);
        Assert.False(loop.IsAlive);

        idle.Start(() => { });
        Assert.True(idle.IsActive);
        Assert.True(loop.IsAlive);

        idle.Stop();
        Assert.False(idle.IsActive);
        Assert.False(loop.IsAlive);
        idle.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Async_handle_is_active_until_closed()
    {
        // L1 (libuv active)
        using var loop = new EventLoop();
        var async = new AsyncHandle(loop, () => { });
        Assert.True(async.IsActive);
        Assert.True(loop.IsAlive);

        async.Close();
        Assert.False(async.IsActive);
        Assert.False(loop.Run());
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Post_alone_does_not_keep_the_loop_alive()
    {
        // L1: a post is not a handle or request; it runs when the loop next polls.
        using var loop = new EventLoop();
        int ran = 0;
        loop.Post(() => ran++);

        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
        Assert.Equal(0, ran);

        loop.SetImmediate(() => { });
        loop.Run();
        Assert.Equal(1, ran);
    }
}
