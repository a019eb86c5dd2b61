namespace Loopwire.Tests;

/// <summary>QueueMicrotask and await continuations: one FIFO queue (Node's test-microtask-queue-*, test-queue-microtask).</summary>
public sealed class MicrotaskTests
{
    [Fact]
    public void Microtasks_run_in_fifo_order()
    {
        // N3
        using var loop = new EventLoop();
        var order = new List<int>();
        loop.SetImmediate(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                loop.QueueMicrotask(static (state) => state.Order.Add(state.Index), (Order: order, Index: i));
            }
        });

        loop.Run();

        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public void Microtask_queued_from_a_microtask_runs_before_the_next_immediate()
    {
        // N3 (Node test-microtask-queue-run-immediate): the queue drains completely, including new entries.
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetImmediate(() =>
        {
            loop.QueueMicrotask(() =>
            {
                order.Add("microtask 1");
                loop.QueueMicrotask(() => order.Add("microtask 3"));
            });
            loop.QueueMicrotask(() => order.Add("microtask 2"));
        });
        loop.SetImmediate(() => order.Add("immediate 2"));

        loop.Run();

        Assert.Equal(["microtask 1", "microtask 2", "microtask 3", "immediate 2"], order);
    }

    [Fact]
    public void Microtasks_queued_by_a_timer_run_before_the_next_timer()
    {
        // N3, N4 (Node test-microtask-queue-integration): microtasks run before the next timer of the pass.
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetTimeout(
            () =>
            {
                order.Add("timer 1");
                loop.QueueMicrotask(() => order.Add("microtask"));
            },
            1);
        loop.SetTimeout(() => order.Add("timer 2"), 1);

        loop.Run();

        Assert.Equal(["timer 1", "microtask", "timer 2"], order);
    }

    [Fact]
    public void Await_continuations_on_the_loop_thread_share_the_microtask_queue()
    {
        // N3: an await continuation scheduled from the loop thread is a microtask, in FIFO order with QueueMicrotask.
        using var loop = new EventLoop();
        var order = new List<string>();

        async Task YieldThenLog()
        {
            await Task.Yield();
            order.Add("await continuation");
        }

        loop.SetImmediate(() =>
        {
            loop.QueueMicrotask(() => order.Add("microtask before"));
            _ = YieldThenLog();
            loop.QueueMicrotask(() => order.Add("microtask after"));
        });
        loop.SetImmediate(() => order.Add("next immediate"));

        loop.Run();

        Assert.Equal(["microtask before", "await continuation", "microtask after", "next immediate"], order);
    }

    [Fact]
    public void Tick_queued_from_a_microtask_runs_before_the_next_immediate()
    {
        // N3
        using var loop = new EventLoop();
        var order = new List<string>();
        loop.SetImmediate(() =>
        {
            order.Add("immediate 1");
            loop.QueueMicrotask(() =>
            {
                order.Add("microtask");
                loop.NextTick(() => order.Add("tick"));
            });
        });
        loop.SetImmediate(() => order.Add("immediate 2"));

        loop.Run();

        Assert.Equal(["immediate 1", "microtask", "tick", "immediate 2"], order);
    }

    [Fact]
    public void Microtasks_queued_by_the_main_program_run_before_the_loop_starts()
    {
        // N2, N3 (Node test-queue-microtask): the main program's microtasks run right after it, before timers.
        var order = new List<string>();

        EventLoop.RunMain(loop =>
        {
            loop.SetTimeout(() => order.Add("timeout"), 0);
            loop.QueueMicrotask(() => order.Add("microtask"));
            order.Add("main");
        });

        Assert.Equal(["main", "microtask", "timeout"], order);
    }

    [Fact]
    public void Microtask_state_overload_passes_its_state()
    {
        // N3
        using var loop = new EventLoop();
        var seen = new List<string>();
        loop.SetImmediate(() => loop.QueueMicrotask(static (list) => list.Add("state"), seen));

        loop.Run();

        Assert.Equal(["state"], seen);
    }
}
