using System.Runtime.CompilerServices;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Steady state allocates nothing: firing timers and intervals, running immediates, ticks, microtasks and
/// check/prepare/idle callbacks with the state overloads. Measured on the loop thread around Run calls.
/// </summary>
public sealed class AllocationTests
{
    private const int WarmUpRounds = 300;
    private const int MeasuredRounds = 1000;
    private const int Windows = 3;

    [Fact]
    public void Firing_intervals_allocates_nothing()
    {
        // L7: re-arming an interval reuses its node and its state.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var counter = new Counter();
        var intervals = Enumerable.Range(0, 10).Select(_ => loop.SetInterval(static c => c.Count++, counter, 1)).ToList();

        (long allocated, int rounds) = AllocatedBySteadyState(() =>
        {
            clock.Advance(1);
            loop.Run(RunMode.NoWait);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(10 * rounds, counter.Count);
        intervals.ForEach(i => i.Close());
        loop.Run();
    }

    [Fact]
    public void Firing_refreshed_timeouts_allocates_nothing()
    {
        // L6: a refreshed timeout goes back in the queue without a new node.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var counter = new Counter();
        var timeouts = Enumerable.Range(0, 10).Select(_ => loop.SetTimeout(static c => c.Count++, counter, 1)).ToArray();

        (long allocated, int rounds) = AllocatedBySteadyState(() =>
        {
            foreach (Timer timeout in timeouts)
            {
                timeout.Refresh();
            }

            clock.Advance(1);
            loop.Run(RunMode.NoWait);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(10 * rounds, counter.Count);
    }

    [Fact]
    public void Setting_and_clearing_a_sockets_idle_timeout_allocates_nothing()
    {
        // Node net setTimeout: an HTTP server sets and clears a connection's timeout around every request; the socket
        // keeps one timer for it, stopped and re-armed, not made anew.
        using var loop = new EventLoop();
        var server = new Net.TcpServer(loop).Listen(0);
        Net.TcpSocket socket = Net.TcpSocket.Connect(loop, server.LocalEndPoint!.Port);

        (long allocated, _) = AllocatedBySteadyState(() => socket.SetTimeout(5000).SetTimeout(0).SetTimeout(60000));

        Assert.Equal(0, allocated);
        Assert.Equal(60000, socket.Timeout);
        socket.Destroy();
        server.Close();
        loop.Run();
    }

    [Fact]
    public void Running_immediates_with_reference_state_allocates_nothing()
    {
        // N6: the queue holds callbacks by value.
        using var loop = new EventLoop();
        var counter = new Counter();

        (long allocated, int rounds) = AllocatedBySteadyState(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                loop.SetImmediate(static c => c.Count++, counter);
            }

            loop.Run(RunMode.NoWait);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(100 * rounds, counter.Count);
    }

    [Fact]
    public void Running_immediates_with_value_state_allocates_nothing()
    {
        // N6: value-type state travels in pooled boxes.
        using var loop = new EventLoop();
        var counter = new Counter();

        (long allocated, int rounds) = AllocatedBySteadyState(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                loop.SetImmediate(static state => state.Counter.Count += state.Step, (Counter: counter, Step: 2));
            }

            loop.Run(RunMode.NoWait);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(200 * rounds, counter.Count);
    }

    [Fact]
    public void Running_ticks_and_microtasks_allocates_nothing()
    {
        // N1, N3: both queues are ring buffers that only grow.
        using var loop = new EventLoop();
        var state = new TickState(loop);

        (long allocated, int rounds) = AllocatedBySteadyState(() =>
        {
            loop.SetImmediate(
                static s =>
                {
                    for (int i = 0; i < 50; i++)
                    {
                        s.Loop.NextTick(static t => t.Ticks++, s);
                        s.Loop.QueueMicrotask(static t => t.Microtasks++, s);
                    }
                },
                state);
            loop.Run(RunMode.NoWait);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(50 * rounds, state.Ticks);
        Assert.Equal(50 * rounds, state.Microtasks);
    }

    [Fact]
    public void Running_idle_prepare_and_check_callbacks_allocates_nothing()
    {
        // L9: a phase runs its handles from a reused snapshot.
        using var loop = new EventLoop();
        var counter = new Counter();
        var handles = new PhaseHandle[] { new IdleHandle(loop), new PrepareHandle(loop), new CheckHandle(loop) };
        foreach (PhaseHandle handle in handles)
        {
            handle.Start(static c => c.Count++, counter);
        }

        (long allocated, int rounds) = AllocatedBySteadyState(() => loop.Run(RunMode.NoWait));

        Assert.Equal(0, allocated);
        Assert.Equal(3 * rounds, counter.Count);
        foreach (PhaseHandle handle in handles)
        {
            handle.Close();
        }

        loop.Run();
    }

    /// <summary>
    /// Runs <paramref name="round"/> until warm, then returns the least that <see cref="MeasuredRounds"/> further rounds
    /// allocated on this thread, over at most <see cref="Windows"/> windows, and how many rounds ran in all: code that
    /// allocates per round allocates in every window, while the runtime's own one-off work (seen once under heavy
    /// load, with the two test assemblies running at once) lands in one at most.
    /// </summary>
    /// <remarks>Fully optimized from the start, so no tiering or on-stack replacement happens in this method.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (long Allocated, int Rounds) AllocatedBySteadyState(Action round)
    {
        for (int i = 0; i < WarmUpRounds; i++)
        {
            round();
        }

        long least = long.MaxValue;
        int rounds = WarmUpRounds;
        for (int window = 0; window < Windows && least > 0; window++, rounds += MeasuredRounds)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < MeasuredRounds; i++)
            {
                round();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return (least, rounds);
    }

    private sealed class Counter
    {
        public int Count { get; set; }
    }

    private sealed class TickState(EventLoop loop)
    {
        public EventLoop Loop { get; } = loop;

        public int Ticks { get; set; }

        public int Microtasks { get; set; }
    }
}
