namespace Loopwire.Tests;

/// <summary>AsyncHandle: sends from any thread, coalescing (libuv's async test).</summary>
public sealed class AsyncHandleTests
{
    [Fact]
    public void Sends_before_the_loop_handles_them_coalesce_into_one_callback()
    {
        // L11
        using var loop = new EventLoop();
        int calls = 0;
        var async = new AsyncHandle(loop, () => calls++);

        async.Send();
        async.Send();
        async.Send();
        loop.Run(RunMode.NoWait);

        Assert.Equal(1, calls);
        async.Close();
        Assert.False(loop.Run());
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Send_after_the_callback_ran_gives_another_callback()
    {
        // L11
        using var loop = new EventLoop();
        int calls = 0;
        var async = new AsyncHandle(loop, () => calls++);

        async.Send();
        loop.Run(RunMode.NoWait);
        async.Send();
        loop.Run(RunMode.NoWait);

        Assert.Equal(2, calls);
        async.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Send_from_inside_the_callback_gives_another_callback()
    {
        // L11: the pending flag is cleared before the callback runs.
        using var loop = new EventLoop();
        int calls = 0;
        AsyncHandle? async = null;
        async = new AsyncHandle(loop, () =>
        {
            if (++calls == 1)
            {
                async!.Send();
            }
            else
            {
                async!.Close();
            }
        });
        async.Send();

        Assert.False(loop.Run());

        Assert.Equal(2, calls);
    }

    [Fact]
    public void Every_send_from_another_thread_made_after_the_callback_ran_is_delivered()
    {
        // L11 (libuv async): a thread sends, waits for the loop to answer, and sends again.
        using var loop = new EventLoop();
        const int Rounds = 200;
        using var answered = new SemaphoreSlim(0);
        int calls = 0;
        int loopThread = Environment.CurrentManagedThreadId;
        AsyncHandle? async = null;
        async = new AsyncHandle(loop, () =>
        {
            Assert.Equal(loopThread, Environment.CurrentManagedThreadId);
            if (++calls == Rounds)
            {
                async!.Close();
            }

            answered.Release();
        });
        bool senderFinished = false;
        var sender = new Thread(() =>
        {
            for (int i = 0; i < Rounds; i++)
            {
                async.Send();
                if (!answered.Wait(TimeSpan.FromSeconds(30)))
                {
                    return;
                }
            }

            senderFinished = true;
        });
        sender.Start();

        Assert.False(loop.Run());
        sender.Join();

        Assert.True(senderFinished);
        Assert.Equal(Rounds, calls);
    }

    [Fact]
    public void Sends_from_many_threads_coalesce_and_the_last_send_is_always_followed_by_a_callback()
    {
        // L11: any number of concurrent sends; the callback runs at least once after the last of them.
        using var loop = new EventLoop();
        const int Threads = 4;
        const int SendsPerThread = 10_000;
        int sent = 0;
        int calls = 0;
        int lastObserved = 0;
        int threadsDone = 0;
        var async = new AsyncHandle(loop, () =>
        {
            calls++;
            lastObserved = Volatile.Read(ref sent);
        });
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < SendsPerThread; i++)
            {
                Interlocked.Increment(ref sent);
                async.Send();
            }

            // Posted after this thread's last send: when all of these ran, every send has been answered.
            loop.Post(() =>
            {
                if (++threadsDone == Threads)
                {
                    async.Close();
                }
            });
        })).ToList();
        threads.ForEach(t => t.Start());

        Assert.False(loop.Run());
        threads.ForEach(t => t.Join());

        Assert.InRange(calls, 1, Threads * SendsPerThread);
        Assert.Equal(Threads * SendsPerThread, lastObserved);
    }

    [Fact]
    public void Callback_never_runs_once_the_handle_is_closed()
    {
        // L10, L11: a send that arrives after close is dropped.
        using var loop = new EventLoop();
        int calls = 0;
        var async = new AsyncHandle(loop, () => calls++);
        async.Send();
        async.Close();
        async.Send();

        Assert.False(loop.Run());
        loop.SetImmediate(() => { });
        loop.Run();

        Assert.Equal(0, calls);
    }
}
