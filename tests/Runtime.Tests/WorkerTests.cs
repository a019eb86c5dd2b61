using Loopwire.Tests.Support;
using Loopwire.Workers;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>worker_threads</c>: a program on its own thread and loop that shares only messages with its parent, each
/// delivered on its receiver's loop thread in the order sent; 'online', then 'message's, then 'exit' with the worker's
/// exit code ('error' first after an uncaught exception, N8); the worker keeps its parent's loop alive until it exits
/// unless unref'd (L1, L2), and a worker whose port listens runs until it is terminated.
/// </summary>
public sealed class WorkerTests
{
    [Fact]
    public void Messages_go_both_ways_in_order_on_each_loops_thread_and_exit_follows_the_workers_end()
    {
        using var loop = new EventLoop();
        int parentThread = Environment.CurrentManagedThreadId;
        var log = new List<string>();
        int? workerThread = null;
        var worker = new Worker(loop, (workerLoop, parent) =>
        {
            workerThread = Environment.CurrentManagedThreadId;
            parent.On.Message(message =>
            {
                parent.PostMessage($"{parent.WorkerData}: {message}");
                if (message is "last")
                {
                    parent.Close(); // the port no longer holds the worker's loop: it ends
                }
            });
            return Task.CompletedTask;
        }, workerData: "echo");
        worker.On.Online(() => log.Add("online"))
              .On.Message(message => log.Add($"message {message}, on the loop thread {Environment.CurrentManagedThreadId == parentThread}"))
              .On.Exit(code => log.Add($"exit {code}"));
        foreach (string message in new[] { "one", "two", "last" })
        {
            worker.PostMessage(message); // before the worker runs: they wait for it
        }

        Assert.False(loop.Run()); // the worker kept the loop alive until it exited

        Assert.Equal(
            ["online", "message echo: one, on the loop thread True", "message echo: two, on the loop thread True",
             "message echo: last, on the loop thread True", "exit 0"],
            log);
        Assert.NotEqual(parentThread, workerThread);
        Assert.Equal(0, worker.ExitCode);
        Assert.True(worker.ThreadId > 0);
    }

    [Fact]
    public void A_worker_whose_port_listens_runs_until_terminated_and_then_exits_with_1()
    {
        LoopPrograms.Run(async loop =>
        {
            var worker = new Worker(loop, (_, parent) =>
            {
                parent.On.Message(_ => parent.PostMessage("ready"));
                return Task.CompletedTask;
            });
            var ready = new TaskCompletionSource();
            worker.On.Message(_ => ready.TrySetResult());
            worker.PostMessage("ping");
            await ready.Task;

            Assert.Equal(1, await worker.TerminateAsync());
            Assert.Equal(1, worker.ExitCode);
        });
    }

    [Fact]
    public void An_uncaught_exception_in_the_worker_is_error_then_exit_1_and_the_workers_exit_code_is_kept()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        var failing = new Worker(loop, async (workerLoop, _) =>
        {
            await workerLoop.DelayAsync(1);
            throw new InvalidOperationException("worker failed");
        });
        failing.On.Error(error => log.Add($"error {error.Message}")).On.Exit(code => log.Add($"exit {code}"));
        var exiting = new Worker(loop, (workerLoop, _) =>
        {
            workerLoop.ExitCode = 7;
            return Task.CompletedTask;
        });
        exiting.On.Exit(code => log.Add($"other exit {code}"));

        Assert.False(loop.Run());

        Assert.Equal(["error worker failed", "exit 1"], log.Where(line => !line.StartsWith("other", StringComparison.Ordinal)));
        Assert.Contains("other exit 7", log);
    }

    [Fact]
    public void A_workers_error_with_no_listener_is_uncaught_on_the_parent_loop()
    {
        using var loop = new EventLoop();
        Exception? uncaught = null;
        loop.UncaughtException += error => uncaught = error;
        _ = new Worker(loop, (_, _) => throw new FormatException("thrown at once"));

        Assert.False(loop.Run());

        Assert.Equal("thrown at once", uncaught?.Message);
    }

    [Fact]
    public void An_unrefd_worker_does_not_keep_its_parent_alive_and_one_terminated_whenever_exits_with_1()
    {
        using var loop = new EventLoop();
        var listening = new Worker(loop, Listen);
        listening.Unref();
        Assert.False(loop.Run()); // L2: the worker runs on, but does not hold its parent

        var terminated = new Worker(loop, Listen);
        _ = terminated.TerminateAsync(); // before its thread runs, or while its port waits: either way, 1
        listening.Ref();
        _ = listening.TerminateAsync();
        Assert.False(loop.Run());

        Assert.Equal((1, 1), (terminated.ExitCode, listening.ExitCode));
    }

    /// <summary>A worker program that listens on its port, and so runs until terminated.</summary>
    private static Task Listen(EventLoop loop, WorkerPort parent)
    {
        parent.On.Message(_ => { });
        return Task.CompletedTask;
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        using var loop = new EventLoop();
        Assert.Equal("main", Assert.Throws<ArgumentNullException>(() => new Worker(loop, null!)).ParamName);
        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => new Worker(null!, (_, _) => Task.CompletedTask)).ParamName);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => new Worker(loop, (_, _) => Task.CompletedTask)));
    }
}
