namespace Loopwire.Tests;

/// <summary>await on the loop: the synchronization context and task scheduler installed by Run.</summary>
public sealed class SynchronizationContextTests
{
    [Fact]
    public void Run_installs_the_loop_context_and_restores_the_caller_s()
    {
        // N3: while Run executes, SynchronizationContext.Current is the loop's.
        using var loop = new EventLoop();
        SynchronizationContext? previous = SynchronizationContext.Current;
        var callers = new SynchronizationContext();
        SynchronizationContext? during = null;
        SynchronizationContext.SetSynchronizationContext(callers);
        try
        {
            loop.SetImmediate(() => during = SynchronizationContext.Current);
            loop.Run();

            Assert.Same(loop.SynchronizationContext, during);
            Assert.Same(callers, SynchronizationContext.Current);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Fact]
    public void Await_of_work_completed_on_another_thread_resumes_on_the_loop_thread()
    {
        // N3 and its listed difference: continuations from other threads come back through the inbox.
        int loopThread = -1;
        int otherThread = -1;
        int resumedOn = -1;

        int exitCode = EventLoop.RunMain(async loop =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            await Task.Run(() => otherThread = Environment.CurrentManagedThreadId);
            resumedOn = Environment.CurrentManagedThreadId;
        });

        Assert.Equal(0, exitCode);
        Assert.NotEqual(loopThread, otherThread);
        Assert.Equal(loopThread, resumedOn);
    }

    [Fact]
    public void Async_void_fault_surfaces_as_an_uncaught_exception()
    {
        // N8: the async void method's exception is posted to the loop's context.
        using var loop = new EventLoop();
        var error = new InvalidOperationException("async void");
        Exception? caught = null;
        loop.UncaughtException += e => caught = e;

        async void Fire()
        {
            await Task.Yield();
            throw error;
        }

        loop.SetImmediate(Fire);
        loop.Run();

        Assert.Same(error, caught);
    }

    [Fact]
    public void Tasks_queued_to_the_loop_scheduler_from_the_loop_thread_are_microtasks()
    {
        // N3: FIFO with QueueMicrotask, before the next immediate.
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.SetImmediate(() =>
        {
            loop.QueueMicrotask(() => log.Add("microtask"));
            Task.Factory.StartNew(() => log.Add("task"), CancellationToken.None, TaskCreationOptions.None, loop.TaskScheduler);
            log.Add("immediate");
        });
        loop.SetImmediate(() => log.Add("next immediate"));

        loop.Run();

        Assert.Equal(["immediate", "microtask", "task", "next immediate"], log);
    }

    [Fact]
    public void Tasks_queued_to_the_loop_scheduler_from_another_thread_run_on_the_loop_thread()
    {
        // N3: from other threads the scheduler posts through the inbox.
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        int ranOn = -1;
        var keepAlive = new AsyncHandle(loop, () => { });
        var other = new Thread(() => Task.Factory.StartNew(
            () =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                keepAlive.Close();
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            loop.TaskScheduler));
        other.Start();

        Assert.False(loop.Run());
        other.Join();

        Assert.Equal(loopThread, ranOn);
    }

    [Fact]
    public void Send_runs_inline_on_the_loop_thread_and_is_refused_elsewhere()
    {
        // N3: a blocking Send from another thread would deadlock a busy loop.
        using var loop = new EventLoop();
        SynchronizationContext context = loop.SynchronizationContext;
        bool ran = false;

        context.Send(_ => ran = true, null);
        Exception? fromOther = null;
        var other = new Thread(() => fromOther = Record.Exception(() => context.Send(_ => { }, null)));
        other.Start();
        other.Join();

        Assert.True(ran);
        Assert.IsType<NotSupportedException>(fromOther);
    }
}
