namespace Loopwire.Tests;

/// <summary>Many threads posting to one loop at once.</summary>
public sealed class StressTests
{
    private const int Producers = 8;
    private const int PostsPerProducer = 250_000;

    [Fact]
    public void Callbacks_posted_by_eight_threads_each_run_exactly_once_in_order_per_producer()
    {
        // L3, L11: the inbox loses nothing, duplicates nothing and keeps each producer's order.
        using var loop = new EventLoop();
        var tally = new Tally(new AsyncHandle(loop, () => { }));
        using var start = new ManualResetEventSlim();
        var producers = Enumerable.Range(0, Producers).Select(producer => new Thread(() =>
        {
            start.Wait();
            for (int sequence = 0; sequence < PostsPerProducer; sequence++)
            {
                loop.Post(static (message) => message.Tally.Receive(message.Producer, message.Sequence), new Message(tally, producer, sequence));
            }
        })).ToList();
        producers.ForEach(p => p.Start());
        start.Set();

        Assert.False(loop.Run());
        producers.ForEach(p => p.Join());

        Assert.Equal(0, tally.OutOfOrder);
        Assert.All(tally.Next, next => Assert.Equal(PostsPerProducer, next));
        Assert.Equal(Producers * PostsPerProducer, tally.Total);
    }

    [Fact]
    public void Stop_from_another_thread_is_never_lost_while_the_loop_goes_to_sleep()
    {
        // L5: however the stop races with the poll's decision to sleep, Run returns.
        for (int i = 0; i < 2_000; i++)
        {
            using var loop = new EventLoop();
            var keepAlive = new AsyncHandle(loop, () => { });
            var stopper = new Thread(loop.Stop);
            stopper.Start();

            Assert.True(loop.Run());

            stopper.Join();
            keepAlive.Close();
            Assert.False(loop.Run());
        }
    }

    private readonly record struct Message(Tally Tally, int Producer, int Sequence);

    /// <summary>Counts on the loop thread; closes the keep-alive handle when every post has arrived.</summary>
    private sealed class Tally(AsyncHandle keepAlive)
    {
        public int[] Next { get; } = new int[Producers];

        public int OutOfOrder { get; private set; }

        public int Total { get; private set; }

        public void Receive(int producer, int sequence)
        {
            if (Next[producer] != sequence)
            {
                OutOfOrder++;
            }

            Next[producer] = sequence + 1;
            if (++Total == Producers * PostsPerProducer)
            {
                keepAlive.Close();
            }
        }
    }
}
