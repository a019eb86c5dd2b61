using BenchmarkDotNet.Attributes;

namespace Loopwire.Benchmarks.Loop;

/// <summary>Per-callback cost and allocation of the loop's queues, 1,000 callbacks per invocation.</summary>
[MemoryDiagnoser]
public class LoopBenchmarks
{
    private const int Callbacks = 1000;

    private EventLoop _loop = null!;
    private Counter _counter = null!;
    private CheckHandle _check = null!;

    [GlobalSetup]
    public void Setup()
    {
        _loop = new EventLoop();
        _counter = new Counter(_loop);
        _check = new CheckHandle(_loop);
    }

    [GlobalCleanup]
    public void Cleanup() => _loop.Dispose();

    [Benchmark(OperationsPerInvoke = Callbacks)]
    public void NextTickChain()
    {
        _counter.Remaining = Callbacks;
        _loop.SetImmediate(static counter => counter.Loop.NextTick(Counter.TickAgain, counter), _counter);
        _loop.Run();
    }

    [Benchmark(OperationsPerInvoke = Callbacks)]
    public void MicrotaskFanout()
    {
        _loop.SetImmediate(static counter =>
        {
            for (int i = 0; i < Callbacks; i++)
            {
                counter.Loop.QueueMicrotask(Counter.Increment, counter);
            }
        }, _counter);
        _loop.Run();
    }

    [Benchmark(OperationsPerInvoke = Callbacks)]
    public void ImmediateFanout()
    {
        for (int i = 0; i < Callbacks; i++)
        {
            _loop.SetImmediate(Counter.Increment, _counter);
        }

        _loop.Run();
    }

    [Benchmark(OperationsPerInvoke = Callbacks)]
    public void CheckHandleIterations()
    {
        _check.Start(Counter.Increment, _counter);
        for (int i = 0; i < Callbacks; i++)
        {
            _loop.Run(RunMode.NoWait);
        }

        _check.Stop();
    }

    private sealed class Counter(EventLoop loop)
    {
        public EventLoop Loop { get; } = loop;

        public int Remaining { get; set; }

        public int Count { get; private set; }

        // Static lambdas, created once: a delegate to a static method would add a shuffle thunk to every call.
        public static readonly Action<Counter> Increment = static counter => counter.Count++;

        public static readonly Action<Counter> TickAgain = static counter =>
        {
            if (--counter.Remaining > 0)
            {
                counter.Loop.NextTick(TickAgain!, counter);
            }
        };
    }
}
