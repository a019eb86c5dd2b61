using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Loop;

/// <summary>1M immediates queued at once with the state overload, then run in one check phase.</summary>
public sealed class ImmediateFanoutScenario : CompareScenario
{
    // One loop for every run, as Node has: its queues are grown by the warm-up run.
    private readonly EventLoop _loop = new();

    private const int Immediates = 1_000_000;

    private static readonly Action<Counter> Increment = static counter => counter.Count++;

    public override string Name => "immediate-fanout";

    public override string NodeScript => "immediate-fanout.js";

    public override long Operations => Immediates;

    public override void Run()
    {
        EventLoop loop = _loop;
        var counter = new Counter();
        for (int i = 0; i < Immediates; i++)
        {
            loop.SetImmediate(Increment, counter);
        }

        loop.Run();
    }

    private sealed class Counter
    {
        public int Count;
    }
}
