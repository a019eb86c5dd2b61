using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Loop;

/// <summary>5M next ticks, each queueing the next: the cost of one tick through the drain (N1).</summary>
public sealed class NextTickChainScenario : CompareScenario
{
    // One loop for every run, as Node has: its queues are grown by the warm-up run.
    private readonly EventLoop _loop = new();

    private const int Ticks = 5_000_000;

    public override string Name => "nexttick-chain";

    public override string NodeScript => "nexttick-chain.js";

    public override long Operations => Ticks;

    public override void Run()
    {
        EventLoop loop = _loop;
        var chain = new Chain(loop);
        loop.SetImmediate(static chain => chain.Loop.NextTick(Chain.Step, chain), chain);
        loop.Run();
    }

    private sealed class Chain(EventLoop loop)
    {
        // A static lambda, created once: no allocation per tick, and (unlike a delegate to a static method, which
        // goes through a shuffle thunk) invoked as directly as Node's closure.
        public static readonly Action<Chain> Step = static chain =>
        {
            if (++chain.Count < Ticks)
            {
                chain.Loop.NextTick(Step!, chain);
            }
        };

        public EventLoop Loop { get; } = loop;

        public int Count { get; private set; }
    }
}
