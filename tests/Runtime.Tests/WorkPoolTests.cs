using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>The work pool: QueueWork, QueueWorkAsync, cancellation (libuv's threadpool and threadpool-cancel tests).</summary>
public sealed class WorkPoolTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public void Work_runs_on_a_pool_thread_and_its_completion_on_the_loop_thread()
    {
        // L12
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        int workThread = -1;
        string? workThreadName = null;
        int completionThread = -1;
        Exception? reported = new InvalidOperationException("not completed");

        WorkRequest request = loop.QueueWork(
            () =>
            {
                workThread = Environment.CurrentManagedThreadId;
                workThreadName = Thread.CurrentThread.Name;
            },
            error =>
            {
                completionThread = Environment.CurrentManagedThreadId;
                reported = error;
            });

        Assert.False(loop.Run());

        Assert.NotEqual(loopThread, workThread);
        Assert.StartsWith("Loopwire pool", workThreadName);
        Assert.Equal(loopThread, completionThread);
        Assert.Null(reported);
        Assert.True(request.IsCompleted);
    }

    [Fact]
    public void Exception_thrown_by_work_is_passed_to_its_completion()
    {
        // L12
        using var loop = new EventLoop();
        var thrown = new InvalidOperationException("work failed");
        Exception? reported = null;
        loop.QueueWork(() => throw thrown, error => reported = error);

        Assert.False(loop.Run());

        Assert.Same(thrown, reported);
    }

    [Fact]
    public void State_overload_hands_its_state_to_the_work_and_the_result_to_the_loop()
    {
        // L12: the state travels to the pool thread without a closure; the result comes back on the loop thread.
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        int workThread = 0;
        int? completedOn = null;
        int result = 0;
        loop.QueueWork(
            static text => (Length: text.Length, Thread: Environment.CurrentManagedThreadId),
            "four",
            (error, outcome) =>
            {
                Assert.Null(error);
                (result, workThread) = outcome;
                completedOn = Environment.CurrentManagedThreadId;
            });

        Assert.False(loop.Run());

        Assert.Equal(4, result);
        Assert.NotEqual(loopThread, workThread);
        Assert.Equal(loopThread, completedOn);
        Assert.Equal("afterWork", Assert.Throws<ArgumentNullException>(() => loop.QueueWork(static (string s) => s, "x", null!)).ParamName);
    }

    [Fact]
    public void Result_of_work_is_passed_to_its_completion()
    {
        // L12
        using var loop = new EventLoop();
        var results = new List<string?>();
        loop.QueueWork(() => "forty-two", (error, result) => results.Add(error is null ? result : "error"));
        loop.QueueWork<string>(() => throw new IOException(), (error, result) => results.Add(error is IOException ? result ?? "default" : "no error"));

        Assert.False(loop.Run());

        Assert.Equal(["default", "forty-two"], results.Order());
    }

    [Fact]
    public void Cancelling_queued_work_skips_it_and_reports_cancellation()
    {
        // L12 (libuv threadpool-cancel)
        using EventLoop loop = PoolBlocker.LoopWithBusyPool(out PoolBlocker blocker);
        bool ran = false;
        Exception? reported = null;
        WorkRequest request = loop.QueueWork(() => ran = true, error => reported = error);

        Assert.True(request.Cancel());
        Assert.False(request.Cancel());
        blocker.Release();
        Assert.False(loop.Run());

        Assert.False(ran);
        Assert.IsType<OperationCanceledException>(reported);
        Assert.True(request.IsCompleted);
    }

    [Fact]
    public void Cancelling_work_that_already_started_fails_and_it_completes_normally()
    {
        // L12: only queued work can be cancelled.
        using var loop = new EventLoop(new EventLoopOptions { ThreadPoolSize = 1 });
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Exception? reported = new InvalidOperationException("not completed");
        WorkRequest request = loop.QueueWork(
            () =>
            {
                started.Set();
                release.Wait();
            },
            error => reported = error);
        Assert.True(started.Wait(Generous));

        Assert.False(request.Cancel());
        release.Set();
        Assert.False(loop.Run());

        Assert.Null(reported);
        Assert.False(request.Cancel());
    }

    [Fact]
    public void Pool_never_runs_more_work_at_once_than_its_size()
    {
        // L12: bounded pool; pairs of work items meet at a barrier, proving two run at once, never three.
        using var loop = new EventLoop(new EventLoopOptions { ThreadPoolSize = 2 });
        using var pair = new Barrier(2);
        int running = 0;
        int maxRunning = 0;
        int barrierTimeouts = 0;
        var threads = new HashSet<int>();
        int completed = 0;
        for (int i = 0; i < 6; i++)
        {
            loop.QueueWork(
                () =>
                {
                    int now = Interlocked.Increment(ref running);
                    InterlockedMax(ref maxRunning, now);
                    lock (threads)
                    {
                        threads.Add(Environment.CurrentManagedThreadId);
                    }

                    if (!pair.SignalAndWait(Generous))
                    {
                        Interlocked.Increment(ref barrierTimeouts);
                    }

                    Interlocked.Decrement(ref running);
                },
                _ => completed++);
        }

        Assert.False(loop.Run());

        Assert.Equal(6, completed);
        Assert.Equal(0, barrierTimeouts);
        Assert.Equal(2, maxRunning);
        Assert.Equal(2, threads.Count);
    }

    [Fact]
    public void Completion_can_queue_more_work()
    {
        // L12: a chain of work keeps the loop alive to its end.
        using var loop = new EventLoop();
        int done = 0;
        void Next(Exception? error)
        {
            Assert.Null(error);
            if (++done < 10)
            {
                loop.QueueWork(() => { }, Next);
            }
        }

        loop.QueueWork(() => { }, Next);

        Assert.False(loop.Run());
        Assert.Equal(10, done);
    }

    [Fact]
    public void QueueWorkAsync_result_is_awaited_on_the_loop_thread()
    {
        // L12: the task completes on the loop, so await resumes there.
        int loopThread = -1;
        int resumedOn = -1;
        int result = 0;

        int exitCode = EventLoop.RunMain(async loop =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            result = await loop.QueueWorkAsync(() => 6 * 7);
            await loop.QueueWorkAsync(() => { });
            resumedOn = Environment.CurrentManagedThreadId;
        });

        Assert.Equal(0, exitCode);
        Assert.Equal(42, result);
        Assert.Equal(loopThread, resumedOn);
    }

    [Fact]
    public void QueueWorkAsync_fault_is_rethrown_by_await()
    {
        // L12
        Exception? caught = null;

        EventLoop.RunMain(async loop =>
        {
            try
            {
                await loop.QueueWorkAsync<string, int>(static message => throw new IOException(message), "disk on fire");
            }
            catch (IOException error)
            {
                caught = error;
            }
        });

        Assert.Equal("disk on fire", caught?.Message);
    }

    [Fact]
    public void QueueWorkAsync_cancelled_while_queued_is_cancelled_and_never_runs()
    {
        // L12: the token cancels queued work; the task ends cancelled.
        using EventLoop loop = PoolBlocker.LoopWithBusyPool(out PoolBlocker blocker);
        using var cancellation = new CancellationTokenSource();
        bool ran = false;
        Task task = loop.QueueWorkAsync(() => ran = true, cancellation.Token);
        bool observed = false;
        task.ContinueWith(
            t =>
            {
                observed = t.IsCanceled;
                blocker.Release();
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            loop.TaskScheduler);

        cancellation.Cancel();
        Assert.False(loop.Run());

        Assert.True(observed);
        Assert.True(task.IsCanceled);
        Assert.False(ran);
    }

    [Fact]
    public void QueueWorkAsync_with_a_cancelled_token_returns_a_cancelled_task()
    {
        // L12
        using var loop = new EventLoop();
        bool ran = false;

        Task task = loop.QueueWorkAsync(() => ran = true, new CancellationToken(canceled: true));

        Assert.True(task.IsCanceled);
        Assert.False(loop.Run());
        Assert.False(ran);
    }

    [Fact]
    public void Shared_pool_has_libuv_s_default_size_unless_configured()
    {
        // L12: 4 threads by default, LOOPWIRE_THREADPOOL_SIZE otherwise (clamped to 1..1024).
        string? configured = Environment.GetEnvironmentVariable("LOOPWIRE_THREADPOOL_SIZE");
        int expected = int.TryParse(configured, out int size) ? Math.Clamp(size, WorkPool.MinSize, WorkPool.MaxSize) : 4;

        Assert.Equal(4, WorkPool.DefaultSize);
        Assert.Equal(expected, WorkPool.Shared.Size);
    }

    [Fact]
    public void Pool_sizes_at_the_bounds_are_accepted()
    {
        // L12: 1 and 1024 are valid; workers start only on first use.
        using var smallest = new WorkPool(WorkPool.MinSize);
        using var largest = new WorkPool(WorkPool.MaxSize);

        Assert.Equal(1, smallest.Size);
        Assert.Equal(1024, largest.Size);
        Assert.Equal(1024, new EventLoopOptions { ThreadPoolSize = 1024 }.ThreadPoolSize);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
