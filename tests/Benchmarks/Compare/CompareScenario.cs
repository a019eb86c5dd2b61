using System.Diagnostics;

namespace Loopwire.Benchmarks.Compare;

/// <summary>
/// One workload measured side by side in Loopwire and in Node. Subclasses are found by <see cref="CompareRunner"/>;
/// each names the Node twin under <c>node/</c>, which prints one line <c>ns/op=&lt;number&gt;</c>.
/// </summary>
public abstract class CompareScenario
{
    /// <summary>The scenario's name on the command line and in the BENCH line, e.g. "nexttick-chain".</summary>
    public abstract string Name { get; }

    /// <summary>The Node twin's file name under <c>node/</c>; empty for a scenario that only serves as a <see cref="Baseline"/>.</summary>
    public abstract string NodeScript { get; }

    /// <summary>How many operations one <see cref="Run"/> performs.</summary>
    public abstract long Operations { get; }

    /// <summary>A second Loopwire-side measure reported in the same run, e.g. a bare <c>Channel&lt;T&gt;</c> hand-off.</summary>
    public virtual CompareScenario? Baseline => null;

    /// <summary>Performs <see cref="Operations"/> operations once.</summary>
    public abstract void Run();

    /// <summary>The time that counts for one run; by default all of it.</summary>
    public virtual TimeSpan Measure()
    {
        long start = Stopwatch.GetTimestamp();
        Run();
        return Stopwatch.GetElapsedTime(start);
    }
}
