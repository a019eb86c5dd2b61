namespace Loopwire.Tests;

/// <summary>Post: callbacks from any thread, run on the loop thread in the poll phase.</summary>
public sealed class CrossThreadTests
{
    [Fact]
    public void Post_from_another_thread_runs_on_the_loop_thread_in_the_poll_phase()
    {
        // L3: posts run between prepare and check.
        using var loop = new EventLoop();
        var log = new List<string>();
        var keepAlive = new AsyncHandle(loop, () => { });
        var prepare = new PrepareHandle(loop);
        var check = new CheckHandle(loop);
        prepare.Start(() => log.Add("prepare"));
        check.Start(() => log.Add("check"));
        prepare.Unref();
        check.Unref();
        int loopThread = Environment.CurrentManagedThreadId;
        int ranOn = -1;
        var poster = new Thread(() => loop.Post(() =>
        {
            ranOn = Environment.CurrentManagedThreadId;
            log.Add("post");
            keepAlive.Close();
        }));
        poster.Start();

        Assert.False(loop.Run());
        poster.Join();

        Assert.Equal(loopThread, ranOn);
        int index = log.IndexOf("post");
        Assert.Equal("prepare", log[index - 1]);
        Assert.Equal("check", log[index + 1]);
        prepare.Close();
        check.Close();
        loop.Run();
    }

    [Fact]
    public void Posts_from_one_thread_run_in_the_order_posted()
    {
        // L3: the inbox is FIFO per producer.
        using var loop = new EventLoop();
        const int Count = 10_000;
        var received = new List<int>(Count);
        var keepAlive = new AsyncHandle(loop, () => { });
        var poster = new Thread(() =>
        {
            for (int i = 0; i < Count; i++)
            {
                loop.Post(
                    static (state) =>
                    {
                        state.Received.Add(state.Index);
                        if (state.Index == Count - 1)
                        {
                            state.KeepAlive.Close();
                        }
                    },
                    (Received: received, Index: i, KeepAlive: keepAlive));
            }
        });
        poster.Start();

        Assert.False(loop.Run());
        poster.Join();

        Assert.Equal(Enumerable.Range(0, Count), received);
    }

    [Fact]
    public void Post_from_the_loop_thread_runs_in_the_next_poll_phase()
    {
        // L3: a post made in the check phase waits for the next iteration's poll.
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.SetImmediate(() =>
        {
            loop.Post(() => log.Add("post"));
            loop.SetImmediate(() => log.Add("next immediate"));
            log.Add("immediate");
        });

        loop.Run();

        Assert.Equal(["immediate", "post", "next immediate"], log);
    }

    [Fact]
    public void Post_wakes_a_loop_blocked_in_the_poll()
    {
        // L4, L13: Run(Once) sleeps without a timeout until the post arrives.
        using var loop = new EventLoop();
        var keepAlive = new AsyncHandle(loop, () => { });
        int ran = 0;
        var poster = new Thread(() => loop.Post(() => ran++));
        poster.Start();

        Assert.True(loop.Run(RunMode.Once));

        Assert.Equal(1, ran);
        poster.Join();
        keepAlive.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Ticks_queued_by_a_post_drain_before_the_next_post()
    {
        // N2: inbox callbacks are callbacks from the outside.
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.Post(() =>
        {
            log.Add("post 1");
            loop.NextTick(() => log.Add("tick"));
        });
        loop.Post(() => log.Add("post 2"));
        loop.SetImmediate(() => { });

        loop.Run();

        Assert.Equal(["post 1", "tick", "post 2"], log);
    }
}
