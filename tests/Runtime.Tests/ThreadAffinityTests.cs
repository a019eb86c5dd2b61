using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>Loop APIs belong to the loop thread; Post, Stop and AsyncHandle.Send work from anywhere.</summary>
public sealed class ThreadAffinityTests
{
    private static readonly Dictionary<string, Action<Fixture>> LoopThreadOnly = new()
    {
        ["SetTimeout"] = f => f.Loop.SetTimeout(() => { }, 1),
        ["SetInterval"] = f => f.Loop.SetInterval(static (_) => { }, 0, 1),
        ["SetImmediate"] = f => f.Loop.SetImmediate(() => { }),
        ["NextTick"] = f => f.Loop.NextTick(() => { }),
        ["QueueMicrotask"] = f => f.Loop.QueueMicrotask(() => { }),
        ["QueueWork"] = f => f.Loop.QueueWork(() => { }, _ => { }),
        ["Fs.ReadFile"] = f => f.Loop.Fs.ReadFile("file", (_, _) => { }),
        ["UpdateTime"] = f => f.Loop.UpdateTime(),
        ["ClearTimeout"] = f => f.Loop.ClearTimeout(f.Timer),
        ["Timer.Refresh"] = f => f.Timer.Refresh(),
        ["new CheckHandle"] = f => _ = new CheckHandle(f.Loop),
        ["new AsyncHandle"] = f => _ = new AsyncHandle(f.Loop, () => { }),
        ["PhaseHandle.Start"] = f => f.Check.Start(() => { }),
        ["PhaseHandle.Stop"] = f => f.Check.Stop(),
        ["Handle.Ref"] = f => f.Timer.Ref(),
        ["Handle.Unref"] = f => f.Timer.Unref(),
        ["Handle.Close"] = f => f.Check.Close(),
        ["Immediate.Clear"] = f => f.Immediate.Clear(),
        ["Immediate.IsPending"] = f => _ = f.Immediate.IsPending,
        ["WorkRequest.Cancel"] = f => f.Work.Cancel(),
        ["Dispose"] = f => f.Loop.Dispose(),
    };

    public static TheoryData<string> LoopThreadOnlyCalls => new(LoopThreadOnly.Keys);

    [Theory]
    [MemberData(nameof(LoopThreadOnlyCalls))]
    public void Call_from_another_thread_throws_InvalidOperationException_naming_Post(string call)
    {
        // L13 and DESIGN thread affinity: the loop is single-threaded; the error names the fix.
        using EventLoop loop = PoolBlocker.LoopWithBusyPool(out PoolBlocker blocker, new ManualClock());
        var fixture = new Fixture(loop);

        Exception? error = Threads.OnAnotherThread(() => LoopThreadOnly[call](fixture));

        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("Post", invalid.Message);
        fixture.Close();
        blocker.Release();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Post_Stop_and_Send_work_from_any_thread()
    {
        // L5, L11: the three thread-safe entry points.
        using var loop = new EventLoop();
        var log = new List<string>();
        var async = new AsyncHandle(loop, () => log.Add("send"));

        Exception? error = Threads.OnAnotherThread(() =>
        {
            loop.Post(() => log.Add("post"));
            loop.Post(static (list) => list.Add("post with state"), log);
            async.Send();
            loop.Stop();
        });

        Assert.Null(error);
        Assert.True(loop.Run());
        Assert.Empty(log);
        loop.Run(RunMode.NoWait);
        Assert.Equal(["post", "post with state", "send"], log);
        async.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Run_from_another_thread_while_the_loop_runs_throws()
    {
        // L13
        using var loop = new EventLoop();
        Exception? error = null;
        loop.SetImmediate(() => error = Threads.OnAnotherThread(() => loop.Run()));

        loop.Run();

        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("Post", invalid.Message);
    }

    [Fact]
    public void Run_on_another_thread_moves_the_loop_to_that_thread()
    {
        // L13: the loop belongs to the thread that last ran it.
        using var loop = new EventLoop();
        int ranOn = -1;
        int otherThread = -1;

        Exception? error = Threads.OnAnotherThread(() =>
        {
            otherThread = Environment.CurrentManagedThreadId;
            loop.SetImmediate(() => ranOn = Environment.CurrentManagedThreadId);
        });
        Assert.IsType<InvalidOperationException>(error);

        Assert.Null(Threads.OnAnotherThread(() =>
        {
            otherThread = Environment.CurrentManagedThreadId;
            loop.Run();
            loop.SetImmediate(() => ranOn = Environment.CurrentManagedThreadId);
            loop.Run();
        }));
        Assert.Equal(otherThread, ranOn);
        Assert.IsType<InvalidOperationException>(Record.Exception(() => loop.SetImmediate(() => { })));

        loop.Run();
        loop.SetImmediate(() => ranOn = Environment.CurrentManagedThreadId);
        loop.Run();
        Assert.Equal(Environment.CurrentManagedThreadId, ranOn);
    }

    /// <summary>One live object of each kind, created on the loop thread for calls from another thread.</summary>
    private sealed class Fixture
    {
        public Fixture(EventLoop loop)
        {
            Loop = loop;
            Timer = loop.SetTimeout(() => { }, 10);
            Check = new CheckHandle(loop);
            Check.Start(() => { });
            Immediate = loop.SetImmediate(() => { });
            Work = loop.QueueWork(() => { }, _ => { });
        }

        public EventLoop Loop { get; }

        public Timer Timer { get; }

        public CheckHandle Check { get; }

        public Immediate Immediate { get; }

        public WorkRequest Work { get; }

        public void Close()
        {
            Timer.Dispose();
            Check.Dispose();
            Immediate.Clear();
        }
    }
}
