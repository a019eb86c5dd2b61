using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Loop;

/// <summary>4 threads × 1M posts to the loop; the baseline is a bare <see cref="System.Threading.Channels.Channel{T}"/> hand-off of the same shape.</summary>
public sealed class PostThreadsScenario : CompareScenario
{
    // One loop for every run, as Node has: its queues are grown by the warm-up run.
    private readonly EventLoop _loop = new();

    internal const int Producers = 4;
    internal const int PostsPerProducer = 1_000_000;

    private static readonly Action<Counter> Increment = static counter =>
    {
        if (++counter.Count == Producers * PostsPerProducer)
        {
            counter.Done!.Close();
        }
    };

    public override string Name => "post-threads";

    public override string NodeScript => "post-threads.js";

    public override long Operations => Producers * PostsPerProducer;

    public override CompareScenario Baseline => new ChannelHandOffScenario();

    public override void Run()
    {
        EventLoop loop = _loop;
        var counter = new Counter();
        counter.Done = new AsyncHandle(loop, static () => { }); // keeps the loop alive until the last post arrives
        Thread[] producers = Enumerable.Range(0, Producers)
            .Select(_ => new Thread(() =>
            {
                for (int i = 0; i < PostsPerProducer; i++)
                {
                    loop.Post(Increment, counter);
                }
            }))
            .ToArray();
        foreach (Thread producer in producers)
        {
            producer.Start();
        }

        loop.Run();
        foreach (Thread producer in producers)
        {
            producer.Join();
        }
    }

    private sealed class Counter
    {
        public int Count;
        public AsyncHandle? Done;
    }
}
