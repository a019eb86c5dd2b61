using System.Diagnostics;
using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Loop;

/// <summary>
/// 500k timeouts spread over 0–99 ms. The loop must wait ~99 ms whatever it does; what counts is the overhead,
/// the time beyond the last due time.
/// </summary>
public sealed class TimersScenario : CompareScenario
{
    // One loop for every run, as Node has: its queues are grown by the warm-up run.
    private readonly EventLoop _loop = new();

    private const int Timeouts = 500_000;
    private const int Spread = 100;

    private static readonly Action<Counter> Increment = static counter => counter.Count++;

    public override string Name => "timers";

    public override string NodeScript => "timers.js";

    public override long Operations => Timeouts;

    public override void Run() => Measure();

    public override TimeSpan Measure()
    {
        EventLoop loop = _loop;
        var counter = new Counter();
        // The loop's cached time dates from the previous run's end; without this the timeouts would be due early.
        loop.UpdateTime();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Timeouts; i++)
        {
            loop.SetTimeout(Increment, counter, i % Spread);
        }

        loop.Run();
        return Stopwatch.GetElapsedTime(start) - TimeSpan.FromMilliseconds(Spread - 1);
    }

    private sealed class Counter
    {
        public int Count;
    }
}
