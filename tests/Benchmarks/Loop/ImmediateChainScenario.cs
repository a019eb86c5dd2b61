using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Loop;

/// <summary>2M immediates, each queueing the next, so each runs in its own loop iteration (N6).</summary>
public sealed class ImmediateChainScenario : CompareScenario
{
    // One loop for every run, as Node has: its queues are grown by the warm-up run.
    private readonly EventLoop _loop = new();

    private const int Immediates = 2_000_000;

    public override string Name => "immediate-chain";

    public override string NodeScript => "immediate-chain.js";

    public override long Operations => Immediates;

    public override void Run()
    {
        EventLoop loop = _loop;
        loop.SetImmediate(Chain.Step, new Chain(loop));
        loop.Run();
    }

    private sealed class Chain(EventLoop loop)
    {
        // A static lambda, created once: no allocation per immediate, and no shuffle thunk per call, as a delegate
        // to a static method would have.
        public static readonly Action<Chain> Step = static chain =>
        {
            if (++chain.Count < Immediates)
            {
                chain.Loop.SetImmediate(Step!, chain);
            }
        };

        public EventLoop Loop { get; } = loop;

        public int Count { get; private set; }
    }
}
