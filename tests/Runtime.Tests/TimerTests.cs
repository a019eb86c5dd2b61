using System.Diagnostics;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>Timeouts and intervals: ordering, the timers pass, clamping (libuv's timer and timer-again tests, Node's test-timers-*).</summary>
public sealed class TimerTests
{
    [Fact]
    public void Timeout_fires_once_when_its_delay_has_elapsed()
    {
        // L3, L6: the timer is due at Now + delay and fires once, in the timers phase.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer timer = loop.SetTimeout(() => fired++, 10);

        Assert.True(loop.Run(RunMode.NoWait));
        clock.Advance(9);
        Assert.True(loop.Run(RunMode.NoWait));
        Assert.Equal(0, fired);

        clock.Advance(1);
        Assert.False(loop.Run(RunMode.NoWait));
        Assert.Equal(1, fired);
        Assert.False(timer.IsActive);

        clock.Advance(100);
        Assert.False(loop.Run());
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Timers_with_equal_due_times_fire_in_start_order()
    {
        // L6: equal due times fire by start sequence.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var order = new List<int>();
        for (int i = 0; i < 8; i++)
        {
            loop.SetTimeout(static (state) => state.Order.Add(state.Index), (Order: order, Index: i), 5);
        }

        clock.Advance(5);
        loop.Run(RunMode.NoWait);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], order);
    }

    [Fact]
    public void Timers_fire_by_due_time_before_start_order()
    {
        // L6: the heap orders by (due, sequence).
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var order = new List<string>();
        loop.SetTimeout(() => order.Add("30"), 30);
        loop.SetTimeout(() => order.Add("10"), 10);
        loop.SetTimeout(() => order.Add("20"), 20);
        loop.SetTimeout(() => order.Add("10 again"), 10);

        clock.Advance(30);
        loop.Run(RunMode.NoWait);

        Assert.Equal(["10", "10 again", "20", "30"], order);
    }

    [Fact]
    public void Refreshing_a_timer_gives_it_a_new_start_sequence()
    {
        // L6: a restarted timer goes behind timers started before the restart with the same due time.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var order = new List<string>();
        Timer first = loop.SetTimeout(() => order.Add("first"), 10);
        loop.SetTimeout(() => order.Add("second"), 10);

        first.Refresh();
        clock.Advance(10);
        loop.Run(RunMode.NoWait);

        Assert.Equal(["second", "first"], order);
    }

    [Fact]
    public void Starting_a_timer_does_not_update_the_cached_time()
    {
        // L6, L8: the due time counts from the cached Now, not from the clock.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        clock.Advance(50);

        Timer timer = loop.SetTimeout(() => { }, 10);

        Assert.Equal(0, loop.Now);
        Assert.Equal(10, timer.Due);
        timer.Close();
        loop.Run();
    }

    [Fact]
    public void Timer_started_in_a_timer_callback_never_fires_in_the_same_pass()
    {
        // L7: the pass collects due timers first, so a timer that becomes due during it waits for the next pass.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var order = new List<string>();
        loop.SetTimeout(
            () =>
            {
                order.Add("outer");
                loop.SetTimeout(() => order.Add("inner"), 0);
                clock.Advance(5);
                loop.UpdateTime();
            },
            1);

        clock.Advance(1);
        Assert.True(loop.Run(RunMode.NoWait));
        Assert.Equal(["outer"], order);

        Assert.False(loop.Run(RunMode.NoWait));
        Assert.Equal(["outer", "inner"], order);
    }

    [Fact]
    public void Interval_rearmed_during_the_pass_fires_once_per_pass()
    {
        // L7: a repeating timer re-armed inside the pass does not fire again in it, even when already due.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer interval = loop.SetInterval(
            () =>
            {
                fired++;
                clock.Advance(10);
                loop.UpdateTime();
            },
            1);

        clock.Advance(1);
        loop.Run(RunMode.NoWait);
        Assert.Equal(1, fired);

        loop.Run(RunMode.NoWait);
        Assert.Equal(2, fired);
        interval.Close();
        loop.Run();
    }

    [Fact]
    public void Interval_rearms_from_the_time_it_fired_without_replaying_missed_periods()
    {
        // L7: drift is allowed, missed periods are not replayed.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var firedAt = new List<long>();
        Timer interval = loop.SetInterval(() => firedAt.Add(loop.Now), 10);

        clock.Advance(35);
        loop.Run(RunMode.NoWait);
        Assert.Equal([35], firedAt);
        Assert.Equal(45, interval.Due);

        clock.Advance(9);
        loop.Run(RunMode.NoWait);
        clock.Advance(1);
        loop.Run(RunMode.NoWait);
        Assert.Equal([35, 45], firedAt);

        loop.ClearInterval(interval);
        Assert.False(loop.Run());
    }

    [Fact]
    public void Interval_passes_its_state_every_time()
    {
        // L7: the state overload keeps its state across re-arms.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var seen = new List<string>();
        Timer interval = loop.SetInterval(static (state) => state.Add("tick"), seen, TimeSpan.FromMilliseconds(2));

        for (int i = 0; i < 6; i++)
        {
            clock.Advance(1);
            loop.Run(RunMode.NoWait);
        }

        Assert.Equal(3, seen.Count);
        interval.Close();
        loop.Run();
    }

    [Fact]
    public void Timer_cleared_by_an_earlier_timer_of_the_same_pass_does_not_fire()
    {
        // L7: a timer taken out of the pass before its turn is skipped.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var order = new List<string>();
        Timer? second = null;
        loop.SetTimeout(
            () =>
            {
                order.Add("first");
                loop.ClearTimeout(second);
            },
            5);
        second = loop.SetTimeout(() => order.Add("second"), 5);
        loop.SetTimeout(() => order.Add("third"), 5);

        clock.Advance(5);
        loop.Run(RunMode.NoWait);

        Assert.Equal(["first", "third"], order);
    }

    [Fact]
    public void Refresh_restarts_a_timer_from_the_current_loop_time()
    {
        // L6 (libuv timer-again, Node timeout.refresh): the original delay counts again from Now.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer timer = loop.SetTimeout(() => fired++, 10);

        clock.Advance(5);
        loop.Run(RunMode.NoWait);
        timer.Refresh();
        Assert.Equal(15, timer.Due);

        clock.Advance(5);
        loop.Run(RunMode.NoWait);
        Assert.Equal(0, fired);

        clock.Advance(5);
        loop.Run(RunMode.NoWait);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Refresh_rearms_a_timeout_that_already_fired()
    {
        // L6: refreshing a fired timeout starts it again.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer timer = loop.SetTimeout(() => fired++, 3);
        clock.Advance(3);
        loop.Run(RunMode.NoWait);

        Assert.Same(timer, timer.Refresh());
        Assert.True(timer.IsActive);
        Assert.True(loop.IsAlive);

        clock.Advance(3);
        Assert.False(loop.Run(RunMode.NoWait));
        Assert.Equal(2, fired);
    }

    [Fact]
    public void Interval_refreshed_from_its_own_callback_restarts_its_period()
    {
        // L6, L7 (libuv timer-again): restarting a repeating timer inside its callback moves its next due time.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var firedAt = new List<long>();
        Timer? interval = null;
        interval = loop.SetInterval(
            () =>
            {
                firedAt.Add(loop.Now);
                clock.Advance(4);
                loop.UpdateTime();
                interval!.Refresh();
            },
            10);

        clock.Advance(10);
        loop.Run(RunMode.NoWait);
        Assert.Equal(24, interval.Due);

        clock.Advance(10);
        loop.Run(RunMode.NoWait);
        Assert.Equal([10, 24], firedAt);
        interval.Close();
        loop.Run();
    }

    [Fact]
    public void Zero_delay_behaves_as_one_millisecond()
    {
        // N5 (Node test-timers-zero-timeout): setTimeout(cb, 0) is setTimeout(cb, 1).
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer timer = loop.SetTimeout(() => fired++, 0);

        Assert.Equal(1, timer.Delay);
        loop.Run(RunMode.NoWait);
        Assert.Equal(0, fired);

        clock.Advance(1);
        loop.Run(RunMode.NoWait);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Zero_interval_fires_every_millisecond_until_cleared()
    {
        // N5 (Node test-timers-zero-timeout): setInterval(cb, 0) repeats at 1 ms.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer? interval = null;
        interval = loop.SetInterval(
            () =>
            {
                if (++fired == 3)
                {
                    loop.ClearInterval(interval);
                }
            },
            0);

        while (loop.Run(RunMode.NoWait))
        {
            clock.Advance(1);
        }

        Assert.Equal(3, fired);
    }

    [Theory]
    [InlineData(1.9, 1)]
    [InlineData(10.7, 10)]
    [InlineData(2147483647.0, 2147483647)]
    public void Fractional_delays_are_truncated(double milliseconds, long expected)
    {
        // N5
        using EventLoop loop = Loops.WithClock(out _);
        Timer timeout = loop.SetTimeout(() => { }, milliseconds);
        Timer interval = loop.SetInterval(() => { }, TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, timeout.Delay);
        Assert.Equal(expected, interval.Delay);
        Assert.Equal(expected, interval.Repeat);
        timeout.Close();
        interval.Close();
        loop.Run();
    }

    [Fact]
    public void Interval_with_a_non_integer_delay_keeps_firing()
    {
        // N5 (Node test-timers-non-integer-delay): 1.1 ms repeats every millisecond.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer interval = loop.SetInterval(() => fired++, 1.1);

        for (int i = 0; i < 50; i++)
        {
            clock.Advance(1);
            loop.Run(RunMode.NoWait);
        }

        Assert.Equal(50, fired);
        interval.Close();
        loop.Run();
    }

    [Fact]
    public void Ticks_and_microtasks_drain_between_two_timers_of_the_same_pass()
    {
        // N4 (Node test-timers-next-tick): the second timer of a pass sees the first one's ticks done.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var order = new List<string>();
        loop.SetTimeout(
            () =>
            {
                order.Add("timer 1");
                loop.QueueMicrotask(() => order.Add("microtask 1"));
                loop.NextTick(() => order.Add("tick 1"));
            },
            5);
        loop.SetTimeout(
            () =>
            {
                order.Add("timer 2");
                loop.NextTick(() => order.Add("tick 2"));
            },
            5);

        clock.Advance(5);
        loop.Run(RunMode.NoWait);

        Assert.Equal(["timer 1", "tick 1", "microtask 1", "timer 2", "tick 2"], order);
    }

    [Fact]
    public void Timeout_is_active_until_it_fires_and_an_interval_until_cleared()
    {
        // L1 (libuv active): a pending timer is an active handle.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        Timer timeout = loop.SetTimeout(() => { }, 1);
        Timer interval = loop.SetInterval(() => { }, 1);
        Assert.True(timeout.IsActive);
        Assert.True(interval.IsActive);

        clock.Advance(1);
        loop.Run(RunMode.NoWait);
        Assert.False(timeout.IsActive);
        Assert.True(interval.IsActive);

        loop.ClearInterval(interval);
        Assert.False(interval.IsActive);
        Assert.True(interval.IsClosing);
        Assert.False(loop.Run());
        Assert.True(interval.IsClosed);
    }

    [Fact]
    public void Timeout_never_fires_before_its_delay_on_the_real_clock()
    {
        // L6, L8: with the system clock, Run(Default) sleeps in the poll until the timer is due.
        using var loop = new EventLoop();
        var stopwatch = Stopwatch.StartNew();
        loop.UpdateTime();
        long startedAt = loop.Now;
        long firedAt = -1;
        loop.SetTimeout(() => firedAt = loop.Now, 20);

        Assert.False(loop.Run());

        Assert.True(firedAt >= startedAt + 20, $"fired at {firedAt}, started at {startedAt}");
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(19), $"fired after {stopwatch.Elapsed}");
    }

    [Fact]
    public void Timer_refreshed_by_an_earlier_timer_of_the_same_pass_waits_its_full_delay()
    {
        // L6, L7: the refresh takes it out of this pass and restarts it from Now.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var log = new List<string>();
        Timer? second = null;
        loop.SetTimeout(
            () =>
            {
                log.Add("first");
                second!.Refresh();
            },
            5);
        second = loop.SetTimeout(() => log.Add("second"), 5);

        clock.Advance(5);
        loop.Run(RunMode.NoWait);
        Assert.Equal(["first"], log);
        Assert.Equal(10, second.Due);

        clock.Advance(5);
        Assert.False(loop.Run(RunMode.NoWait));
        Assert.Equal(["first", "second"], log);
    }

    [Fact]
    public void Active_idle_handle_does_not_starve_timers()
    {
        // L3, L4 (libuv idle starvation): the loop keeps turning, so a due timer fires while an idle handle runs.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int idleCalls = 0;
        var idle = new IdleHandle(loop);
        idle.Start(() =>
        {
            idleCalls++;
            clock.Advance(1);
        });
        loop.SetTimeout(() => idle.Close(), 5);

        Assert.False(loop.Run());

        Assert.Equal(5, idleCalls);
        Assert.True(idle.IsClosed);
    }

    [Fact]
    public void Timeout_fires_once_even_when_its_loop_runs_again_and_again()
    {
        // L6 (libuv timer_no_double_call_once): a fired one-shot timer is gone from the queue.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        loop.SetTimeout(() => fired++, 1);
        var check = new CheckHandle(loop);
        check.Start(() => { });

        for (int i = 0; i < 10; i++)
        {
            clock.Advance(1);
            loop.Run(RunMode.NoWait);
        }

        Assert.Equal(1, fired);
        check.Close();
        Assert.False(loop.Run());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_starts_refreshes_and_clears_fire_in_due_then_start_order(int seed)
    {
        // L6, L7: checked against a model that fires the timers due at each pass in (due, start sequence) order,
        // across durations, restarts, re-arming intervals, and callbacks that clear or refresh timers mid-pass.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var random = new Random(seed);
        var world = new TimerWorld(loop);
        var expected = new List<int>();
        var model = new List<ModelTimer>();
        long sequence = 0;
        long now = 0;
        for (int step = 0; step < 500; step++)
        {
            bool anyOpen = model.Any(m => !m.Cleared);
            switch (random.Next(6))
            {
                case 0 or 1:
                    var timer = new ModelTimer
                    {
                        Delay = random.Next(1, 20),
                        Repeat = random.Next(4) == 0,
                        OnFire = random.Next(4) switch { 2 => TimerAction.Clear, 3 => TimerAction.Refresh, _ => TimerAction.None },
                        Target = random.Next(model.Count + 1),
                    };
                    world.Start(timer);
                    timer.Due = now + timer.Delay;
                    timer.Sequence = ++sequence;
                    timer.Active = true;
                    model.Add(timer);
                    break;
                case 2 when anyOpen:
                    int refreshed = PickOpen(model, random);
                    world.Timers[refreshed].Refresh();
                    Restart(model[refreshed], now, ref sequence);
                    break;
                case 3 when anyOpen:
                    int cleared = PickOpen(model, random);
                    loop.ClearTimeout(world.Timers[cleared]);
                    model[cleared].Cleared = true;
                    model[cleared].Active = false;
                    break;
                default:
                    int advance = random.Next(0, 6);
                    clock.Advance(advance);
                    now += advance;
                    loop.Run(RunMode.NoWait);
                    foreach (ModelTimer due in model.Where(m => m.Active && m.Due <= now).OrderBy(m => m.Due).ThenBy(m => m.Sequence).ToList())
                    {
                        if (!due.Active || due.Due > now)
                        {
                            continue; // cleared or refreshed by an earlier callback of this pass
                        }

                        expected.Add(model.IndexOf(due));
                        if (due.Repeat)
                        {
                            Restart(due, now, ref sequence);
                        }
                        else
                        {
                            due.Active = false;
                        }

                        ModelTimer target = model[due.Target];
                        if (due.OnFire == TimerAction.Clear && !target.Cleared)
                        {
                            target.Cleared = true;
                            target.Active = false;
                        }
                        else if (due.OnFire == TimerAction.Refresh && !target.Cleared)
                        {
                            Restart(target, now, ref sequence);
                        }
                    }

                    break;
            }
        }

        Assert.Equal(expected, world.Fired);
        Assert.True(world.Fired.Count > 100, $"only {world.Fired.Count} timers fired");
        world.Timers.ForEach(t => t.Dispose());
        Assert.False(loop.Run());
    }

    [Fact]
    public void Timers_spread_over_time_fire_in_due_order()
    {
        // L6 (libuv timer): many timers with scattered delays fire sorted by due time, ties by start order.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var fired = new List<(long Due, int Index)>();
        var random = new Random(1234);
        for (int i = 0; i < 500; i++)
        {
            int delay = random.Next(1, 100);
            loop.SetTimeout(static (state) => state.Fired.Add((state.Due, state.Index)), (Fired: fired, Due: (long)delay, Index: i), delay);
        }

        while (loop.Run(RunMode.NoWait))
        {
            clock.Advance(1);
        }

        Assert.Equal(500, fired.Count);
        Assert.Equal(fired.OrderBy(f => f.Due).ThenBy(f => f.Index), fired);
    }

    private static int PickOpen(List<ModelTimer> model, Random random)
    {
        int[] open = Enumerable.Range(0, model.Count).Where(i => !model[i].Cleared).ToArray();
        return open[random.Next(open.Length)];
    }

    private static void Restart(ModelTimer timer, long now, ref long sequence)
    {
        timer.Due = now + timer.Delay;
        timer.Sequence = ++sequence;
        timer.Active = true;
    }

    private enum TimerAction
    {
        None,
        Clear,
        Refresh,
    }

    /// <summary>What the model knows of one timer, and what its callback does to another (or itself) when it fires.</summary>
    private sealed class ModelTimer
    {
        public long Delay { get; init; }

        public bool Repeat { get; init; }

        public TimerAction OnFire { get; init; }

        public int Target { get; init; }

        public long Due { get; set; }

        public long Sequence { get; set; }

        public bool Active { get; set; }

        public bool Cleared { get; set; }
    }

    /// <summary>The real timers: each callback records its id, then clears or refreshes its target as planned.</summary>
    private sealed class TimerWorld(EventLoop loop)
    {
        public List<Timer> Timers { get; } = [];

        public List<int> Fired { get; } = [];

        public void Start(ModelTimer plan)
        {
            var state = (World: this, Id: Timers.Count, Plan: plan);
            Timers.Add(plan.Repeat
                ? loop.SetInterval(static s => s.World.Fire(s.Id, s.Plan), state, plan.Delay)
                : loop.SetTimeout(static s => s.World.Fire(s.Id, s.Plan), state, plan.Delay));
        }

        private void Fire(int id, ModelTimer plan)
        {
            Fired.Add(id);
            Timer target = Timers[plan.Target];
            if (plan.OnFire == TimerAction.Clear)
            {
                loop.ClearTimeout(target);
            }
            else if (plan.OnFire == TimerAction.Refresh && !target.IsClosing)
            {
                target.Refresh();
            }
        }
    }
}
