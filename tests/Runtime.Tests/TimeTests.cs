using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>The loop's cached time (libuv's uv_now and uv_update_time).</summary>
public sealed class TimeTests
{
    [Fact]
    public void Now_does_not_move_inside_a_callback_until_UpdateTime()
    {
        // L8
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var seen = new List<long>();
        loop.SetImmediate(() =>
        {
            seen.Add(loop.Now);
            clock.Advance(25);
            seen.Add(loop.Now);
            loop.UpdateTime();
            seen.Add(loop.Now);
        });

        loop.Run(RunMode.NoWait);

        Assert.Equal([0, 0, 25], seen);
    }

    [Fact]
    public void Default_mode_updates_the_time_before_the_first_timers_pass()
    {
        // L3, L8
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        long seenByIdle = -1;
        var idle = new IdleHandle(loop);
        idle.Start(() =>
        {
            seenByIdle = loop.Now;
            idle.Close();
        });
        clock.Advance(40);

        loop.Run();

        Assert.Equal(40, seenByIdle);
    }

    [Fact]
    public void NoWait_updates_the_time_only_after_the_poll()
    {
        // L3, L8: without the initial timers pass, the time is updated in step 6 only.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var seen = new List<long>();
        var prepare = new PrepareHandle(loop);
        prepare.Start(() => seen.Add(loop.Now));
        clock.Advance(40);

        loop.Run(RunMode.NoWait);
        loop.Run(RunMode.NoWait);

        Assert.Equal([0, 40], seen);
        Assert.Equal(40, loop.Now);
        prepare.Close();
        loop.Run();
    }

    [Fact]
    public void Run_with_nothing_alive_still_updates_the_time()
    {
        // L8 (libuv: uv_run updates the time when the loop is not alive)
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        clock.Advance(15);

        Assert.False(loop.Run());

        Assert.Equal(15, loop.Now);
    }

    [Fact]
    public void Now_is_whole_milliseconds_of_the_clock()
    {
        // L8: the cached time truncates to milliseconds.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        clock.Advance(2.9);

        loop.UpdateTime();

        Assert.Equal(2, loop.Now);
    }
}
