namespace Loopwire.Tests;

/// <summary>NextTick: FIFO, draining after each callback, before microtasks (Node's test-next-tick-*).</summary>
public sealed class NextTickTests
{
    [Fact]
    public void Ticks_and_microtasks_queued_before_Run_run_first_as_after_a_main_script()
    {
        // N2: code before Run is the main program; its queues drain before any phase, then the check phase runs
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetImmediate(() => order.Add("immediate"));
        loop.QueueMicrotask(() => order.Add("microtask"));
        loop.NextTick(() => order.Add("tick"));

        Assert.False(loop.Run());
        Assert.Equal(["tick", "microtask", "immediate"], order);
    }

    [Fact]
    public void A_tick_queued_before_Run_runs_even_when_nothing_else_keeps_the_loop_alive()
    {
        // N2, L1: the tick runs as Run starts; what it starts then keeps the loop running
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.NextTick(() =>
        {
            order.Add("tick");
            loop.SetImmediate(() => order.Add("immediate set by the tick"));
        });

        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
        Assert.Equal(["tick", "immediate set by the tick"], order);
    }

    [Fact]
    public void Ticks_run_in_fifo_order()
    {
        // N1
        using var loop = new EventLoop();
        var order = new List<int>();
        loop.SetImmediate(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                loop.NextTick(static (state) => state.Order.Add(state.Index), (Order: order, Index: i));
            }
        });

        loop.Run();

        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public void Tick_queued_from_a_tick_runs_in_the_same_drain()
    {
        // N1 (Node test-next-tick-ordering): nested ticks go to the back of the queue but before any other phase work.
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetImmediate(() =>
        {
            loop.NextTick(() =>
            {
                order.Add("a");
                loop.NextTick(() => order.Add("c"));
            });
            loop.NextTick(() => order.Add("b"));
        });
        loop.SetImmediate(() => order.Add("next immediate"));

        loop.Run();

        Assert.Equal(["a", "b", "c", "next immediate"], order);
    }

    [Fact]
    public void Ticks_run_before_microtasks_queued_earlier()
    {
        // N2: all ticks first, then microtasks.
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetImmediate(() =>
        {
            loop.QueueMicrotask(() => order.Add("microtask"));
            loop.NextTick(() => order.Add("tick"));
        });

        loop.Run();

        Assert.Equal(["tick", "microtask"], order);
    }

    [Fact]
    public void Drain_alternates_ticks_and_microtasks_until_both_are_empty()
    {
        // N2: a tick queued by a microtask runs once the microtask queue is empty, within the same drain.
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetImmediate(() =>
        {
            loop.NextTick(() =>
            {
                order.Add("tick 1");
                loop.QueueMicrotask(() =>
                {
                    order.Add("microtask 1");
                    loop.NextTick(() =>
                    {
                        order.Add("tick 2");
                        loop.QueueMicrotask(() => order.Add("microtask 3"));
                    });
                    loop.QueueMicrotask(() => order.Add("microtask 2"));
                });
            });
        });
        loop.SetImmediate(() => order.Add("next immediate"));

        loop.Run();

        Assert.Equal(["tick 1", "microtask 1", "microtask 2", "tick 2", "microtask 3", "next immediate"], order);
    }

    [Fact]
    public void Ticks_queued_by_the_main_program_run_before_timers_and_immediates()
    {
        // N2 (Node test-next-tick-ordering2): the main program is a callback; its ticks drain right after it.
        var order = new List<string>();

        int exitCode = EventLoop.RunMain(loop =>
        {
            loop.SetTimeout(() => order.Add("timeout"), 0);
            loop.SetImmediate(() => order.Add("immediate"));
            loop.NextTick(() => order.Add("tick"));
            order.Add("main");
        });

        Assert.Equal(0, exitCode);
        Assert.Equal(["main", "tick"], order.Take(2));
        Assert.Equal(4, order.Count);
    }

    [Fact]
    public void Tick_state_overload_passes_value_type_state()
    {
        // N1: the state overload carries structs without a closure.
        using var loop = new EventLoop();
        int sum = 0;
        loop.SetImmediate(() =>
        {
            for (int i = 1; i <= 100; i++)
            {
                loop.NextTick(value => sum += value, i);
            }
        });

        loop.Run();

        Assert.Equal(5050, sum);
    }

    [Fact]
    public void Many_recursive_ticks_all_run_in_one_drain()
    {
        // N1 (Node test-next-tick-intentional-starvation): ticks queued by ticks keep the drain going.
        using var loop = new EventLoop();
        int ticks = 0;
        bool immediateRan = false;
        int ticksWhenImmediateRan = -1;
        void Tick()
        {
            if (++ticks < 10_000)
            {
                loop.NextTick(Tick);
            }
        }

        loop.SetImmediate(() => loop.NextTick(Tick));
        loop.SetImmediate(() =>
        {
            immediateRan = true;
            ticksWhenImmediateRan = ticks;
        });

        loop.Run();

        Assert.True(immediateRan);
        Assert.Equal(10_000, ticksWhenImmediateRan);
    }

    [Fact]
    public void Fanned_out_ticks_and_microtasks_keep_fifo_order_while_their_queues_wrap_and_grow()
    {
        // N1, N3: each callback queues two more; FIFO means they run in breadth-first order, 0, 1, 2, ...
        using var loop = new EventLoop();
        const int Count = 5000;
        var ticks = new List<int>();
        var microtasks = new List<int>();
        void Tick(int id)
        {
            ticks.Add(id);
            for (int child = (2 * id) + 1; child <= (2 * id) + 2 && child < Count; child++)
            {
                loop.NextTick(Tick, child);
            }
        }

        void Microtask(int id)
        {
            microtasks.Add(id);
            for (int child = (2 * id) + 1; child <= (2 * id) + 2 && child < Count; child++)
            {
                loop.QueueMicrotask(Microtask, child);
            }
        }

        loop.SetImmediate(() =>
        {
            loop.NextTick(Tick, 0);
            loop.QueueMicrotask(Microtask, 0);
        });

        loop.Run();

        Assert.Equal(Enumerable.Range(0, Count), ticks);
        Assert.Equal(Enumerable.Range(0, Count), microtasks);
    }
}
