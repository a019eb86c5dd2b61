using System.Diagnostics;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>Run modes, the iteration's phase order, the poll timeout and Stop (libuv's run-once, run-nowait, loop-stop).</summary>
public sealed class RunModeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public void One_iteration_runs_the_phases_in_libuv_order()
    {
        // L3: pending, idle, prepare, poll, check (immediates, then check handles), close, timers.
        var clock = new ManualClock();
        using EventLoop loop = PoolBlocker.LoopWithBusyPool(out PoolBlocker blocker, clock);
        var log = new List<string>();
        WorkRequest cancelled = loop.QueueWork(() => { }, _ => log.Add("pending"));
        Assert.True(cancelled.Cancel());
        var idle = new IdleHandle(loop);
        idle.Start(() => log.Add("idle"));
        var prepare = new PrepareHandle(loop);
        prepare.Start(() => log.Add("prepare"));
        var check = new CheckHandle(loop);
        check.Start(() => log.Add("check handle"));
        var io = new AsyncHandle(loop, () => log.Add("poll"));
        io.Send();
        loop.SetImmediate(() => log.Add("immediate"));
        new CheckHandle(loop).Close(() => log.Add("close"));
        loop.SetTimeout(() => log.Add("timer"), 1);
        clock.Advance(1);

        Assert.True(loop.Run(RunMode.NoWait));

        Assert.Equal(["pending", "idle", "prepare", "poll", "immediate", "check handle", "close", "timer"], log);
        idle.Close();
        prepare.Close();
        check.Close();
        io.Close();
        blocker.Release();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Default_mode_runs_due_timers_before_the_first_iteration()
    {
        // L3: Run(Default) updates the time and runs due timers before pending/idle/prepare.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var log = new List<string>();
        var idle = new IdleHandle(loop);
        idle.Start(() =>
        {
            log.Add("idle");
            idle.Close();
        });
        loop.SetTimeout(() => log.Add("timer"), 1);
        clock.Advance(1);

        Assert.False(loop.Run());

        Assert.Equal(["timer", "idle"], log);
    }

    [Fact]
    public void NoWait_runs_one_iteration_without_blocking_and_reports_alive()
    {
        // L13 (libuv run-nowait): a timer that is not due keeps the loop alive and does not fire.
        using var loop = new EventLoop();
        int fired = 0;
        Timer timer = loop.SetTimeout(() => fired++, 60_000);
        var stopwatch = Stopwatch.StartNew();

        Assert.True(loop.Run(RunMode.NoWait));

        Assert.Equal(0, fired);
        Assert.True(stopwatch.Elapsed < Generous);
        timer.Close();
        Assert.False(loop.Run(RunMode.NoWait));
    }

    [Fact]
    public void Once_runs_exactly_one_iteration_per_call()
    {
        // L13 (libuv run-once): each call runs the idle callback once.
        using var loop = new EventLoop();
        int calls = 0;
        var idle = new IdleHandle(loop);
        idle.Start(() => calls++);

        for (int i = 1; i <= 5; i++)
        {
            Assert.True(loop.Run(RunMode.Once));
            Assert.Equal(i, calls);
        }

        idle.Stop();
        Assert.False(loop.Run(RunMode.Once));
        Assert.Equal(5, calls);
    }

    [Fact]
    public void Once_blocks_in_the_poll_until_work_arrives_from_another_thread()
    {
        // L13: with nothing to do yet, Once waits in the poll (here for a send) and then returns.
        using var loop = new EventLoop();
        int calls = 0;
        var async = new AsyncHandle(loop, () => calls++);
        var sender = new Thread(async.Send);
        sender.Start();

        Assert.True(loop.Run(RunMode.Once));

        Assert.Equal(1, calls);
        sender.Join();
        async.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Default_runs_until_the_loop_is_no_longer_alive()
    {
        // L13: Run(Default) returns false once nothing keeps the loop alive.
        using var loop = new EventLoop();
        int fired = 0;
        void Next()
        {
            if (++fired < 5)
            {
                loop.SetTimeout(Next, 1);
            }
        }

        loop.SetTimeout(Next, 1);

        Assert.False(loop.Run());
        Assert.Equal(5, fired);
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Run_returns_false_at_once_when_nothing_is_alive()
    {
        // L1, L13
        using var loop = new EventLoop();

        Assert.False(loop.Run());
        Assert.False(loop.Run(RunMode.Once));
        Assert.False(loop.Run(RunMode.NoWait));
    }

    [Fact]
    public void Stop_inside_a_callback_finishes_the_iteration_then_Run_returns()
    {
        // L5 (libuv loop-stop): the rest of the iteration (check, close, timers) still runs.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var log = new List<string>();
        var prepare = new PrepareHandle(loop);
        prepare.Start(() =>
        {
            log.Add("prepare");
            loop.Stop();
        });
        var check = new CheckHandle(loop);
        check.Start(() => log.Add("check"));
        loop.SetTimeout(() => log.Add("first timer"), 1);
        loop.SetTimeout(() => log.Add("second timer"), 2);
        clock.Advance(1);
        prepare.Unref();

        Assert.True(loop.Run());
        Assert.Equal(["first timer", "prepare", "check"], log);

        clock.Advance(1);
        Assert.True(loop.Run());
        Assert.Equal(["first timer", "prepare", "check", "second timer", "prepare", "check"], log);

        prepare.Close();
        check.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Stop_before_Run_makes_Run_return_without_firing_a_zero_timeout()
    {
        // L5: the stop flag is honoured before the first timers pass, then cleared.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        loop.SetTimeout(() => fired++, 0);
        clock.Advance(1);

        loop.Stop();

        Assert.True(loop.Run());
        Assert.Equal(0, fired);
        Assert.False(loop.Run());
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Stop_from_another_thread_ends_a_blocked_Run()
    {
        // L5: Stop is safe from any thread and wakes the poll.
        using var loop = new EventLoop();
        var keepAlive = new AsyncHandle(loop, () => { });
        var stopper = new Thread(loop.Stop);
        var stopwatch = Stopwatch.StartNew();
        stopper.Start();

        Assert.True(loop.Run());

        Assert.True(stopwatch.Elapsed < Generous);
        stopper.Join();
        keepAlive.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Poll_does_not_block_while_idle_handles_are_active()
    {
        // L4: an active idle handle makes the poll timeout 0, even with a distant timer.
        using var loop = new EventLoop();
        Timer distant = loop.SetTimeout(() => { }, 60_000);
        int iterations = 0;
        var idle = new IdleHandle(loop);
        idle.Start(() =>
        {
            if (++iterations == 3)
            {
                idle.Close();
                distant.Close();
            }
        });
        var stopwatch = Stopwatch.StartNew();

        Assert.False(loop.Run());

        Assert.Equal(3, iterations);
        Assert.True(stopwatch.Elapsed < Generous, $"Run blocked for {stopwatch.Elapsed}");
    }

    [Fact]
    public void Poll_does_not_block_while_a_handle_is_closing()
    {
        // L4, L10: the close callback runs in this iteration, not after the distant timer.
        using var loop = new EventLoop();
        Timer distant = loop.SetTimeout(() => { }, 60_000);
        bool closed = false;
        new CheckHandle(loop).Close(() => closed = true);
        var stopwatch = Stopwatch.StartNew();

        Assert.True(loop.Run(RunMode.Once));

        Assert.True(closed);
        Assert.True(stopwatch.Elapsed < Generous, $"Run blocked for {stopwatch.Elapsed}");
        distant.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Poll_does_not_block_while_pending_callbacks_are_queued()
    {
        // L4: a callback deferred to the pending queue during prepare runs in the next iteration without a wait.
        using EventLoop loop = PoolBlocker.LoopWithBusyPool(out PoolBlocker blocker);
        Timer distant = loop.SetTimeout(() => { }, 60_000);
        bool completed = false;
        WorkRequest queued = loop.QueueWork(
            () => { },
            _ =>
            {
                completed = true;
                distant.Close();
                blocker.Release();
            });
        var prepare = new PrepareHandle(loop);
        prepare.Start(() =>
        {
            prepare.Close();
            Assert.True(queued.Cancel());
        });
        var stopwatch = Stopwatch.StartNew();

        Assert.False(loop.Run());

        Assert.True(completed);
        Assert.True(stopwatch.Elapsed < Generous, $"Run blocked for {stopwatch.Elapsed}");
    }

    [Fact]
    public void Poll_does_not_block_once_Stop_was_requested()
    {
        // L4, L5: a stop requested before the poll makes its timeout 0.
        using var loop = new EventLoop();
        Timer distant = loop.SetTimeout(() => { }, 60_000);
        var prepare = new PrepareHandle(loop);
        prepare.Start(loop.Stop);
        var stopwatch = Stopwatch.StartNew();

        Assert.True(loop.Run());

        Assert.True(stopwatch.Elapsed < Generous, $"Run blocked for {stopwatch.Elapsed}");
        prepare.Close();
        distant.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Poll_waits_for_the_earliest_timer()
    {
        // L4: with nothing else to do, the poll sleeps until the earliest timer is due, then it fires.
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetTimeout(() => order.Add("30"), 30);
        loop.SetTimeout(() => order.Add("10"), 10);

        Assert.False(loop.Run());

        Assert.Equal(["10", "30"], order);
    }
}
