namespace Loopwire.Tests;

/// <summary>BeforeExit, Exit and RunMain's exit code (Node's process 'beforeExit'/'exit' and exit codes).</summary>
public sealed class ExitTests
{
    [Fact]
    public void BeforeExit_fires_once_when_the_loop_runs_out_of_work()
    {
        // N9
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.BeforeExit += () => log.Add("beforeExit");
        loop.SetImmediate(() => log.Add("immediate"));

        Assert.False(loop.Run());

        Assert.Equal(["immediate", "beforeExit"], log);
    }

    [Fact]
    public void Work_scheduled_by_BeforeExit_keeps_the_loop_going_and_BeforeExit_fires_again()
    {
        // N9
        using var loop = new EventLoop();
        var log = new List<string>();
        int beforeExits = 0;
        loop.BeforeExit += () =>
        {
            log.Add("beforeExit");
            if (++beforeExits < 3)
            {
                loop.SetTimeout(() => log.Add("timeout"), 1);
            }
        };

        Assert.False(loop.Run());

        Assert.Equal(["beforeExit", "timeout", "beforeExit", "timeout", "beforeExit"], log);
    }

    [Fact]
    public void Ticks_queued_by_BeforeExit_run_before_Run_returns()
    {
        // N2, N9: BeforeExit handlers are callbacks from the outside.
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.BeforeExit += () => loop.NextTick(() => log.Add("tick"));

        loop.Run();

        Assert.Equal(["tick"], log);
    }

    [Fact]
    public void BeforeExit_does_not_fire_when_Run_was_stopped()
    {
        // L5, N9: a stopped loop is not out of work.
        using var loop = new EventLoop();
        int beforeExits = 0;
        loop.BeforeExit += () => beforeExits++;
        var idle = new IdleHandle(loop);
        idle.Start(loop.Stop);

        Assert.True(loop.Run());

        Assert.Equal(0, beforeExits);
        idle.Close();
        loop.Run();
        Assert.Equal(1, beforeExits);
    }

    [Fact]
    public void Exit_fires_once_last_with_the_exit_code()
    {
        // N9
        var loop = new EventLoop();
        var log = new List<string>();
        loop.BeforeExit += () => log.Add("beforeExit");
        loop.Exit += code => log.Add($"exit {code}");
        loop.SetImmediate(() => loop.ExitCode = 7);
        loop.Run();

        loop.Dispose();
        loop.Dispose();

        Assert.Equal(["beforeExit", "exit 7"], log);
    }

    [Fact]
    public void RunMain_runs_main_then_the_loop_then_BeforeExit_then_Exit()
    {
        // N9: the script's order of events.
        var log = new List<string>();

        int exitCode = EventLoop.RunMain(loop =>
        {
            loop.BeforeExit += () => log.Add("beforeExit");
            loop.Exit += code => log.Add($"exit {code}");
            loop.SetTimeout(() => log.Add("timeout"), 1);
            log.Add("main");
        });

        Assert.Equal(0, exitCode);
        Assert.Equal(["main", "timeout", "beforeExit", "exit 0"], log);
    }

    [Fact]
    public void RunMain_returns_the_exit_code_the_script_set()
    {
        // N9
        int exitCode = EventLoop.RunMain(loop => loop.SetImmediate(() => loop.ExitCode = 3));

        Assert.Equal(3, exitCode);
    }

    [Fact]
    public void RunMain_returns_1_after_an_uncaught_exception_and_still_raises_Exit()
    {
        // N8, N9: as Node's process exit code 1; later callbacks do not run.
        var log = new List<string>();

        int exitCode = EventLoop.RunMain(loop =>
        {
            loop.Exit += code => log.Add($"exit {code}");
            loop.SetImmediate(() => throw new InvalidOperationException("uncaught"));
            loop.SetTimeout(() => log.Add("timeout"), 60_000);
        });

        Assert.Equal(1, exitCode);
        Assert.Equal(["exit 1"], log);
    }

    [Fact]
    public void RunMain_returns_1_when_main_itself_throws()
    {
        // N8
        Assert.Equal(1, EventLoop.RunMain(_ => throw new InvalidOperationException("main failed")));
    }

    [Fact]
    public void RunMain_with_a_handler_carries_on_and_returns_0()
    {
        // N8: a handled exception does not change the exit code.
        var log = new List<string>();

        int exitCode = EventLoop.RunMain(loop =>
        {
            loop.UncaughtException += e =>
            {
                log.Add($"handled {e.Message}");
                loop.SetTimeout(() => log.Add("timeout"), 1);
            };
            loop.SetImmediate(() => throw new InvalidOperationException("oops"));
        });

        Assert.Equal(0, exitCode);
        Assert.Equal(["handled oops", "timeout"], log);
    }

    [Fact]
    public void Async_RunMain_keeps_the_loop_alive_until_its_task_completes()
    {
        // L1, N9: the top-level await keeps the loop alive like a request.
        var log = new List<string>();

        int exitCode = EventLoop.RunMain(async loop =>
        {
            var fired = new TaskCompletionSource();
            loop.SetTimeout(fired.SetResult, 5);
            await fired.Task;
            log.Add("after timeout");
            await Task.Yield();
            log.Add("after yield");
        });

        Assert.Equal(0, exitCode);
        Assert.Equal(["after timeout", "after yield"], log);
    }

    [Fact]
    public void Async_RunMain_fault_is_uncaught_and_returns_1()
    {
        // N8
        int exitCode = EventLoop.RunMain(async loop =>
        {
            await loop.QueueWorkAsync(() => { });
            throw new InvalidOperationException("async main failed");
        });

        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Async_RunMain_with_an_already_completed_task_returns_0()
    {
        // N9: a main that never awaits still lets the loop finish.
        int exitCode = EventLoop.RunMain(_ => Task.CompletedTask);

        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Async_RunMain_with_an_already_faulted_task_returns_1()
    {
        // N8
        int exitCode = EventLoop.RunMain(_ => Task.FromException(new InvalidOperationException("failed before any await")));

        Assert.Equal(1, exitCode);
    }
}
