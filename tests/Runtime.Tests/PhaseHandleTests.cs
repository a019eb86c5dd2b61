using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>Idle, prepare and check handles (libuv's idle test and the L9 rules).</summary>
public sealed class PhaseHandleTests
{
    public static TheoryData<string> Kinds => new() { "idle", "prepare", "check" };

    private static PhaseHandle Create(EventLoop loop, string kind) => kind switch
    {
        "idle" => new IdleHandle(loop),
        "prepare" => new PrepareHandle(loop),
        _ => new CheckHandle(loop),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Handles_of_a_phase_run_in_start_order(string kind)
    {
        // L9
        using var loop = new EventLoop();
        var order = new List<int>();
        var handles = new List<PhaseHandle>();
        for (int i = 0; i < 20; i++)
        {
            PhaseHandle handle = Create(loop, kind);
            handle.Start(static (state) => state.Order.Add(state.Index), (Order: order, Index: i));
            handles.Add(handle);
        }

        handles[1].Stop();
        handles[1].Start(static (state) => state.Order.Add(state.Index), (Order: order, Index: 1));

        loop.Run(RunMode.NoWait);
        Assert.Equal([0, .. Enumerable.Range(2, 18), 1], order);
        handles.ForEach(h => h.Close());
        Assert.False(loop.Run());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Handle_started_during_its_phase_waits_for_the_next_iteration(string kind)
    {
        // L9
        using var loop = new EventLoop();
        var log = new List<string>();
        PhaseHandle late = Create(loop, kind);
        PhaseHandle first = Create(loop, kind);
        first.Start(() =>
        {
            log.Add("first");
            if (!late.IsActive)
            {
                late.Start(() => log.Add("late"));
            }
        });

        loop.Run(RunMode.NoWait);
        Assert.Equal(["first"], log);

        loop.Run(RunMode.NoWait);
        Assert.Equal(["first", "first", "late"], log);
        first.Close();
        late.Close();
        Assert.False(loop.Run());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Handle_stopped_during_its_phase_does_not_run_in_it(string kind)
    {
        // L9
        using var loop = new EventLoop();
        var log = new List<string>();
        PhaseHandle? second = null;
        PhaseHandle first = Create(loop, kind);
        first.Start(() =>
        {
            log.Add("first");
            second!.Stop();
        });
        second = Create(loop, kind);
        second.Start(() => log.Add("second"));

        loop.Run(RunMode.NoWait);

        Assert.Equal(["first"], log);
        first.Close();
        second.Close();
        Assert.False(loop.Run());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Handle_restarted_during_its_phase_waits_for_the_next_iteration(string kind)
    {
        // L9: a restart is a new start.
        using var loop = new EventLoop();
        var log = new List<string>();
        PhaseHandle? second = null;
        PhaseHandle first = Create(loop, kind);
        first.Start(() =>
        {
            log.Add("first");
            second!.Start(() => log.Add("second, restarted"));
        });
        second = Create(loop, kind);
        second.Start(() => log.Add("second"));

        loop.Run(RunMode.NoWait);
        Assert.Equal(["first"], log);

        first.Stop();
        loop.Run(RunMode.NoWait);
        Assert.Equal(["first", "second, restarted"], log);
        first.Close();
        second.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Idle_prepare_and_check_run_in_phase_order_every_iteration()
    {
        // L3, L9
        using var loop = new EventLoop();
        var log = new List<string>();
        var check = new CheckHandle(loop);
        var prepare = new PrepareHandle(loop);
        var idle = new IdleHandle(loop);
        check.Start(() => log.Add("check"));
        prepare.Start(() => log.Add("prepare"));
        idle.Start(() => log.Add("idle"));

        loop.Run(RunMode.NoWait);
        loop.Run(RunMode.NoWait);

        Assert.Equal(["idle", "prepare", "check", "idle", "prepare", "check"], log);
        check.Close();
        prepare.Close();
        idle.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Immediates_run_before_check_handles()
    {
        // L3, N6: immediates are the first thing the check phase runs.
        using var loop = new EventLoop();
        var log = new List<string>();
        var check = new CheckHandle(loop);
        check.Start(() => log.Add("check handle"));
        loop.SetImmediate(() => log.Add("immediate"));

        loop.Run(RunMode.NoWait);

        Assert.Equal(["immediate", "check handle"], log);
        check.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Idle_handle_runs_every_iteration_until_stopped()
    {
        // L9, L4 (libuv idle): the idle callback runs each iteration and the poll never blocks meanwhile.
        using var loop = new EventLoop();
        int idleCalls = 0;
        int checkCalls = 0;
        var idle = new IdleHandle(loop);
        var check = new CheckHandle(loop);
        check.Start(() => checkCalls++);
        idle.Start(() =>
        {
            if (++idleCalls == 5)
            {
                idle.Stop();
                check.Stop();
            }
        });

        Assert.False(loop.Run());

        Assert.Equal(5, idleCalls);
        Assert.Equal(4, checkCalls);
    }

    [Fact]
    public void Restarting_replaces_the_callback()
    {
        // L9
        using var loop = new EventLoop();
        var log = new List<string>();
        var prepare = new PrepareHandle(loop);
        prepare.Start(() => log.Add("old"));
        prepare.Start(() => log.Add("new"));

        loop.Run(RunMode.NoWait);

        Assert.Equal(["new"], log);
        prepare.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Stopping_a_stopped_handle_is_harmless()
    {
        // L9
        using var loop = new EventLoop();
        var idle = new IdleHandle(loop);
        idle.Stop();
        idle.Start(() => { });
        idle.Stop();
        idle.Stop();

        Assert.False(loop.IsAlive);
        idle.Close();
        idle.Stop();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Ticks_drain_after_each_phase_handle_callback()
    {
        // N2: check/prepare/idle callbacks are callbacks from the outside.
        using EventLoop loop = Loops.WithClock(out _);
        var log = new List<string>();
        var first = new PrepareHandle(loop);
        var second = new PrepareHandle(loop);
        first.Start(() =>
        {
            log.Add("first");
            loop.QueueMicrotask(() => log.Add("microtask"));
        });
        second.Start(() => log.Add("second"));

        loop.Run(RunMode.NoWait);

        Assert.Equal(["first", "microtask", "second"], log);
        first.Close();
        second.Close();
        Assert.False(loop.Run());
    }
}
