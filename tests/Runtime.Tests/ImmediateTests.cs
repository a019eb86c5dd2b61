using System.Diagnostics;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>SetImmediate: the check phase, clearing, ordering against timers (Node's test-timers-immediate*, -immediate-queue).</summary>
public sealed class ImmediateTests
{
    [Fact]
    public void Immediates_run_in_the_order_they_were_queued()
    {
        // N6
        using var loop = new EventLoop();
        var order = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            loop.SetImmediate(static (state) => state.Order.Add(state.Index), (Order: order, Index: i));
        }

        Assert.False(loop.Run());

        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public void Immediates_queued_while_immediates_run_wait_for_the_next_iteration()
    {
        // N6 (Node test-timers-immediate-queue): one check phase runs only what was queued before it began.
        using var loop = new EventLoop();
        const int Queued = 1000;
        int ran = 0;
        int requeuedRan = 0;
        for (int i = 0; i < Queued; i++)
        {
            loop.SetImmediate(() =>
            {
                ran++;
                loop.SetImmediate(() => requeuedRan++);
            });
        }

        Assert.True(loop.Run(RunMode.NoWait));
        Assert.Equal(Queued, ran);
        Assert.Equal(0, requeuedRan);

        Assert.False(loop.Run(RunMode.NoWait));
        Assert.Equal(Queued, requeuedRan);
    }

    [Fact]
    public void Clearing_an_immediate_before_it_runs_skips_it()
    {
        // N6
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetImmediate(() => order.Add("kept"));
        Immediate cleared = loop.SetImmediate(() => order.Add("cleared"));

        loop.ClearImmediate(cleared);

        Assert.False(cleared.IsPending);
        Assert.False(loop.Run());
        Assert.Equal(["kept"], order);
    }

    [Fact]
    public void Clearing_an_immediate_from_an_earlier_immediate_of_the_same_check_phase_skips_it()
    {
        // N6
        using var loop = new EventLoop();
        var order = new List<string>();
        Immediate second = default;
        loop.SetImmediate(() =>
        {
            order.Add("first");
            second.Clear();
        });
        second = loop.SetImmediate(() => order.Add("second"));
        loop.SetImmediate(() => order.Add("third"));

        Assert.False(loop.Run());

        Assert.Equal(["first", "third"], order);
    }

    [Fact]
    public void Clearing_an_immediate_from_a_tick_inside_the_same_check_phase_skips_it()
    {
        // N6, N4: the tick drains between the two immediates and its clear still counts.
        using var loop = new EventLoop();
        var order = new List<string>();
        Immediate second = default;
        loop.SetImmediate(() =>
        {
            order.Add("first");
            loop.NextTick(() =>
            {
                order.Add("tick");
                loop.ClearImmediate(second);
            });
        });
        second = loop.SetImmediate(() => order.Add("second"));

        Assert.False(loop.Run());

        Assert.Equal(["first", "tick"], order);
    }

    [Fact]
    public void Ticks_and_microtasks_drain_between_two_immediates()
    {
        // N4 (Node test-timers-immediate): each immediate sees the previous one's ticks and microtasks done.
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetImmediate(() =>
        {
            order.Add("immediate 1");
            loop.QueueMicrotask(() => order.Add("microtask"));
            loop.NextTick(() => order.Add("tick"));
        });
        loop.SetImmediate(() => order.Add("immediate 2"));

        loop.Run();

        Assert.Equal(["immediate 1", "tick", "microtask", "immediate 2"], order);
    }

    [Fact]
    public void Immediate_is_pending_and_ref_d_until_it_runs()
    {
        // N6, L1: a queued immediate keeps the loop alive; afterwards the value stays valid and inert.
        using var loop = new EventLoop();
        Immediate immediate = loop.SetImmediate(() => { });
        Assert.True(immediate.IsPending);
        Assert.True(immediate.HasRef);
        Assert.True(loop.IsAlive);

        Assert.False(loop.Run());

        Assert.False(immediate.IsPending);
        Assert.False(immediate.HasRef);
        immediate.Clear();
        immediate.Unref();
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Unref_d_immediate_alone_lets_Run_return_without_running_it()
    {
        // N6, L2: unref'd immediates do not keep the loop alive.
        using var loop = new EventLoop();
        int ran = 0;
        Immediate immediate = loop.SetImmediate(() => ran++).Unref();

        Assert.False(immediate.HasRef);
        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
        Assert.Equal(0, ran);

        immediate.Ref();
        Assert.False(loop.Run());
        Assert.Equal(1, ran);
    }

    [Fact]
    public void Unref_d_immediate_still_runs_when_the_loop_reaches_the_check_phase()
    {
        // N6, L2: an unref'd immediate runs while something else keeps the loop going.
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetImmediate(() => order.Add("unref'd")).Unref();
        loop.SetImmediate(() => order.Add("ref'd"));

        Assert.False(loop.Run());

        Assert.Equal(["unref'd", "ref'd"], order);
    }

    [Fact]
    public void Ref_d_immediate_keeps_the_poll_from_blocking_on_a_distant_timer()
    {
        // N6, L4: with a ref'd immediate queued, Run(Once) polls with timeout 0.
        using var loop = new EventLoop();
        int ran = 0;
        Timer distant = loop.SetTimeout(() => { }, 60_000);
        loop.SetImmediate(() => ran++);
        var stopwatch = Stopwatch.StartNew();

        Assert.True(loop.Run(RunMode.Once));

        Assert.Equal(1, ran);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"Run(Once) blocked for {stopwatch.Elapsed}");
        distant.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Immediate_set_in_an_io_callback_runs_before_a_zero_timeout()
    {
        // N7: from the poll phase, the check phase comes before the next timers phase.
        using var loop = new EventLoop();
        var order = new List<string>();
        AsyncHandle? io = null;
        io = new AsyncHandle(loop, () =>
        {
            loop.SetTimeout(() => order.Add("timeout"), 0);
            loop.SetImmediate(() => order.Add("immediate"));
            io!.Close();
        });
        io.Send();

        Assert.False(loop.Run());

        Assert.Equal(["immediate", "timeout"], order);
    }

    [Fact]
    public void Immediate_set_in_a_work_completion_runs_before_a_zero_timeout()
    {
        // N7: a pool completion arrives in the poll phase like any I/O callback.
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.QueueWork(
            () => { },
            _ =>
            {
                loop.SetTimeout(() => order.Add("timeout"), 0);
                loop.SetImmediate(() => order.Add("immediate"));
            });

        Assert.False(loop.Run());

        Assert.Equal(["immediate", "timeout"], order);
    }

    [Fact]
    public void Immediate_queued_by_a_timer_runs_before_the_next_timers_pass()
    {
        // N6, L3: check comes after timers within the following iteration.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var order = new List<string>();
        loop.SetTimeout(
            () =>
            {
                order.Add("timer");
                loop.SetImmediate(() => order.Add("immediate"));
                loop.SetTimeout(() => order.Add("next timer"), 1);
            },
            1);

        clock.Advance(1);
        loop.Run(RunMode.NoWait);
        clock.Advance(1);
        loop.Run(RunMode.NoWait);

        Assert.Equal(["timer", "immediate", "next timer"], order);
    }

    [Fact]
    public void Clearing_an_immediate_that_already_ran_does_not_touch_later_immediates()
    {
        // N6: a stale Immediate value never cancels another immediate.
        using var loop = new EventLoop();
        var log = new List<string>();
        Immediate first = loop.SetImmediate(() => log.Add("first"));
        loop.Run();

        Immediate second = loop.SetImmediate(() => log.Add("second"));
        first.Clear();
        first.Unref();

        Assert.True(second.IsPending);
        Assert.True(second.HasRef);
        Assert.NotEqual(first, second);
        Assert.False(loop.Run());
        Assert.Equal(["first", "second"], log);
    }

    [Fact]
    public void Clearing_an_unref_d_immediate_leaves_the_loop_s_count_right()
    {
        // N6, L1: ref bookkeeping survives unref, ref and clear in any order.
        using var loop = new EventLoop();
        int ran = 0;
        Immediate a = loop.SetImmediate(() => ran++).Unref();
        Immediate b = loop.SetImmediate(() => ran++);
        a.Clear();
        a.Ref();
        b.Unref();
        b.Unref();
        Assert.False(loop.IsAlive);

        b.Ref();
        Assert.True(loop.IsAlive);
        b.Clear();
        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
        Assert.Equal(0, ran);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_sets_clears_refs_and_unrefs_match_a_fifo_model(int seed)
    {
        // N6, L1, L2: run order, pending state and aliveness follow a plain FIFO model, across queue growth and wrap.
        using var loop = new EventLoop();
        var random = new Random(seed);
        var ran = new List<int>();
        var expected = new List<int>();
        var handles = new List<Immediate>();
        var model = new List<(bool Pending, bool Ref)>();
        for (int step = 0; step < 3000; step++)
        {
            int pick = handles.Count == 0 ? 0 : random.Next(handles.Count);
            switch (random.Next(10))
            {
                case < 4:
                    handles.Add(loop.SetImmediate(static s => s.Ran.Add(s.Id), (Ran: ran, Id: handles.Count)));
                    model.Add((true, true));
                    break;
                case 4 when handles.Count > 0:
                    handles[pick].Clear();
                    model[pick] = (false, false);
                    break;
                case 5 when handles.Count > 0:
                    handles[pick].Unref();
                    model[pick] = model[pick] with { Ref = false };
                    break;
                case 6 when handles.Count > 0:
                    handles[pick].Ref();
                    model[pick] = model[pick] with { Ref = model[pick].Pending };
                    break;
                case 7 or 8 or 9:
                    bool alive = model.Any(m => m.Pending && m.Ref);
                    Assert.Equal(alive, loop.IsAlive);
                    loop.Run(RunMode.NoWait);
                    if (alive)
                    {
                        for (int id = 0; id < model.Count; id++)
                        {
                            if (model[id].Pending)
                            {
                                expected.Add(id);
                                model[id] = (false, false);
                            }
                        }
                    }

                    break;
            }

            if (handles.Count > 0)
            {
                Assert.Equal(model[pick].Pending, handles[pick].IsPending);
                Assert.Equal(model[pick].Ref, handles[pick].HasRef);
            }
        }

        Assert.Equal(expected, ran);
        Assert.True(ran.Count > 500, $"only {ran.Count} immediates ran");
    }

    [Fact]
    public void Default_Immediate_value_is_inert()
    {
        // N6: a default value denotes no immediate; its members do nothing.
        Immediate none = default;

        none.Clear();
        Assert.Equal(none, none.Ref().Unref());
        Assert.False(none.IsPending);
        Assert.False(none.HasRef);
    }
}
